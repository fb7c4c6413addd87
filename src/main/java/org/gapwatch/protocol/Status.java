package org.gapwatch.protocol;

/** A publisher's own judgement of a source. Ordered by severity; UNKNOWN is a string the protocol does not define. */
public enum Status {
    NONE, OK, INFO, UNKNOWN, WARN, ALARM, FAULT;

    /** Case-insensitive lookup of the protocol's words; anything else is UNKNOWN. */
    public static Status parse(CharSequence s) {
        return switch (s.length()) {
            case 2 -> equalsIgnoreCase(s, "ok") ? OK : UNKNOWN;
            case 4 -> equalsIgnoreCase(s, "info") ? INFO : equalsIgnoreCase(s, "warn") ? WARN : UNKNOWN;
            case 5 -> equalsIgnoreCase(s, "alarm") ? ALARM : equalsIgnoreCase(s, "fault") ? FAULT : UNKNOWN;
            default -> UNKNOWN;
        };
    }

    public boolean isAlarming() {
        return this == ALARM || this == FAULT;
    }

    private static boolean equalsIgnoreCase(CharSequence s, String word) {
        for (int i = 0; i < word.length(); i++) {
            if (Character.toLowerCase(s.charAt(i)) != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
