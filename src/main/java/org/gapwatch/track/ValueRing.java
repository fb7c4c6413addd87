package org.gapwatch.track;

import java.util.Arrays;

/**
 * The last {@value #CAPACITY} in-order values of a source with their arrival times, exact and compact
 * (docs/benchmarks.md, Engine): a source sending once a second with a few decimals costs three or four bytes a
 * point instead of sixteen.
 * <ul>
 * <li>Arrival times are a {@link DeltaRing}: two bytes a point while they come at most 65 s apart (a clock stepping
 * back turns them into plain longs).</li>
 * <li>Numbers are decimal mantissas at one scale for the whole ring ({@code 21.3} is 213 at scale 1), also a
 * {@link DeltaRing}, as long as every number is such a decimal; a mantissa is kept only when it gives back the very
 * same double, so nothing is rounded. A number that needs a finer scale moves the ring to it; one that is no such
 * decimal at all (or NaN, -0.0, infinite) turns the ring into doubles for good.</li>
 * <li>The array for other values (strings, booleans, null) exists only once such a value arrives.</li>
 * </ul>
 */
final class ValueRing {
    static final int CAPACITY = 1000;
    private static final int INITIAL = 4;
    private static final double[] POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13,
        1e14, 1e15};

    private DeltaRing arrivals = DeltaRing.rising(INITIAL, CAPACITY);
    /** Mantissas at {@link #scale} while every number is a short decimal; null once {@link #numbers} holds them. */
    private DeltaRing mantissas = DeltaRing.signed(INITIAL, CAPACITY);
    private int scale;
    private double[] numbers;
    private Object[] others;

    void addNumber(double value, long arrivalMillis) {
        if (mantissas != null) {
            long m = mantissa(value, scale);
            if (m == NONE) {
                int finer = scale + 1;
                while (finer < POW10.length && mantissa(value, finer) == NONE) {
                    finer++;
                }
                if (finer < POW10.length) {
                    rebuildAt(finer);
                } else {
                    toDoubles();
                }
                addNumber(value, arrivalMillis);
                return;
            }
            int i = arrivals.add(arrivalMillis);
            mantissas.add(m);
            fitOthers();
            if (others != null) {
                others[i] = null;
            }
            return;
        }
        int i = arrivals.add(arrivalMillis);
        fitOthers();
        numbers[i] = value;
        if (others != null) {
            others[i] = null;
        }
    }

    /** A non-numeric value: a String, a Boolean, or {@link ValuePoint#NULL}. */
    void addOther(Object value, long arrivalMillis) {
        int i = arrivals.add(arrivalMillis);
        if (mantissas != null) {
            mantissas.add(mantissas.size() == 0 ? 0 : mantissas.newest()); // a difference of 0: a byte or less
        }
        if (others == null) {
            others = new Object[arrivals.capacity()];
        }
        fitOthers();
        if (numbers != null) {
            numbers[i] = Double.NaN;
        }
        others[i] = value;
    }

    /** Oldest first. */
    ValuePoint[] toArray() {
        int cap = arrivals.capacity();
        long[] times = new long[cap];
        arrivals.bySlot(times);
        long[] ms = null;
        if (mantissas != null) {
            ms = new long[cap];
            mantissas.bySlot(ms);
        }
        int size = arrivals.size();
        ValuePoint[] out = new ValuePoint[size];
        int start = Math.floorMod(arrivals.newestSlot() + 1 - size, cap);
        for (int k = 0; k < size; k++) {
            int i = (start + k) % cap;
            Object other = others == null ? null : others[i];
            double number = other != null ? Double.NaN : ms != null ? ms[i] / POW10[scale] : numbers[i];
            out[k] = new ValuePoint(times[i], number, other);
        }
        return out;
    }

    int size() {
        return arrivals.size();
    }

    /** True while the numbers are held as decimal mantissas (for tests). */
    boolean decimal() {
        return mantissas != null;
    }

    private static final long NONE = Long.MIN_VALUE;

    /** The mantissa of {@code v} at scale {@code k} that gives back exactly {@code v}, or {@link #NONE}. */
    private static long mantissa(double v, int k) {
        double m = v * POW10[k];
        if (m > -0x1p53 && m < 0x1p53 && m == Math.rint(m)
                && Double.doubleToRawLongBits((long) m / POW10[k]) == Double.doubleToRawLongBits(v)) {
            return (long) m;
        }
        return NONE;
    }

    /**
     * Writes every point again at the finer scale {@code to}. The same decimal at a finer scale gives back the same
     * double (both are the double nearest to one rational number); a mantissa too large for it turns the ring into
     * doubles on the way, which is exact too.
     */
    private void rebuildAt(int to) {
        ValuePoint[] points = toArray();
        arrivals = DeltaRing.rising(INITIAL, CAPACITY);
        mantissas = DeltaRing.signed(INITIAL, CAPACITY);
        numbers = null;
        others = null;
        scale = to;
        for (ValuePoint p : points) {
            if (p.other() != null) {
                addOther(p.other(), p.arrivalMillis());
            } else {
                addNumber(p.number(), p.arrivalMillis());
            }
        }
    }

    private void toDoubles() {
        int cap = arrivals.capacity();
        long[] ms = new long[cap];
        mantissas.bySlot(ms);
        numbers = new double[cap];
        for (int k = 0; k < cap; k++) {
            numbers[k] = ms[k] / POW10[scale];
        }
        mantissas = null;
    }

    /** Grows the arrays kept by slot with the arrival ring (which grows only before it wraps: same order). */
    private void fitOthers() {
        int cap = arrivals.capacity();
        if (others != null && others.length < cap) {
            others = Arrays.copyOf(others, cap);
        }
        if (numbers != null && numbers.length < cap) {
            numbers = Arrays.copyOf(numbers, cap);
        }
    }
}
