package org.gapwatch.track;

import java.util.Arrays;

/**
 * The last {@value #CAPACITY} in-order values of a source with their arrival times. Numbers are kept unboxed; the
 * array for other values (strings, booleans, null) exists only once such a value arrives.
 */
final class ValueRing {
    static final int CAPACITY = 1000;
    /** Marks a slot whose value is in {@code others}. */
    private static final Object NUMBER = null;

    private double[] numbers = new double[4];
    private long[] arrivals = new long[4];
    private Object[] others;
    private int next;
    private int size;

    void addNumber(double value, long arrivalMillis) {
        int i = slot();
        numbers[i] = value;
        arrivals[i] = arrivalMillis;
        if (others != null) {
            others[i] = NUMBER;
        }
    }

    /** A non-numeric value: a String, a Boolean, or {@link ValuePoint#NULL}. */
    void addOther(Object value, long arrivalMillis) {
        int i = slot();
        if (others == null) {
            others = new Object[numbers.length];
        }
        numbers[i] = Double.NaN;
        arrivals[i] = arrivalMillis;
        others[i] = value;
    }

    private int slot() {
        if (size == numbers.length && size < CAPACITY) {
            int n = Math.min(CAPACITY, size * 2);
            numbers = Arrays.copyOf(numbers, n);
            arrivals = Arrays.copyOf(arrivals, n);
            if (others != null) {
                others = Arrays.copyOf(others, n);
            }
            next = size;
        }
        int i = next;
        next = (next + 1) % numbers.length;
        size = Math.min(size + 1, numbers.length);
        return i;
    }

    /** Oldest first. */
    ValuePoint[] toArray() {
        ValuePoint[] out = new ValuePoint[size];
        int start = Math.floorMod(next - size, numbers.length);
        for (int k = 0; k < size; k++) {
            int i = (start + k) % numbers.length;
            Object other = others == null ? null : others[i];
            out[k] = new ValuePoint(arrivals[i], numbers[i], other);
        }
        return out;
    }

    int size() {
        return size;
    }
}
