package org.gapwatch.track;

import java.net.InetSocketAddress;
import org.gapwatch.protocol.Status;
import org.gapwatch.protocol.Update;
import org.gapwatch.protocol.ValueKind;

/** Everything known about one source. Owned and written by the tracker's single writer thread only. */
final class SourceState {
    static final int SECONDS = 15 * 60;
    static final int MINUTES = 24 * 60;

    static final int MAX_LANES = 1 << 16;

    final int id;
    /** Not final: a decoder may rename a source when it learns its name (RTP: CNAME instead of SSRC). */
    String src;
    /** The scheme of the protocol that created the source. */
    final String protocol;

    // Sequence accounting per lane (one for most protocols); the counters below are their sums.
    final Lane lane0 = new Lane(0);
    private Lane[] lanes;
    /** The lane of the latest update: its session and numbers are the ones a view shows. */
    Lane lastLane = lane0;

    // Counters an operator sees; reset on request, unlike the session accounting above. Only loss can grow by more
    // than one at a time; the others would need 2^63 datagrams to overflow.
    long received;
    final LossCount lost = new LossCount();
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
    /** Its latest in-order update said the source stopped (sACN Stream_Terminated). */
    boolean ended;
    /** Its newest vector of levels or values (sACN's slots), or null: only sources whose updates carry one pay. */
    Levels levels;
    /** A view holds {@link #levels}: the next change makes a new vector rather than overwrite it. */
    boolean levelsPublished;

    long firstArrivalMillis;
    long lastArrivalMillis;
    final InterArrivals interArrivals = new InterArrivals();

    InetSocketAddress sender;
    long senderLastMillis;
    InetSocketAddress otherSender;
    /** Where its newest datagram was sent (group and port), or null when the driver did not say. */
    InetSocketAddress destination;
    long otherSenderLastMillis;
    // The addresses above as a view shows them, formatted once when they change rather than in every view.
    String senderText;
    String otherSenderText;
    String destinationText;

    /** Also keeps the windowed figures and strip of its views from view to view. */
    final SecondCounts perSecond = new SecondCounts(SECONDS);
    final CountRing perMinute = new CountRing(MINUTES);
    /** Its group's counts, which its own are added to as well; null when the group has none (GroupCounts). */
    GroupCounts.Group group;
    final ValueRing values = new ValueRing();
    final GapLog gaps = new GapLog();

    boolean dirty;
    /** What its last view said seldom changes, for the next view to share while it still holds (null: none yet). */
    SourceAbout about;

    SourceState(int id, String src, String protocol) {
        this.id = id;
        this.src = src;
        this.protocol = protocol;
    }

    /** The lane of that id (0..{@value #MAX_LANES} - 1), made on first use. */
    Lane lane(int laneId) {
        if (laneId == 0) {
            return lane0;
        }
        if (laneId < 0 || laneId >= MAX_LANES) {
            throw new IllegalArgumentException("lane " + laneId);
        }
        if (lanes == null || laneId >= lanes.length) {
            lanes = java.util.Arrays.copyOf(lanes == null ? new Lane[0] : lanes,
                    Math.min(MAX_LANES, Math.max(laneId + 1, lanes == null ? 16 : lanes.length * 2)));
        }
        Lane l = lanes[laneId];
        if (l == null) {
            l = new Lane(laneId);
            lanes[laneId] = l;
        }
        return l;
    }

    /** The lanes that have started, lane 0 first. */
    java.util.List<Lane> startedLanes() {
        java.util.List<Lane> out = new java.util.ArrayList<>();
        if (lane0.started) {
            out.add(lane0);
        }
        if (lanes != null) {
            for (Lane l : lanes) {
                if (l != null && l.started) {
                    out.add(l);
                }
            }
        }
        return out;
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
