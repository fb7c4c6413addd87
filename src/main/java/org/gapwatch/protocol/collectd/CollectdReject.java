package org.gapwatch.protocol.collectd;

/**
 * Why a collectd datagram, or the rest of it from one part on, was not read. The code is what reports show. The
 * reader stops at the first bad part, as collectd's own network plugin does: the value lists and notifications
 * before it were delivered, nothing after it is.
 */
public enum CollectdReject implements org.gapwatch.protocol.Reason {
    TOO_SHORT("collectd/too-short", "fewer than 4 bytes: not even one part header"),
    BAD_PART_LENGTH("collectd/bad-part-length", "a part length below 4 or beyond the end of the datagram"),
    BAD_STRING("collectd/bad-string", "a string part that is empty or not NUL-terminated"),
    BAD_NUMBER("collectd/bad-number", "a time, interval or severity part that is not 12 bytes long"),
    BAD_VALUES("collectd/bad-values", "a values part whose length is not 6 + 9 x its count, or an unknown data "
            + "source type"),
    BAD_SIGNATURE("collectd/bad-signature", "a signature part shorter than its 32-byte HMAC"),
    ENCRYPTED("collectd/encrypted", "an encrypted part: Gapwatch holds no keys and cannot read it"),
    NO_DATA("collectd/no-data", "a datagram with neither a value list nor a notification"),
    TOO_MANY_SOURCES("collectd/too-many-sources", "a value list beyond the 65,536 one subscription keeps");

    private final String code;
    private final String description;

    CollectdReject(String code, String description) {
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
        return "collectd";
    }

    @Override
    public boolean wholeDatagram() {
        return true;
    }
}
