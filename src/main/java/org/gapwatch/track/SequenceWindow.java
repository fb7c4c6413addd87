package org.gapwatch.track;

/** Which of the last {@value #SIZE} sequence numbers up to the highest have arrived: a ring of bits. */
final class SequenceWindow {
    static final int SIZE = 1024;
    private static final int MASK = SIZE - 1;
    private final long[] bits = new long[SIZE / 64];

    void clear() {
        java.util.Arrays.fill(bits, 0L);
    }

    boolean get(long seq) {
        int i = (int) (seq & MASK);
        return (bits[i >>> 6] & (1L << i)) != 0;
    }

    void set(long seq) {
        int i = (int) (seq & MASK);
        bits[i >>> 6] |= 1L << i;
    }

    /** Marks (from, to] as not arrived: called when the highest moves from {@code from} to {@code to}. */
    void clearAdvance(long from, long to) {
        if (to - from >= SIZE) {
            clear();
            return;
        }
        // Counted, not compared with `to`: `to` may be Long.MAX_VALUE.
        long s = from;
        for (long n = to - from; n > 0; n--) {
            int i = (int) (++s & MASK);
            bits[i >>> 6] &= ~(1L << i);
        }
    }
}
