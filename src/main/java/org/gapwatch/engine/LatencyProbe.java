package org.gapwatch.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
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
    // The reader's own: only the pulse writes them, and it never takes a lock, so that the bench reading the figures
    // (copying and sorting a quarter of a million samples) cannot hold a frame. What the pulse has finished writing is
    // published by the volatile counts: the samples below a count are complete, the pulse writes only above it.
    private final long[][] samples = new long[Hop.values().length][];
    private volatile int count;
    private final long[] publishedVersion = new long[PUBLISHED_KEPT];
    private final long[] publishedAt = new long[PUBLISHED_KEPT];
    private final long[][] ages = new long[Age.values().length][];
    private final AtomicIntegerArray ageCount = new AtomicIntegerArray(Age.values().length);
    // A clear is asked by the bench and done by the pulse (the only writer of the samples) at its next call.
    private final AtomicLong clearsAsked = new AtomicLong();
    private volatile long clearsDone;

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
        clearIfAsked();
        Batch b = queue.peek();
        if (b == null || b.version() > version) {
            return;
        }
        long now = epochNanos.getAsLong();
        int n = count;
        int capacity = samples[0].length;
        while ((b = queue.peek()) != null && b.version() <= version) {
            queue.poll();
            int slot = (int) (b.version() & (PUBLISHED_KEPT - 1));
            publishedVersion[slot] = b.version();
            publishedAt[slot] = b.publishedNanos();
            // Full: what is shown is still taken off the queue (else it grows and later pulses read old batches as
            // seconds late), but no longer recorded; the bench clears it between its measurements.
            for (int i = 0; i < b.n() && n < capacity; i++) {
                samples[Hop.RING.ordinal()][n] = b.taken()[i] - b.arrivals()[i];
                samples[Hop.PUBLISH.ordinal()][n] = b.publishedNanos() - b.taken()[i];
                samples[Hop.PULSE.ordinal()][n] = now - b.publishedNanos();
                samples[Hop.TOTAL.ordinal()][n] = now - b.arrivals()[i];
                n++;
            }
        }
        count = n;
    }

    /**
     * The pulse (after {@link #shown}): it draws {@code what} made from snapshot {@code version}; its age now is
     * counted if that snapshot's publication is still known (one that held no datagram, or is long gone, is not).
     */
    public void aged(Age what, long version) {
        clearIfAsked();
        int slot = (int) (version & (PUBLISHED_KEPT - 1));
        int a = what.ordinal();
        int n = ageCount.get(a);
        if (publishedVersion[slot] == version && version > 0 && n < ages[a].length) {
            ages[a][n] = epochNanos.getAsLong() - publishedAt[slot];
            ageCount.set(a, n + 1);
        }
    }

    private void clearIfAsked() {
        long asked = clearsAsked.get();
        if (asked != clearsDone) {
            count = 0;
            for (int a = 0; a < ageCount.length(); a++) {
                ageCount.set(a, 0);
            }
            clearsDone = asked; // after the counts: a reader that sees it done sees them cleared
        }
    }

    /**
     * Forgets the samples (not what is queued: the next pulse shows it). Any thread; the pulse does it at its next
     * call, and until then {@link #figures} holds nothing.
     */
    public void clear() {
        clearsAsked.incrementAndGet();
    }

    /**
     * The samples recorded so far, copied: any thread, without holding the pulse (what it records meanwhile is not in
     * them).
     */
    public Figures figures() {
        long asked = clearsAsked.get();
        if (clearsDone != asked) {
            return new Figures(new long[Hop.values().length][0], new long[Age.values().length][0]);
        }
        int n = count;
        long[][] hops = new long[samples.length][];
        for (int h = 0; h < samples.length; h++) {
            hops[h] = Arrays.copyOf(samples[h], n);
        }
        long[][] aged = new long[ages.length][];
        for (int a = 0; a < ages.length; a++) {
            aged[a] = Arrays.copyOf(ages[a], ageCount.get(a));
        }
        return new Figures(hops, aged);
    }

    public int count() {
        return figures().count();
    }

    /** The {@code p}-th percentiles (0..100) of a hop, in microseconds, one for each of {@code ps}. */
    public List<Double> percentiles(Hop hop, double... ps) {
        return figures().percentiles(hop, ps);
    }

    /** See {@link Figures#ages}. */
    public String ages(double... ps) {
        return figures().ages(ps);
    }

    /** See {@link Figures#summary}. */
    public String summary(long overMicros) {
        return figures().summary(overMicros);
    }

    /** The share (0..1) of the samples of a hop above {@code micros}. */
    public double shareAbove(Hop hop, long micros) {
        return figures().shareAbove(hop, micros);
    }

    /** A copy of the probe's samples, sorted, owned by the thread that asked for it. */
    public static final class Figures {
        private final long[][] hops;
        private final long[][] ages;

        Figures(long[][] hops, long[][] ages) {
            this.hops = hops;
            this.ages = ages;
            for (long[] s : hops) {
                Arrays.sort(s);
            }
            for (long[] s : ages) {
                Arrays.sort(s);
            }
        }

        /** How many datagrams were shown. */
        public int count() {
            return hops[0].length;
        }

        /** The {@code p}-th percentiles (0..100) of a hop, in microseconds, one for each of {@code ps}. */
        public List<Double> percentiles(Hop hop, double... ps) {
            long[] s = hops[hop.ordinal()];
            List<Double> out = new ArrayList<>();
            for (double p : ps) {
                out.add(s.length == 0 ? 0 : s[rank(p, s.length)] / 1_000.0);
            }
            return out;
        }

        private static int rank(double p, int n) {
            return Math.clamp((int) Math.ceil(p / 100 * n) - 1, 0, n - 1);
        }

        /** The share (0..1) of the samples of a hop above {@code micros}. */
        public double shareAbove(Hop hop, long micros) {
            long[] s = hops[hop.ordinal()];
            int above = 0;
            for (long v : s) {
                if (v > micros * 1_000L) {
                    above++;
                }
            }
            return s.length == 0 ? 0 : (double) above / s.length;
        }

        /**
         * The {@code p}-th percentiles (0..100) of each age, in milliseconds, one for each of {@code ps}, and the
         * count.
         */
        public String ages(double... ps) {
            StringBuilder out = new StringBuilder();
            for (Age what : Age.values()) {
                long[] s = ages[what.ordinal()];
                out.append(out.isEmpty() ? "" : ", ").append(what.name().toLowerCase(java.util.Locale.ROOT))
                        .append(" age ms p");
                for (double p : ps) {
                    out.append(p == ps[0] ? "" : "/").append(p == Math.rint(p) ? String.valueOf((long) p) : p);
                }
                for (double p : ps) {
                    out.append(p == ps[0] ? " " : "/").append(s.length == 0 ? "-"
                            : String.format(java.util.Locale.ROOT, "%.1f", s[rank(p, s.length)] / 1e6));
                }
                out.append(" (").append(s.length).append(" pulses)");
            }
            return out.toString();
        }

        /**
         * One line: "N datagrams, µs p50/p99/p99.9: ring a/b/c publish ... pulse ... total ..., total over X ms S %".
         */
        public String summary(long overMicros) {
            StringBuilder out = new StringBuilder(count() + " datagrams, µs p50/p99/p99.9:");
            for (Hop h : Hop.values()) {
                List<Double> p = percentiles(h, 50, 99, 99.9);
                out.append(String.format(java.util.Locale.ROOT, " %s %.0f/%.0f/%.0f",
                        h.name().toLowerCase(java.util.Locale.ROOT), p.get(0), p.get(1), p.get(2)));
            }
            return out.append(String.format(java.util.Locale.ROOT, ", total over %.1f ms %.2f %%", overMicros / 1e3,
                    100 * shareAbove(Hop.TOTAL, overMicros))).toString();
        }
    }
}
