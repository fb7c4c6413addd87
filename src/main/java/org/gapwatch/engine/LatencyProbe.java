package org.gapwatch.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.LongSupplier;

/**
 * Where the time from a datagram's arrival to the pulse that draws it goes, hop by hop, in microseconds (a bench
 * instrument, off unless {@link Engine#probe} is given one): for every datagram, its arrival stamp (the socket
 * thread's), when the writer took it from the ring, when the snapshot holding it was published, and when a pulse
 * first read a snapshot at least that new. The writer thread calls {@link #taken} and {@link #published}, the pulse
 * {@link #shown}; each side keeps its own state, and what passes between them is one queued batch per snapshot.
 *
 * <p>All stamps are epoch nanoseconds of one clock (the arrival stamps' wall clock at microsecond or better
 * resolution), so that no hop is rounded to a millisecond.
 */
public final class LatencyProbe {
    /** The hops, in the order a datagram goes through them; TOTAL is arrival to pulse. */
    public enum Hop { RING, PUBLISH, PULSE, TOTAL }

    /**
     * What a pulse draws that is made from an older snapshot than the one it reads (the states of the judgement, the
     * wall's model): its age at the pulse, from that snapshot's publication, one sample a pulse.
     */
    public enum Age { JUDGEMENT, WALL_MODEL }

    /** The reader's record of when each recent snapshot was published (by version, for {@link #aged}). */
    private static final int PUBLISHED_KEPT = 1 << 14;

    private record Batch(long version, long publishedNanos, long[] arrivals, long[] taken, int n) {
    }

    private final LongSupplier epochNanos;
    private final ConcurrentLinkedQueue<Batch> queue = new ConcurrentLinkedQueue<>();
    // The writer's own.
    private long[] arrivals = new long[256];
    private long[] taken = new long[256];
    private int pending;
    // The reader's own (the pulse; copies for the bench under the lock).
    private final long[][] samples = new long[Hop.values().length][];
    private int count;
    private final long[] publishedVersion = new long[PUBLISHED_KEPT];
    private final long[] publishedAt = new long[PUBLISHED_KEPT];
    private final long[][] ages = new long[Age.values().length][];
    private final int[] ageCount = new int[Age.values().length];

    /** @param epochNanos the clock every stamp is read from, epoch nanoseconds (see {@link #systemClock()}) */
    public LatencyProbe(LongSupplier epochNanos, int capacity) {
        this.epochNanos = epochNanos;
        for (int i = 0; i < samples.length; i++) {
            samples[i] = new long[capacity];
        }
        for (int i = 0; i < ages.length; i++) {
            ages[i] = new long[capacity];
        }
    }

    /** The wall clock at the system's resolution (microseconds or better), in epoch nanoseconds. */
    public static LongSupplier systemClock() {
        java.time.Clock c = java.time.Clock.systemUTC();
        return () -> {
            java.time.Instant i = c.instant();
            return i.getEpochSecond() * 1_000_000_000L + i.getNano();
        };
    }

    /** Writer thread: a datagram that arrived at {@code arrivalEpochNanos} is taken from the ring now. */
    void taken(long arrivalEpochNanos) {
        if (pending == arrivals.length) {
            arrivals = Arrays.copyOf(arrivals, pending * 2);
            taken = Arrays.copyOf(taken, pending * 2);
        }
        arrivals[pending] = arrivalEpochNanos;
        taken[pending] = epochNanos.getAsLong();
        pending++;
    }

    /** Writer thread: the snapshot {@code version}, holding every datagram taken so far, is published now. */
    void published(long version) {
        if (pending == 0) {
            return;
        }
        queue.add(new Batch(version, epochNanos.getAsLong(), Arrays.copyOf(arrivals, pending),
                Arrays.copyOf(taken, pending), pending));
        pending = 0;
    }

    /** The pulse: it read snapshot {@code version} now; every datagram published in it or before is shown. */
    public void shown(long version) {
        Batch b = queue.peek();
        if (b == null || b.version() > version) {
            return;
        }
        long now = epochNanos.getAsLong();
        synchronized (this) {
            while ((b = queue.peek()) != null && b.version() <= version) {
                queue.poll();
                int slot = (int) (b.version() & (PUBLISHED_KEPT - 1));
                publishedVersion[slot] = b.version();
                publishedAt[slot] = b.publishedNanos();
                // Full: what is shown is still taken off the queue (else it grows and later pulses read old
                // batches as seconds late), but no longer recorded; the bench clears it between its measurements.
                for (int i = 0; i < b.n() && count < samples[0].length; i++) {
                    samples[Hop.RING.ordinal()][count] = b.taken()[i] - b.arrivals()[i];
                    samples[Hop.PUBLISH.ordinal()][count] = b.publishedNanos() - b.taken()[i];
                    samples[Hop.PULSE.ordinal()][count] = now - b.publishedNanos();
                    samples[Hop.TOTAL.ordinal()][count] = now - b.arrivals()[i];
                    count++;
                }
            }
        }
    }

    /**
     * The pulse (after {@link #shown}): it draws {@code what} made from snapshot {@code version}; its age now is
     * counted if that snapshot's publication is still known (one that held no datagram, or is long gone, is not).
     */
    public synchronized void aged(Age what, long version) {
        int slot = (int) (version & (PUBLISHED_KEPT - 1));
        int a = what.ordinal();
        if (publishedVersion[slot] == version && version > 0 && ageCount[a] < ages[a].length) {
            ages[a][ageCount[a]++] = epochNanos.getAsLong() - publishedAt[slot];
        }
    }

    /** The {@code p}-th percentiles (0..100) of an age, in milliseconds, one for each of {@code ps}, and the count. */
    public synchronized String ages(double... ps) {
        StringBuilder out = new StringBuilder();
        for (Age what : Age.values()) {
            long[] s = Arrays.copyOf(ages[what.ordinal()], ageCount[what.ordinal()]);
            Arrays.sort(s);
            out.append(out.isEmpty() ? "" : ", ").append(what.name().toLowerCase(java.util.Locale.ROOT))
                    .append(" age ms p");
            for (double p : ps) {
                out.append(p == ps[0] ? "" : "/").append(p == Math.rint(p) ? String.valueOf((long) p) : p);
            }
            for (double p : ps) {
                out.append(p == ps[0] ? " " : "/").append(s.length == 0 ? "-" : String.format(java.util.Locale.ROOT,
                        "%.1f", s[Math.clamp((int) Math.ceil(p / 100 * s.length) - 1, 0, s.length - 1)] / 1e6));
            }
            out.append(" (").append(s.length).append(" pulses)");
        }
        return out.toString();
    }

    /** Forgets the samples (not what is queued: the next pulse shows it). */
    public synchronized void clear() {
        count = 0;
        Arrays.fill(ageCount, 0);
    }

    public synchronized int count() {
        return count;
    }

    /** The {@code p}-th percentiles (0..100) of a hop, in microseconds, one for each of {@code ps}. */
    public synchronized List<Double> percentiles(Hop hop, double... ps) {
        long[] s = Arrays.copyOf(samples[hop.ordinal()], count);
        Arrays.sort(s);
        List<Double> out = new ArrayList<>();
        for (double p : ps) {
            out.add(s.length == 0 ? 0 : s[Math.clamp((int) Math.ceil(p / 100 * s.length) - 1, 0, s.length - 1)]
                    / 1_000.0);
        }
        return out;
    }

    /**
     * One line: "N datagrams, µs p50/p99/p99.9: ring a/b/c publish ... pulse ... total ..., total over X ms S %".
     */
    public synchronized String summary(long overMicros) {
        StringBuilder out = new StringBuilder(count + " datagrams, µs p50/p99/p99.9:");
        for (Hop h : Hop.values()) {
            List<Double> p = percentiles(h, 50, 99, 99.9);
            out.append(String.format(java.util.Locale.ROOT, " %s %.0f/%.0f/%.0f",
                    h.name().toLowerCase(java.util.Locale.ROOT), p.get(0), p.get(1), p.get(2)));
        }
        return out.append(String.format(java.util.Locale.ROOT, ", total over %.1f ms %.2f %%", overMicros / 1e3,
                100 * shareAbove(Hop.TOTAL, overMicros))).toString();
    }

    /** The share (0..1) of the samples of a hop above {@code micros}. */
    public synchronized double shareAbove(Hop hop, long micros) {
        long[] s = samples[hop.ordinal()];
        int above = 0;
        for (int i = 0; i < count; i++) {
            if (s[i] > micros * 1_000L) {
                above++;
            }
        }
        return count == 0 ? 0 : (double) above / count;
    }
}
