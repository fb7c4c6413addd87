package org.gapwatch.judge;

/** Which loss figure drives "losing": the last minute's or the last five minutes'. */
public enum LossWindow {
    /** Reacts within seconds and clears a minute after loss stops. */
    ONE_MINUTE("1m", "1 min"),
    /** Steadier; a source stays "losing" for five minutes after a burst. */
    FIVE_MINUTES("5m", "5 min");

    private final String code;
    private final String label;

    LossWindow(String code, String label) {
        this.code = code;
        this.label = label;
    }

    /** As written in the settings file: {@code 1m} or {@code 5m}. */
    public String code() {
        return code;
    }

    public String label() {
        return label;
    }

    /** The window for a settings value; anything else (an old file without one) is the one minute. */
    public static LossWindow of(String code) {
        return FIVE_MINUTES.code.equals(code) ? FIVE_MINUTES : ONE_MINUTE;
    }
}
