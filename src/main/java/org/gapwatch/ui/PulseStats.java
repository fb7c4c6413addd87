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

    /**
     * A copy of the samples held now, for reading while this one goes on counting: the copy is all that is done under
     * the lock that {@link #add} takes on the FX thread, not the sorting of each percentile.
     */
    public PulseStats copy() {
        PulseStats c = new PulseStats(ring.length);
        synchronized (this) {
            System.arraycopy(ring, 0, c.ring, 0, ring.length);
            c.next = next;
            c.count = count;
        }
        return c;
    }

    /** The {@code p}-th percentile (0..100) of the samples held, or 0 with none. */
    public long percentile(double p) {
        long[] copy;
        synchronized (this) {
            copy = Arrays.copyOf(ring, (int) Math.min(count, ring.length));
        }
        int n = copy.length;
        if (n == 0) {
            return 0;
        }
        Arrays.sort(copy);
        int i = (int) Math.ceil(p / 100.0 * n) - 1;
        return copy[Math.clamp(i, 0, n - 1)];
    }
}
