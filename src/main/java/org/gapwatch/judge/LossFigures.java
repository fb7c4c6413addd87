package org.gapwatch.judge;

import org.gapwatch.track.LossShare;
import org.gapwatch.track.SourceView;

/**
 * A source's loss shares over the last minute, five minutes and since start, for display and for the judgement.
 * Views show these; they never work a share out from the counters themselves.
 */
public final class LossFigures {
    private LossFigures() {
    }

    /** The share of summed counts (a heatmap cell, a group row), by the one formula. */
    public static double share(long received, long lost, long late) {
        return LossShare.of(received, lost, late);
    }

    public static double oneMinute(SourceView v) {
        return LossShare.of(v.received1m(), v.lost1m(), v.late1m());
    }

    public static double fiveMinutes(SourceView v) {
        return LossShare.of(v.received5m(), v.lost5m(), v.late5m());
    }

    /** Share lost since start or reset (late arrivals are not netted out: the counters since start say lost). */
    public static double overall(SourceView v) {
        long expected = v.received() + v.lost();
        return expected == 0 ? 0 : (double) v.lost() / expected;
    }

    public static double over(SourceView v, LossWindow w) {
        return w == LossWindow.FIVE_MINUTES ? fiveMinutes(v) : oneMinute(v);
    }

    /** Updates lost net of late ones over {@code w}. */
    public static long netLost(SourceView v, LossWindow w) {
        return w == LossWindow.FIVE_MINUTES ? LossShare.netLost(v.lost5m(), v.late5m())
                : LossShare.netLost(v.lost1m(), v.late1m());
    }

    /** Updates expected over {@code w}. */
    public static long expected(SourceView v, LossWindow w) {
        return w == LossWindow.FIVE_MINUTES ? LossShare.expected(v.received5m(), v.lost5m(), v.late5m())
                : LossShare.expected(v.received1m(), v.lost1m(), v.late1m());
    }
}
