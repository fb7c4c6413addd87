package org.gapwatch.protocol.mpegts;

/**
 * A "must occur at least every period" check with injected time: one error each time the time since the last
 * occurrence grows beyond another multiple of the period. A gap g costs ceil(g / period) - 1 errors: exactly one
 * period is no error, a little more is one. Counting is the same whether the gap is looked at while it runs ({@link #overdue}) or only at
 * the next occurrence ({@link #occurred}).
 */
final class Deadline {
    private final long period;
    private long since;
    private long charged;

    Deadline(long period, long start) {
        this.period = period;
        this.since = start;
    }

    /** New errors due by now (0 when none). */
    long overdue(long now) {
        if (now <= since) {
            return 0;
        }
        long due = (now - since - 1) / period;
        long fresh = due - charged;
        if (fresh <= 0) {
            return 0;
        }
        charged = due;
        return fresh;
    }

    /** The thing occurred now: returns the errors of the gap that this ends, and starts a new one. */
    long occurred(long now) {
        long fresh = overdue(now);
        if (now > since) {
            since = now;
            charged = 0;
        }
        return fresh;
    }
}
