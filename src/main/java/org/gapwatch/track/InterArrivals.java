package org.gapwatch.track;

import java.util.Arrays;

/**
 * The most recent inter-arrival times of a source, for the median that staleness falls back on. A sorted copy is
 * kept beside the ring (the evicted value out, the new one in: 15 moves at most), so that the median a view asks
 * for at every change of a source neither sorts nor allocates.
 */
final class InterArrivals {
    private static final int SIZE = 15;
    private final long[] ring = new long[SIZE];
    private final long[] sorted = new long[SIZE];
    private int next;
    private int size;

    void add(long millis) {
        if (size == SIZE) {
            remove(ring[next]);
        } else {
            size++;
        }
        ring[next] = millis;
        next = (next + 1) % SIZE;
        insert(millis, size - 1);
    }

    /** Removes one occurrence of {@code v} from the sorted values (size unchanged: the next insert refills). */
    private void remove(long v) {
        int i = Arrays.binarySearch(sorted, 0, size, v);
        System.arraycopy(sorted, i + 1, sorted, i, size - 1 - i);
    }

    /** Inserts {@code v} into the first {@code n} sorted values (room for one more at n). */
    private void insert(long v, int n) {
        int i = n;
        while (i > 0 && sorted[i - 1] > v) {
            sorted[i] = sorted[i - 1];
            i--;
        }
        sorted[i] = v;
    }

    /** Median of the recent intervals, or -1 with fewer than 3 of them. */
    long median() {
        return size < 3 ? -1 : sorted[size / 2];
    }
}
