package org.gapwatch.alarm;

/** Whether the condition of an alarm still holds. */
public enum AlarmState {
    ACTIVE("active"), RESOLVED("resolved");

    private final String label;

    AlarmState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
