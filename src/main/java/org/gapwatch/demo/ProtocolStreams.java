package org.gapwatch.demo;

import java.util.List;
import org.gapwatch.net.GroupSpec;
import org.gapwatch.net.Publisher;
import org.gapwatch.protocol.collectd.CollectdWriter;
import org.gapwatch.protocol.rtps.RtpsWriter;
import org.gapwatch.protocol.sacn.E131Writer;

/**
 * One source of each of the other protocols for the demo, on loopback only (interface lo, TTL 0, groups in
 * 239.255.77.0/24 on their own ports): a collectd value list once a second (now and then a round left out: loss
 * by cadence), an sACN source at 50 packets/s, a DDS writer at 10 samples/s with a HEARTBEAT each second, and a
 * sensor gateway's JSON through the shipped mapping. {@link #tick} is called every 20 ms.
 */
final class ProtocolStreams implements AutoCloseable {
    static final String COLLECTD = "collectd://239.255.77.3:47720";
    static final String SACN = "sacn://239.255.77.4:47730";
    static final String RTPS = "rtps://239.255.77.5:47740";
    static final String JSONMAP = "jsonmap://239.255.77.6:47750?map=sensor-gateway";
    static final List<String> GROUPS = List.of(COLLECTD, SACN, RTPS, JSONMAP);
    private static final int WRITER = 0x00000102;

    private final Publisher collectd = publisher(COLLECTD);
    private final Publisher sacn = publisher(SACN);
    private final Publisher rtps = publisher(RTPS);
    private final Publisher jsonmap = publisher(JSONMAP);
    private final byte[] buf = new byte[1500];
    private final byte[] slots = new byte[512];
    private final CollectdWriter collectdWriter = new CollectdWriter(buf);
    private final byte[] rtpsBytes = new byte[1500];
    private final RtpsWriter rtpsWriter = new RtpsWriter(rtpsBytes, 0x0110_0000_6761_7077L, 1);
    private final SensorGatewayStream gateway = new SensorGatewayStream("gw-north",
            new String[] {"north", "north"}, new String[] {"boiler-1", "boiler-2"});
    private final java.util.Random random;
    private int sacnSeq;
    private long sample;

    ProtocolStreams(long seed) {
        random = new java.util.Random(seed);
    }

    private static Publisher publisher(String spec) {
        return new Publisher(GroupSpec.parse(spec), "lo", 0);
    }

    void tick(long now, long tick) {
        for (int i = 0; i < 24; i++) {
            slots[i] = (byte) (128 + 127 * Math.sin((tick + i * 4) / 25.0));
        }
        int len = E131Writer.data(buf, 0x6761707761746368L, 0x64656d6f2d736163L, "Demo desk", 100, sacnSeq++, 0, 1,
                slots, 512);
        sacn.send(buf, 0, len);
        if (tick % 5 == 0) {
            sample++;
            if (random.nextInt(200) != 0) {
                rtps.send(rtpsBytes, 0, rtpsWriter.reset().data(WRITER, sample, (int) tick).length());
            }
        }
        if (tick % 50 == 0) {
            rtps.send(rtpsBytes, 0, rtpsWriter.reset().heartbeat(WRITER, 1, sample, (int) (tick / 50)).length());
            if (random.nextInt(30) != 0) {
                long nanos = now * 1_000_000;
                collectdWriter.reset().gauges("demo-host", "load", "load", nanos, 1_000_000_000L,
                        0.4 + random.nextDouble() / 5, 0.35, 0.3)
                        .gauges("demo-host", "memory", "percent", nanos, 1_000_000_000L, 40 + random.nextInt(5));
                collectd.send(buf, 0, collectdWriter.length());
            }
            if (random.nextInt(40) != 0) {
                byte[] j = gateway.next(now, 1.0, i -> tick % 3000 < 300 && i == 1 ? 1 : 0);
                jsonmap.send(j, 0, j.length);
            } else {
                gateway.skip();
            }
        }
    }

    @Override
    public void close() {
        collectd.close();
        sacn.close();
        rtps.close();
        jsonmap.close();
    }
}
