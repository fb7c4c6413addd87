package org.gapwatch.protocol.collectd;

/** collectd's data source types, by their code in a VALUES part. */
public enum DataSourceType {
    /** Unsigned 64-bit big-endian, wraps: shown as a rate. */
    COUNTER,
    /** IEEE 754 double, little-endian (x86 order, as collectd sends it on every machine). */
    GAUGE,
    /** Signed 64-bit big-endian: shown as a rate. */
    DERIVE,
    /** Unsigned 64-bit big-endian, reset on every read: the value is already per interval. */
    ABSOLUTE;

    private static final DataSourceType[] BY_CODE = values();

    /** The type for a code 0-3, or null. */
    public static DataSourceType of(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    /** True for the types whose value is a running count, shown as a rate. */
    public boolean isRate() {
        return this == COUNTER || this == DERIVE;
    }
}
