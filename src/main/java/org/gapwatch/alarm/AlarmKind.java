package org.gapwatch.alarm;

/** What an alarm point is about. */
public enum AlarmKind {
    /** No update within the source's staleness time. */
    STALE("stale"),
    /** The source is judged badly losing (loss over its loss window at or above the "badly losing" level). */
    LOSS("loss"),
    /** The publisher itself reports {@code alarm} or {@code fault}. */
    STATUS("status"),
    /** Two senders claim the same source. */
    CONFLICT("conflict"),
    /**
     * A loss episode at several sources: one alarm (source {@link AlarmModel#EPISODE_SOURCE}) for all of them,
     * whose own loss alarms are suppressed meanwhile; its detail is the episode's cause and evidence.
     */
    EPISODE("loss episode"),
    /** A condition set from outside the judgement (e.g. the receiver's health), see {@link AlarmModel#setCondition}. */
    RECEIVER("receiver"),
    /** A part of this monitor's display that fails (the window's pulse, its view models): set from outside too. */
    DISPLAY("display");

    private final String label;

    AlarmKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
