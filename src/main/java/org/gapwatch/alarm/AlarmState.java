package org.gapwatch.alarm;

/**
 * The state of an alarm point, as ISA-18.2 names them. {@link #NORMAL}: its condition is gone and it was
 * acknowledged; the row stays as history until the log is cleared.
 */
public enum AlarmState {
    ACTIVE_UNACKNOWLEDGED("active, unacknowledged"),
    ACTIVE_ACKNOWLEDGED("active, acknowledged"),
    /** The condition cleared before anyone acknowledged it: latched until acknowledged. */
    CLEARED_UNACKNOWLEDGED("cleared, unacknowledged"),
    NORMAL("normal"),
    /** Put aside by the operator until a time they chose; raises nothing meanwhile. */
    SHELVED("shelved"),
    /** Its source is in a loss episode that raised one alarm for all of them. */
    SUPPRESSED("suppressed by episode");

    private final String label;

    AlarmState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
