package org.gapwatch.track;

import java.util.Arrays;

/** The most recent inter-arrival times of a source, for the median that staleness falls back on. */
final class InterArrivals {
    private static final int SIZE = 15;
    private final long[] ring = new long[SIZE];
    private int next;
    private int size;

    void add(long millis) {
        ring[next] = millis;
        next = (next + 1) % SIZE;
        size = Math.min(size + 1, SIZE);
    }

    /** Median of the recent intervals, or -1 with fewer than 3 of them. */
    long median() {
        if (size < 3) {
            return -1;
        }
        long[] copy = Arrays.copyOf(ring, size);
        Arrays.sort(copy);
        return copy[size / 2];
    }
}
