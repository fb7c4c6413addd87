package org.gapwatch.ui.heatmap;

/** The time span of the heatmap's columns. */
public enum Resolution {
    /** The last 15 minutes, one column per second. */
    LAST_15_MINUTES_BY_SECOND(false, 900, 1_000L, "15 min"),
    /** The last 24 hours, one column per minute. */
    LAST_24_HOURS_BY_MINUTE(true, 1440, 60_000L, "24 h");

    private final boolean perMinute;
    private final int columns;
    private final long slotMillis;
    private final String label;

    Resolution(boolean perMinute, int columns, long slotMillis, String label) {
        this.perMinute = perMinute;
        this.columns = columns;
        this.slotMillis = slotMillis;
        this.label = label;
    }

    public boolean perMinute() {
        return perMinute;
    }

    public int columns() {
        return columns;
    }

    public long slotMillis() {
        return slotMillis;
    }

    public String label() {
        return label;
    }
}
