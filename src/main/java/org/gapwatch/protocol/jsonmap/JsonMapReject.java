package org.gapwatch.protocol.jsonmap;

/** Why one mapped object (or, for NO_ITEMS, a whole datagram) was not taken. The code is what reports show. */
public enum JsonMapReject implements org.gapwatch.protocol.Reason {
    NO_ITEMS("jsonmap/no-items", "the mapping's items pointer selects no array or object", true),
    NOT_AN_OBJECT("jsonmap/not-an-object", "an item is not an object", false),
    MISSING_SRC("jsonmap/missing-src", "src (or a template field) selects nothing, or not a string, number or "
            + "boolean, or a name of more than 256 characters", false),
    BAD_SEQ("jsonmap/bad-seq", "seq selects nothing or not an integer in 0..2^63-1", false),
    MISSING_VALUE("jsonmap/missing-value", "value selects nothing", false),
    BAD_VALUE("jsonmap/bad-value", "value is an object, an array or a number beyond 1.8e308", false),
    BAD_UNIT("jsonmap/bad-unit", "unit is not a string", false),
    BAD_STATUS("jsonmap/bad-status", "status is not a string, number or boolean", false),
    BAD_TS("jsonmap/bad-ts", "ts is not a number of milliseconds (or seconds) since the epoch", false),
    BAD_INTERVAL("jsonmap/bad-interval", "interval is not a positive number", false),
    TOO_MANY_SOURCES("jsonmap/too-many-sources", "a source without seq beyond the 65,536 whose cadence is kept", false);

    private final String code;
    private final String description;
    private final boolean wholeDatagram;

    JsonMapReject(String code, String description, boolean wholeDatagram) {
        this.code = code;
        this.description = description;
        this.wholeDatagram = wholeDatagram;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public boolean wholeDatagram() {
        return wholeDatagram;
    }

    @Override
    public String protocol() {
        return "jsonmap";
    }
}
