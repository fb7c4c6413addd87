package org.gapwatch.net;

/**
 * Wall-clock time with nanosecond steps for arrival stamps: the monotonic clock's resolution, re-anchored to the
 * system clock every 10 s so that it follows NTP adjustments over a long shift. Receive thread only.
 */
final class ArrivalClock {
    private static final long REANCHOR_NANOS = 10_000_000_000L;
    private long nanoBase;
    private long epochNanoBase;

    ArrivalClock() {
        anchor(System.nanoTime());
    }

    long epochNanos() {
        long now = System.nanoTime();
        if (now - nanoBase > REANCHOR_NANOS) {
            anchor(now);
        }
        return epochNanoBase + (now - nanoBase);
    }

    private void anchor(long nano) {
        nanoBase = nano;
        epochNanoBase = System.currentTimeMillis() * 1_000_000L;
    }
}
