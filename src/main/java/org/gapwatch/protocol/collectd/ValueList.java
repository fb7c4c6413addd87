package org.gapwatch.protocol.collectd;

/**
 * One value list of a datagram, as {@link CollectdSink#valueList} sees it: a view over the reader's state, valid
 * during that call. Its source key is {@code host/plugin[-plugin_instance]/type[-type_instance]}, as collectd
 * names it.
 */
public final class ValueList extends Identity {
    int count;
    final byte[] types = new byte[CollectdReader.MAX_VALUES];
    final long[] raw = new long[CollectdReader.MAX_VALUES];

    ValueList(Context c) {
        super(c);
    }

    /** INTERVAL_HR (or INTERVAL) in units of 2^-30 s; 0 when the datagram named none. */
    public long intervalHr() {
        return c.intervalHr;
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
