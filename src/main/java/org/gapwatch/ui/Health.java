package org.gapwatch.ui;

import org.gapwatch.protocol.Status;
import org.gapwatch.track.SourceView;

/**
 * What the operator is told about a source, worst first: our own judgement (stale, conflict, losing) ranks
 * above the publisher's status word, because a stale value's status word is not to be believed.
 */
public enum Health {
    STALE("STALE"), CONFLICT("CONFLICT"), FAULT("FAULT"), ALARM("ALARM"), LOSING("LOSS"), WARN("WARN"),
    UNKNOWN("UNKNOWN"), INFO("INFO"), OK("OK"), NONE("—");

    private final String word;

    Health(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    /** Thresholds the judgement uses (on the last minute's loss, so a source recovers a minute after loss stops); fractions 0..1. */
    public record Thresholds(double lossWarn, double lossAlarm) {
        public static Thresholds of(double warnPercent, double alarmPercent) {
            return new Thresholds(warnPercent / 100.0, alarmPercent / 100.0);
        }
    }

    public static Health of(SourceView v, long nowMillis, Thresholds t) {
        if (v.isStale(nowMillis)) {
            return STALE;
        }
        if (v.conflict(nowMillis)) {
            return CONFLICT;
        }
        Status s = v.status();
        if (s == Status.FAULT) {
            return FAULT;
        }
        if (s == Status.ALARM) {
            return ALARM;
        }
        if (v.lossFraction1m() >= t.lossWarn() && v.lost1m() > v.late1m()) {
            return LOSING;
        }
        return switch (s) {
            case WARN -> WARN;
            case UNKNOWN -> UNKNOWN;
            case INFO -> INFO;
            case OK -> OK;
            default -> NONE;
        };
    }

    /** Worth showing under "problems only": stale, losing, alarm, conflict (and fault). */
    public boolean isProblem() {
        return this == STALE || this == CONFLICT || this == FAULT || this == ALARM || this == LOSING;
    }
}
