package org.gapwatch.demo;

import java.util.List;
import org.gapwatch.net.GroupSpec;
import org.gapwatch.net.ProtocolSamples;
import org.gapwatch.net.Publisher;

/**
 * One source of each of the other protocols for the demo, on loopback only (interface lo, TTL 0, groups in
 * 239.255.77.0/24 on their own ports): a collectd host once a second (now and then a round left out: loss by
 * cadence), an sACN source at 50 packets/s, a DDS writer at 10 samples/s with a HEARTBEAT each second, and a sensor
 * gateway's JSON through the shipped mapping. {@link #tick} is called every 20 ms.
 */
final class ProtocolStreams implements AutoCloseable {
    static final String COLLECTD = "collectd://239.255.77.7:47760";
    static final String SACN = "sacn://239.255.77.8:47770";
    static final String RTPS = "rtps://239.255.77.9:47780";
    static final String JSONMAP = "jsonmap://239.255.77.10:47790?map=sensor-gateway";
    static final List<String> GROUPS = List.of(COLLECTD, SACN, RTPS, JSONMAP);

    private final Publisher collectd = publisher(COLLECTD);
    private final Publisher sacn = publisher(SACN);
    private final Publisher rtps = publisher(RTPS);
    private final Publisher jsonmap = publisher(JSONMAP);
    private final ProtocolSamples samples = new ProtocolSamples();
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
        byte[] buf = samples.buffer();
        sacn.send(buf, 0, samples.sacn("Demo desk", 1, sacnSeq++, tick));
        if (tick % 5 == 0) {
            sample++;
            if (random.nextInt(200) != 0) { // a rare sample the network loses
                rtps.send(buf, 0, samples.rtpsData(sample, (int) tick));
            }
        }
        if (tick % 50 == 0) {
            rtps.send(buf, 0, samples.rtpsHeartbeat(sample, (int) (tick / 50)));
            if (random.nextInt(30) != 0) { // now and then a round left out: a gap by cadence
                collectd.send(buf, 0, samples.collectd("demo-host", now * 1_000_000, 0.4 + random.nextDouble() / 5,
                        40 + random.nextInt(5)));
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
