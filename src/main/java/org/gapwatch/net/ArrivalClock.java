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

    private void anchor(long nano) {
        nanoBase = nano;
        Instant i = wall.instant();
        epochNanoBase = i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }
}
