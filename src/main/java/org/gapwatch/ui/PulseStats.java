package org.gapwatch.ui;

import java.util.Arrays;

/** A ring of recent samples (e.g. pulse times in nanoseconds) with percentiles, for the bench and diagnostics. */
public final class PulseStats {
    private final long[] ring;
    private int next;
    private long count;

    public PulseStats(int size) {
        ring = new long[size];
    }

    public synchronized void add(long sample) {
        ring[next] = sample;
        next = (next + 1) % ring.length;
        count++;
    }

    public synchronized long count() {
        return count;
    }

    public synchronized void clear() {
        next = 0;
        count = 0;
    }

    /** The {@code p}-th percentile (0..100) of the samples held, or 0 with none. */
    public synchronized long percentile(double p) {
        int n = (int) Math.min(count, ring.length);
        if (n == 0) {
            return 0;
        }
        long[] copy = Arrays.copyOf(ring, n);
        Arrays.sort(copy);
        int i = (int) Math.ceil(p / 100.0 * n) - 1;
        return copy[Math.clamp(i, 0, n - 1)];
    }
}
