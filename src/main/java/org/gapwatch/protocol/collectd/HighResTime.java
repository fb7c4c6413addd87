package org.gapwatch.protocol.collectd;

/** collectd's cdtime_t: 64-bit unsigned time in units of 2^-30 seconds (TIME_HR, INTERVAL_HR). */
public final class HighResTime {
    /** One second in cdtime_t units. */
    public static final long SECOND = 1L << 30;

    private HighResTime() {
    }

    /** Whole seconds (TIME, INTERVAL) as cdtime_t; values beyond 2^33 s saturate. */
    public static long ofSeconds(long seconds) {
        return seconds < 0 || seconds >= 1L << 33 ? Long.MAX_VALUE : seconds << 30;
    }

    /**
     * cdtime_t to nanoseconds, rounded to the nearest as collectd's CDTIME_T_TO_NS does; values beyond what a long
     * of nanoseconds holds (year 2262) saturate.
     */
    public static long toNanos(long hr) {
        if (hr < 0 || hr >>> 30 >= 9_223_372_036L) {
            return Long.MAX_VALUE;
        }
        long seconds = hr >>> 30;
        long fraction = hr & (SECOND - 1);
        return seconds * 1_000_000_000L + ((fraction * 1_000_000_000L + (SECOND >> 1)) >>> 30);
    }

    /** Nanoseconds to cdtime_t, rounded to the nearest. */
    public static long ofNanos(long nanos) {
        long seconds = nanos / 1_000_000_000L;
        long rest = nanos % 1_000_000_000L;
        return seconds << 30 | ((rest << 30) + 500_000_000L) / 1_000_000_000L;
    }
}
