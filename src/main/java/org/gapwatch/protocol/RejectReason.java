package org.gapwatch.protocol;

/** Why a JSON v1 datagram or one update in it was rejected. The code is what reports and JSON output show. */
public enum RejectReason implements Reason {
    EMPTY("empty", "empty payload"),
    INVALID_UTF8("invalid-utf8", "payload is not valid UTF-8"),
    MALFORMED_JSON("malformed-json", "payload is not one strict JSON text"),
    TRAILING_CONTENT("trailing-content", "content after the JSON value"),
    TOO_DEEP("too-deep", "nested deeper than 64 levels"),
    NOT_UPDATES("not-updates", "payload is neither an update object nor an array of them"),
    TOO_MANY_UPDATES("too-many-updates", "array holds more than 1,000 updates"),
    NOT_AN_OBJECT("not-an-object", "array element is not an object"),
    MISSING_SRC("missing-src", "no src field"),
    BAD_SRC("bad-src", "src is not a string of 1-256 characters"),
    MISSING_SEQ("missing-seq", "no seq field"),
    BAD_SEQ("bad-seq", "seq is not an integer in 0..2^63-1"),
    BAD_SESSION("bad-session", "session is neither a string nor an integer"),
    BAD_TS("bad-ts", "ts is not an integer"),
    BAD_VALUE("bad-value", "value is not a number, string, boolean or null"),
    BAD_UNIT("bad-unit", "unit is not a string"),
    BAD_TEXT("bad-text", "text is not a string"),
    BAD_STATUS("bad-status", "status is not a string"),
    BAD_INTERVAL("bad-interval", "interval is not a positive integer"),
    BAD_TTL("bad-ttl", "ttl is not a positive integer"),
    UNSUPPORTED_VERSION("unsupported-version", "v is not 1"),
    DUPLICATE_FIELD("duplicate-field", "a field appears twice");

    private final String code;
    private final String description;

    RejectReason(String code, String description) {
        this.code = code;
        this.description = description;
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
    public String protocol() {
        return "json";
    }

    /** True when the whole datagram was rejected, false when one update of an otherwise valid datagram was. */
    @Override
    public boolean wholeDatagram() {
        return ordinal() <= TOO_MANY_UPDATES.ordinal();
    }
}
