package org.gapwatch.net;

import java.time.Instant;
import java.time.InstantSource;
import java.util.function.LongSupplier;

/**
 * Wall-clock time with nanosecond steps for arrival stamps: the monotonic clock's resolution, re-anchored to the
 * system clock every 10 s so that it follows NTP adjustments over a long shift. Receive thread only.
 *
 * <p>The anchor is read at the wall clock's own resolution (microseconds or better), not in whole milliseconds:
 * a millisecond anchor put every stamp up to 1 ms early, for 10 s at a time, and every age measured from a stamp
 * (arrival to pulse) up to 1 ms long.
 */
final class ArrivalClock {
    private static final long REANCHOR_NANOS = 10_000_000_000L;
    /** Two reads this close bracket the wall clock's reading well enough (a few vDSO calls take about 100 ns). */
    private static final long TIGHT_NANOS = 2_000L;
    private static final int ANCHOR_ATTEMPTS = 5;
    private final InstantSource wall;
    private final LongSupplier monotonic;
    private long nanoBase;
    private long epochNanoBase;

    ArrivalClock() {
        this(InstantSource.system(), System::nanoTime);
    }

    /** A clock read from {@code wall} and stepped by {@code monotonic} (nanoseconds), for tests. */
    ArrivalClock(InstantSource wall, LongSupplier monotonic) {
        this.wall = wall;
        this.monotonic = monotonic;
        anchor(monotonic.getAsLong());
    }

    long epochNanos() {
        long now = monotonic.getAsLong();
        if (now - nanoBase > REANCHOR_NANOS) {
            anchor(now);
        }
        return epochNanoBase + (now - nanoBase);
    }

    /**
     * Pairs a wall-clock reading with the monotonic time halfway between two readings around it, the tightest of a
     * few tries: a thread preempted between the two reads (on a busy machine, tens of microseconds or more) put
     * every stamp of the next 10 s that much late, and the probe's ring hop below zero.
     */
    private void anchor(long nano) {
        long bestSpan = Long.MAX_VALUE;
        long before = nano;
        for (int attempt = 0; attempt < ANCHOR_ATTEMPTS; attempt++) {
            Instant i = wall.instant();
            long after = monotonic.getAsLong();
            long span = after - before;
            if (span < bestSpan) {
                bestSpan = span;
                nanoBase = before + span / 2;
                epochNanoBase = i.getEpochSecond() * 1_000_000_000L + i.getNano();
            }
            if (span <= TIGHT_NANOS) {
                return;
            }
            before = monotonic.getAsLong();
        }
    }
}
