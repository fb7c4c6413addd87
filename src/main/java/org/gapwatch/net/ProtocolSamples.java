package org.gapwatch.net;

import org.gapwatch.protocol.collectd.CollectdWriter;
import org.gapwatch.protocol.rtps.RtpsWriter;
import org.gapwatch.protocol.sacn.E131Writer;

/**
 * Well-formed datagrams of collectd, sACN and RTPS for a sender that only sends (the demo, as {@link RtpStream} is
 * for RTP): each method writes one into {@link #buffer()} and returns its length. No sockets here.
 */
public final class ProtocolSamples {
    private static final int WRITER = 0x00000102;
    private final byte[] buf = new byte[1500];
    private final byte[] slots = new byte[512];
    private final CollectdWriter collectd = new CollectdWriter(buf);
    private final RtpsWriter rtps = new RtpsWriter(buf, 0x0110_0000_6761_7077L, 1);

    public byte[] buffer() {
        return buf;
    }

    /** A collectd datagram: {@code host/load/load} (three gauges) and {@code host/memory/percent}, due each second. */
    public int collectd(String host, long timeNanos, double load, double memory) {
        return collectd.reset().gauges(host, "load", "load", timeNanos, 1_000_000_000L, load, load * 0.9, load * 0.8)
                .gauges(host, "memory", "percent", timeNanos, 1_000_000_000L, memory).length();
    }

    /** An E1.31 data packet on {@code universe}: 512 slots, the first 24 a moving level at {@code tick}. */
    public int sacn(String sourceName, int universe, int sequence, long tick) {
        for (int i = 0; i < 24; i++) {
            slots[i] = (byte) (128 + 127 * Math.sin((tick + i * 4) / 25.0));
        }
        return E131Writer.data(buf, 0x6761707761746368L, 0x64656d6f2d736163L, sourceName, 100, sequence, 0,
                universe, slots, slots.length);
    }

    /** An RTPS message with one DATA of the writer, sequence number {@code sn}. */
    public int rtpsData(long sn, int value) {
        return rtps.reset().data(WRITER, sn, value).length();
    }

    /** An RTPS message with the writer's HEARTBEAT: it wrote 1..{@code last}. */
    public int rtpsHeartbeat(long last, int count) {
        return rtps.reset().heartbeat(WRITER, 1, last, count).length();
    }
}
