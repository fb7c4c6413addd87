package org.gapwatch.alarm;

/** What an alarm is about. */
public enum AlarmKind {
    /** No update within the source's staleness time. */
    STALE("stale"),
    /** Loss over the last minute above the threshold. */
    LOSS("loss"),
    /** The publisher itself reports {@code alarm} or {@code fault}. */
    STATUS("status"),
    /** Two senders claim the same source. */
    CONFLICT("conflict"),
    /**
     * Loss over the threshold at many sources at the same moment: the network or this machine, not one publisher.
     * One alarm for all of them (source {@link AlarmModel#ALL_SOURCES}), in place of one per source.
     */
    WIDESPREAD_LOSS("loss at many sources"),
    /**
     * This monitor's own receive loop stopped or stalled: every figure may be stale. One alarm (source
     * {@link AlarmModel#RECEIVER}) per episode, raised by {@link AlarmModel#receiver}.
     */
    RECEIVER("receiver");

    private final String label;

    AlarmKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    int bit() {
        return 1 << ordinal();
    }
}
