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
    CONFLICT("conflict");

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
