package org.gapwatch.protocol.collectd;

/**
 * One value list of a datagram, as {@link CollectdSink#valueList} sees it: a view over the reader's state, valid
 * during that call. Its source key is {@code host/plugin[-plugin_instance]/type[-type_instance]}, as collectd
 * names it.
 */
public final class ValueList {
    final Context c;
    int count;
    final byte[] types = new byte[CollectdReader.MAX_VALUES];
    final long[] raw = new long[CollectdReader.MAX_VALUES];

    ValueList(Context c) {
        this.c = c;
    }

    public String host() {
        return c.host;
    }

    public String plugin() {
        return c.plugin;
    }

    /** The plugin instance, "" when none. */
    public String pluginInstance() {
        return c.pluginInstance;
    }

    public String type() {
        return c.type;
    }

    /** The type instance, "" when none. */
    public String typeInstance() {
        return c.typeInstance;
    }

    /** {@code host/plugin[-plugin_instance]/type[-type_instance]}. */
    public String key() {
        return c.key();
    }

    /** TIME_HR (or TIME in seconds, converted) in units of 2^-30 s since the epoch. */
    public long timeHr() {
        return c.timeHr;
    }

    /** INTERVAL_HR (or INTERVAL) in units of 2^-30 s; 0 when the datagram named none. */
    public long intervalHr() {
        return c.intervalHr;
    }

    /** True when a SIGNATURE part came before it in the datagram (not verified: Gapwatch holds no keys). */
    public boolean signed() {
        return c.signed;
    }

    public int count() {
        return count;
    }

    public DataSourceType type(int i) {
        return DataSourceType.of(types[check(i)]);
    }

    /** A gauge's value (little-endian double on the wire). */
    public double gauge(int i) {
        if (types[check(i)] != DataSourceType.GAUGE.ordinal()) {
            throw new IllegalStateException("value " + i + " is a " + type(i));
        }
        return Double.longBitsToDouble(raw[i]);
    }

    /** A counter's, derive's or absolute's 64 bits (big-endian on the wire); counter and absolute are unsigned. */
    public long integer(int i) {
        if (types[check(i)] == DataSourceType.GAUGE.ordinal()) {
            throw new IllegalStateException("value " + i + " is a gauge");
        }
        return raw[i];
    }

    /** Any value as a double: a gauge as is, a derive signed, a counter or absolute unsigned. */
    public double value(int i) {
        long r = raw[check(i)];
        return switch (types[i]) {
            case 1 -> Double.longBitsToDouble(r);
            case 2 -> r;
            default -> r >= 0 ? r : (r >>> 1) * 2.0 + (r & 1);
        };
    }

    /** All values as doubles (see {@link #value}). */
    public double[] copyValues() {
        double[] v = new double[count];
        for (int i = 0; i < count; i++) {
            v[i] = value(i);
        }
        return v;
    }

    private int check(int i) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException(i);
        }
        return i;
    }

    @Override
    public String toString() {
        return key() + java.util.Arrays.toString(copyValues());
    }
}
