package org.gapwatch.track;

import java.net.InetSocketAddress;
import org.gapwatch.protocol.Status;
import org.gapwatch.protocol.Update;
import org.gapwatch.protocol.ValueKind;

/** Everything known about one source. Owned and written by the tracker's single writer thread only. */
final class SourceState {
    static final int SECONDS = 15 * 60;
    static final int MINUTES = 24 * 60;

    final int id;
    final String src;

    // Current session's accounting: highest - first + 1 == sessionReceived + sessionLost.
    boolean started;
    String session;
    long first;
    long highest;
    long sessionReceived;
    long sessionLost;
    final SequenceWindow window = new SequenceWindow();

    // Counters an operator sees; reset on request, unlike the session accounting above.
    long received;
    long lost;
    long late;
    long duplicates;
    long restarts;

    // The latest in-order update.
    ValueKind valueKind = ValueKind.ABSENT;
    double number;
    String string;
    boolean bool;
    String unit;
    String text;
    String statusText;
    Status status = Status.NONE;
    long ts = Update.ABSENT;
    long interval = Update.ABSENT;
    long ttl = Update.ABSENT;

    long firstArrivalMillis;
    long lastArrivalMillis;
    final InterArrivals interArrivals = new InterArrivals();

    InetSocketAddress sender;
    long senderLastMillis;
    InetSocketAddress otherSender;
    /** Where its newest datagram was sent (group and port), or null when the driver did not say. */
    InetSocketAddress destination;
    long otherSenderLastMillis;

    final CountRing perSecond = new CountRing(SECONDS);
    final CountRing perMinute = new CountRing(MINUTES);
    final ValueRing values = new ValueRing();
    final GapLog gaps = new GapLog();

    boolean dirty;

    SourceState(int id, String src) {
        this.id = id;
        this.src = src;
    }

    /** Milliseconds without an update after which this source is stale (docs/protocol.md, Staleness). */
    long staleAfterMillis(TrackerConfig config) {
        if (ttl != Update.ABSENT) {
            return ttl;
        }
        if (interval != Update.ABSENT) {
            return saturatedTimes3(interval);
        }
        long median = interArrivals.median();
        if (median >= 0) {
            return Math.max(config.minMedianStaleMillis(), saturatedTimes3(median));
        }
        return config.defaultStaleMillis();
    }

    boolean conflict(long nowMillis, long windowMillis) {
        return otherSender != null && nowMillis - Math.min(senderLastMillis, otherSenderLastMillis) < windowMillis;
    }

    private static long saturatedTimes3(long v) {
        return v > Long.MAX_VALUE / 3 ? Long.MAX_VALUE : v * 3;
    }
}
