package org.gapwatch.track;

import java.util.Arrays;

/**
 * The last {@value #CAPACITY} in-order values of a source with their arrival times, exact and compact: 8 bytes a
 * point instead of 16 for the usual source (docs/benchmarks.md, Engine).
 * <ul>
 * <li>Numbers are kept as decimal mantissas, an int each at one decimal scale for the whole ring ({@code 21.3} is
 * 213 at scale 1), as long as every number of the ring is such a decimal: one that is not (or would overflow) turns
 * the ring into doubles for good. A mantissa is used only when it gives back the very same double, so nothing is
 * rounded.</li>
 * <li>Arrival times are int offsets from a base, moved forward when they no longer fit (after some 24 days); a ring
 * whose own span does not fit an int turns into longs.</li>
 * <li>The array for other values (strings, booleans, null) exists only once such a value arrives.</li>
 * </ul>
 */
final class ValueRing {
    static final int CAPACITY = 1000;
    private static final double[] POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};

    private int capacity = 4;
    /** Mantissas at {@link #scale} while every number fits; null once {@link #numbers} holds them. */
    private int[] mantissas = new int[capacity];
    private int scale;
    private double[] numbers;
    /** Arrival offsets from {@link #base}; null once {@link #arrivals} holds them. */
    private int[] offsets = new int[capacity];
    private long base;
    private long[] arrivals;
    private Object[] others;
    private int next;
    private int size;

    void addNumber(double value, long arrivalMillis) {
        int i = slot(arrivalMillis);
        putNumber(i, value);
        if (others != null) {
            others[i] = null;
        }
    }

    /** A non-numeric value: a String, a Boolean, or {@link ValuePoint#NULL}. */
    void addOther(Object value, long arrivalMillis) {
        int i = slot(arrivalMillis);
        if (others == null) {
            others = new Object[capacity];
        }
        if (mantissas != null) {
            mantissas[i] = 0;
        } else {
            numbers[i] = Double.NaN;
        }
        others[i] = value;
    }

    /** Oldest first. */
    ValuePoint[] toArray() {
        ValuePoint[] out = new ValuePoint[size];
        int start = Math.floorMod(next - size, capacity);
        for (int k = 0; k < size; k++) {
            int i = (start + k) % capacity;
            Object other = others == null ? null : others[i];
            out[k] = new ValuePoint(arrival(i), other != null ? Double.NaN : number(i), other);
        }
        return out;
    }

    int size() {
        return size;
    }

    /** True while the numbers are held as decimal mantissas (for tests and the memory benchmark). */
    boolean decimal() {
        return mantissas != null;
    }

    private double number(int i) {
        return mantissas != null ? mantissas[i] / POW10[scale] : numbers[i];
    }

    private long arrival(int i) {
        return offsets != null ? base + offsets[i] : arrivals[i];
    }

    /** The slot for the next point, with its arrival time written. */
    private int slot(long arrivalMillis) {
        if (size == capacity && size < CAPACITY) {
            grow(Math.min(CAPACITY, size * 2));
        }
        int i = next;
        next = (next + 1) % capacity;
        size = Math.min(size + 1, capacity);
        if (size == 1) {
            base = arrivalMillis;
        }
        putArrival(i, arrivalMillis);
        return i;
    }

    private void putArrival(int i, long t) {
        if (offsets != null) {
            long off = t - base;
            if (off == (int) off || rebase(i, t)) {
                offsets[i] = (int) (t - base);
                return;
            }
            arrivals = new long[capacity];
            for (int k = 0; k < capacity; k++) {
                arrivals[k] = base + offsets[k];
            }
            offsets = null;
        }
        arrivals[i] = t;
    }

    /** Moves the base to the earliest time kept (slot {@code i} about to hold {@code t}); false if the span is too wide. */
    private boolean rebase(int i, long t) {
        long lo = t;
        long hi = t;
        for (int k = 0; k < capacity; k++) {
            if (k != i && held(k)) {
                long a = base + offsets[k];
                lo = Math.min(lo, a);
                hi = Math.max(hi, a);
            }
        }
        if (hi - lo > Integer.MAX_VALUE) {
            return false;
        }
        for (int k = 0; k < capacity; k++) {
            if (k != i && held(k)) {
                offsets[k] = (int) (base + offsets[k] - lo);
            }
        }
        base = lo;
        return true;
    }

    /** Slot {@code k} holds a point (the ring holds {@code size} points ending before {@code next}). */
    private boolean held(int k) {
        return Math.floorMod(next - 1 - k, capacity) < size;
    }

    private void putNumber(int i, double v) {
        if (mantissas != null) {
            for (int k = scale; k < POW10.length; k++) {
                double m = v * POW10[k];
                if (m >= Integer.MIN_VALUE && m <= Integer.MAX_VALUE && m == Math.rint(m)
                        && Double.doubleToRawLongBits((int) m / POW10[k]) == Double.doubleToRawLongBits(v)) {
                    if (k == scale || rescale(i, k)) {
                        mantissas[i] = (int) m;
                        return;
                    }
                    break;
                }
            }
            numbers = new double[capacity];
            for (int k = 0; k < capacity; k++) {
                numbers[k] = mantissas[k] / POW10[scale];
            }
            mantissas = null;
        }
        numbers[i] = v;
    }

    /**
     * Moves every mantissa to the finer scale {@code to}; false (nothing changed) if one would overflow. The same
     * decimal at a finer scale gives back the same double: both are the double nearest to one rational number.
     */
    private boolean rescale(int i, int to) {
        double factor = POW10[to - scale];
        for (int k = 0; k < capacity; k++) {
            if (k != i && Math.abs(mantissas[k] * factor) > Integer.MAX_VALUE) {
                return false;
            }
        }
        int f = (int) factor;
        for (int k = 0; k < capacity; k++) {
            mantissas[k] *= f;
        }
        scale = to;
        return true;
    }

    private void grow(int n) {
        // Only grows while not yet wrapped, so the order is already oldest-first from 0.
        capacity = n;
        if (mantissas != null) {
            mantissas = Arrays.copyOf(mantissas, n);
        } else {
            numbers = Arrays.copyOf(numbers, n);
        }
        if (offsets != null) {
            offsets = Arrays.copyOf(offsets, n);
        } else {
            arrivals = Arrays.copyOf(arrivals, n);
        }
        if (others != null) {
            others = Arrays.copyOf(others, n);
        }
        next = size;
    }
}
