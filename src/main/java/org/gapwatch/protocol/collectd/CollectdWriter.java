package org.gapwatch.protocol.collectd;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes collectd datagrams as the network plugin does (HOST, TIME_HR, INTERVAL_HR, PLUGIN, TYPE, VALUES of
 * gauges): for the demo and benchmarks. Each call appends one value list to the buffer.
 */
public final class CollectdWriter {
    private final ByteBuffer b;

    public CollectdWriter(byte[] into) {
        b = ByteBuffer.wrap(into);
    }

    /** Starts a new datagram. */
    public CollectdWriter reset() {
        b.clear();
        return this;
    }

    /** Appends a value list of gauges at {@code timeNanos}, due every {@code intervalNanos}. */
    public CollectdWriter gauges(String host, String plugin, String type, long timeNanos, long intervalNanos,
                                 double... values) {
        string(CollectdReader.HOST, host);
        number(CollectdReader.TIME_HR, HighResTime.ofNanos(timeNanos));
        number(CollectdReader.INTERVAL_HR, HighResTime.ofNanos(intervalNanos));
        string(CollectdReader.PLUGIN, plugin);
        string(CollectdReader.TYPE, type);
        b.putShort((short) CollectdReader.VALUES).putShort((short) (6 + 9 * values.length))
                .putShort((short) values.length);
        for (int i = 0; i < values.length; i++) {
            b.put((byte) DataSourceType.GAUGE.ordinal());
        }
        b.order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            b.putDouble(v);
        }
        b.order(ByteOrder.BIG_ENDIAN);
        return this;
    }

    /** The datagram's length so far. */
    public int length() {
        return b.position();
    }

    private void string(int type, String s) {
        byte[] t = s.getBytes(StandardCharsets.UTF_8);
        b.putShort((short) type).putShort((short) (4 + t.length + 1)).put(t).put((byte) 0);
    }

    private void number(int type, long v) {
        b.putShort((short) type).putShort((short) 12).putLong(v);
    }
}
