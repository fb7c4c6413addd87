package org.gapwatch.protocol.cadence;

import java.util.HashMap;
import java.util.Map;

/**
 * Loss by cadence, for streams without sequence numbers (collectd, JSON without {@code seq}): each lane (a value
 * list, a mapped source) says its own interval and the time of each message; the next message is due one interval
 * after the last. With d = time - last and I the interval the last message stated:
 * <ul>
 * <li>the first message of a lane is its baseline;</li>
 * <li>d = 0: a duplicate (the same message again, or a second sender with the same identity);</li>
 * <li>d &lt; 0: behind, counted and not applied (the lane's time does not go back);</li>
 * <li>otherwise k = round(d / I) intervals passed and k - 1 messages are lost <b>by cadence</b> (none when k is 0
 *     or 1); a d farther than {@code tolerance} x I from k x I is also counted off cadence (jitter beyond the
 *     tolerance, or an interval that changed), which is not a loss by itself.</li>
 * </ul>
 * So a message up to half an interval late is in time and one later than that counts the missed due times before
 * it. The time is the message's own (collectd's TIME_HR), not its arrival: collectd fills a datagram before it
 * sends, so one datagram may carry two rounds. A lane whose interval is unknown (none stated yet) is not judged.
 * Pure: time is passed in, in nanoseconds. Not thread-safe.
 */
public final class CadenceCheck {
    /** Off cadence beyond a quarter of the interval from a whole number of intervals. */
    public static final double DEFAULT_TOLERANCE = 0.25;
    public static final int DEFAULT_MAX_LANES = 65_536;

    /** Outcomes of {@link #check}; 0 and above is the number lost before this message. */
    public static final int FIRST = -1, DUPLICATE = -2, BEHIND = -3, REFUSED = -4;

    private final double tolerance;
    private final int maxLanes;
    private final Map<Object, Lane> lanes = new HashMap<>();
    private long refused;
    private long slot;

    public CadenceCheck() {
        this(DEFAULT_TOLERANCE, DEFAULT_MAX_LANES);
    }

    /** {@code tolerance}: a fraction of the interval, 0 to 0.5; {@code maxLanes}: new lanes beyond it are refused. */
    public CadenceCheck(double tolerance, int maxLanes) {
        if (!(tolerance >= 0 && tolerance <= 0.5) || maxLanes < 1) {
            throw new IllegalArgumentException("tolerance " + tolerance + ", maxLanes " + maxLanes);
        }
        this.tolerance = tolerance;
        this.maxLanes = maxLanes;
    }

    /**
     * One message on a lane at {@code timeNanos}, stating {@code intervalNanos} (0 or less: none stated, the lane's
     * last is kept). Returns the number lost by cadence before it, or FIRST, DUPLICATE, BEHIND, REFUSED.
     */
    public int check(Object key, long timeNanos, long intervalNanos) {
        Lane l = lanes.get(key);
        if (l == null) {
            if (lanes.size() >= maxLanes) {
                refused++;
                return REFUSED;
            }
            l = new Lane();
            lanes.put(key, l);
            l.last = timeNanos;
            l.interval = Math.max(0, intervalNanos);
            l.received = 1;
            slot = 0;
            return FIRST;
        }
        long d = timeNanos - l.last;
        if (d == 0) {
            l.duplicates++;
            slot = l.slot;
            return DUPLICATE;
        }
        if (d < 0) {
            l.behind++;
            slot = l.interval <= 0 ? l.slot - 1 : l.slot - Math.max(1, rounded(-d, l.interval));
            return BEHIND;
        }
        l.received++;
        long interval = l.interval;
        l.last = timeNanos;
        if (intervalNanos > 0) {
            l.interval = intervalNanos;
        }
        if (interval <= 0) {
            l.unjudged++;
            slot = ++l.slot;
            return 0;
        }
        long k = rounded(d, interval);
        l.slot += Math.max(1, k);
        slot = l.slot;
        long off = Math.abs(d - k * interval);
        if (off > tolerance * interval) {
            l.offCadence++;
        }
        long missed = Math.max(0, k - 1);
        l.lost = l.lost + missed < l.lost ? Long.MAX_VALUE : l.lost + missed;
        return (int) Math.min(missed, Integer.MAX_VALUE);
    }

    private static long rounded(long d, long interval) {
        return d / interval + (d % interval >= interval - d % interval ? 1 : 0); // round half up
    }

    /**
     * The due-time number of the message just checked, on its lane's line: 0 for the first, one up per interval
     * passed (so a message after n missed intervals is n + 1 up), the same for a duplicate, below the last for one
     * behind. What a decoder hands the tracker in {@link org.gapwatch.protocol.SequenceSpace#CADENCE}.
     */
    public long slot() {
        return slot;
    }

    /** When the lane's next message is due (its last time + interval), or Long.MIN_VALUE when unknown. */
    public long due(Object key) {
        Lane l = lanes.get(key);
        return l == null || l.interval <= 0 ? Long.MIN_VALUE : l.last + l.interval;
    }

    /** Messages taken on the lane (first included; duplicates and those behind not). */
    public long received(Object key) {
        return lane(key).received;
    }

    /** Lost by cadence on the lane. */
    public long lost(Object key) {
        return lane(key).lost;
    }

    public long duplicates(Object key) {
        return lane(key).duplicates;
    }

    public long behind(Object key) {
        return lane(key).behind;
    }

    public long offCadence(Object key) {
        return lane(key).offCadence;
    }

    /** Messages after which no interval was known, so they were not judged. */
    public long unjudged(Object key) {
        return lane(key).unjudged;
    }

    /** The lane's interval in nanoseconds, 0 when unknown. */
    public long interval(Object key) {
        return lane(key).interval;
    }

    public int lanes() {
        return lanes.size();
    }

    /** Messages of new lanes refused beyond maxLanes. */
    public long refused() {
        return refused;
    }

    public double tolerance() {
        return tolerance;
    }

    private static final Lane NONE = new Lane();

    private Lane lane(Object key) {
        return lanes.getOrDefault(key, NONE);
    }

    private static final class Lane {
        long last;
        long slot;
        long interval;
        long received;
        long lost;
        long duplicates;
        long behind;
        long offCadence;
        long unjudged;
    }
}
