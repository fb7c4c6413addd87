package org.gapwatch.realpeer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import org.gapwatch.track.SourceView;
import org.junit.jupiter.api.Test;

/**
 * JSON streams in foreign shapes from a small sender of the test's own (a socket in the namespace, on lo), through
 * jsonmap mappings, with nftables dropping 10 % at random and the firewall's counters as the oracle, as for the
 * real programs:
 * <ul>
 * <li>a building-sensor gateway's poll rounds (one datagram a round, three sensors in its {@code readings} array,
 *     each with its frame counter) through the mapping that ships in docs/mappings/sensor-gateway.json
 *     ({@code ?map=sensor-gateway}): loss by {@code seq}; each sensor lost exactly the datagrams the firewall
 *     dropped;</li>
 * <li>an energy meter without a counter (one reading a datagram, its own time in ms, a 1 s interval) through a
 *     mapping without {@code seq}: loss by cadence; lost exactly the drops, every gap marked by cadence.</li>
 * </ul>
 * The first rounds go before the drop starts (the baselines) and the last after it ends (so the last drop is seen).
 * {@code analyze} of the tcpdump capture of what got past the firewall, with the same subscriptions (so the same
 * {@code ?map=} mappings), gives live's figures ({@link RealPeers#assertAnalyzeIsLive}).
 */
class JsonMapRealSenderTest {
    private static final InetSocketAddress GATEWAY = new InetSocketAddress("239.255.61.10", 5700);
    private static final InetSocketAddress METER = new InetSocketAddress("239.255.61.11", 5701);
    private static final int ROUNDS = 400;
    private static final int EDGE = 3;
    private static final String[][] SENSORS = {{"north", "chiller-1"}, {"north", "chiller-2"}, {"roof", "ahu-4"}};
    private static final long T0 = 1_760_000_000_000L;

    /** A round of the gateway in its own shape: frame {@code frame} of every sensor, the time in seconds. */
    private static byte[] gatewayRound(int frame) {
        StringBuilder sb = new StringBuilder("{\"gateway\":\"gw-west\",\"readings\":[");
        for (int i = 0; i < SENSORS.length; i++) {
            sb.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "{\"site\":\"%s\",\"device\":\"%s\","
                    + "\"frame\":%d,\"value\":%.1f,\"unit\":\"degC\",\"state\":%d,\"time\":%.3f,\"period\":1}",
                    SENSORS[i][0], SENSORS[i][1], frame, 6.5 + i + frame % 10 / 10.0, 0,
                    (T0 + frame * 1000L) / 1000.0));
        }
        return sb.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Reading k of the meter: no counter, its time in ms, due every second. */
    private static byte[] meterReading(int k) {
        return ("{\"meter\":\"plant/meter-3\",\"kw\":" + (100 + k % 50) + ",\"t\":" + (T0 + k * 1000L) + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void lossThroughTheShippedMappingAndByCadenceIsWhatTheFirewallDropped() throws Exception {
        RealPeers.assumeAvailable();
        Path dir = RealPeers.artifacts("jsonmap").toAbsolutePath();
        Path meterMapping = dir.resolve("meter.json");
        Files.writeString(meterMapping, """
                {"src": "/meter", "value": "/kw", "unit": {"const": "kW"}, "ts": "/t", "interval": {"const": 1000}}
                """);
        try (Netns ns = Netns.create("sacn2-jsonmap", dir);
             GapwatchInNs gapwatch = GapwatchInNs.start(ns,
                     "jsonmap://" + GATEWAY.getHostString() + ":" + GATEWAY.getPort() + "?map=sensor-gateway",
                     "jsonmap://" + METER.getHostString() + ":" + METER.getPort() + "?map=" + meterMapping);
             DatagramChannel sender = ns.open(() -> {
                 DatagramChannel c = DatagramChannel.open(StandardProtocolFamily.INET);
                 c.setOption(StandardSocketOptions.IP_MULTICAST_IF, NetworkInterface.getByName("lo"));
                 c.setOption(StandardSocketOptions.IP_MULTICAST_TTL, 0);
                 c.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                 return c;
             })) {
            Path passed = dir.resolve("jsonmap-passed.pcap");
            Process tcpdumpPassed = ns.captureReceived(passed, GATEWAY.getPort(), METER.getPort());
            int k = 0;
            for (; k < EDGE; k++) {
                send(sender, k);
            }
            Netns.awaitTrue(() -> gapwatch.datagrams() >= 2 * EDGE, "the first rounds in Gapwatch");
            ns.dropRandomly(GATEWAY.getPort(), 100, 10);
            ns.dropRandomly(METER.getPort(), 100, 10);
            for (; k < ROUNDS - EDGE; k++) {
                send(sender, k);
                LockSupport.parkNanos(2_000_000); // the sender's pace: 500 rounds a second
            }
            ns.stopDropping();
            for (; k < ROUNDS; k++) {
                send(sender, k);
            }
            long gatewayDrops = ns.dropped(GATEWAY.getPort());
            long meterDrops = ns.dropped(METER.getPort());
            gapwatch.awaitDatagrams(2L * ROUNDS - gatewayDrops - meterDrops);
            Netns.awaitTrue(() -> {
                SourceView m = gapwatch.source(v -> v.src().equals("plant/meter-3"));
                return m != null && m.received() == ROUNDS - meterDrops;
            }, "the meter's readings accounted");
            System.out.printf("jsonmap: %d rounds each; firewall dropped %d gateway rounds, %d meter readings%n",
                    ROUNDS, gatewayDrops, meterDrops);
            assertTrue(gatewayDrops > 0 && meterDrops > 0, "the firewall dropped some of each");
            List<SourceView> sensors = gapwatch.sources("jsonmap").stream()
                    .filter(v -> !v.src().equals("plant/meter-3")).toList();
            assertEquals(List.of("north/chiller-1", "north/chiller-2", "roof/ahu-4"),
                    sensors.stream().map(SourceView::src).sorted().toList(), "the mapping's {site}/{device}");
            for (SourceView v : sensors) {
                assertEquals(ROUNDS - gatewayDrops, v.received(), v.src());
                assertEquals(gatewayDrops, v.lost(), v.src() + ": lost = the firewall's counter");
                assertEquals(0, v.late() + v.duplicates() + v.restarts(), v.src());
                assertEquals(ROUNDS - 1, v.highest(), v.src() + ": the frame counter is its seq");
                assertEquals("degC", v.unit());
                assertTrue(!v.lastGap().byCadence(), "counted by seq");
            }
            SourceView m = gapwatch.source(v -> v.src().equals("plant/meter-3"));
            assertEquals(ROUNDS - meterDrops, m.received());
            assertEquals(meterDrops, m.lost(), "lost by cadence = the firewall's counter");
            assertEquals(0, m.late() + m.duplicates() + m.restarts());
            assertTrue(m.lastGap().byCadence(), "marked by cadence");
            assertEquals("kW", m.unit());
            assertEquals(100 + (ROUNDS - 1) % 50, m.number(), "the last reading's value");
            Netns.awaitCaptured(passed, GATEWAY.getPort(), ROUNDS - gatewayDrops);
            Netns.awaitCaptured(passed, METER.getPort(), ROUNDS - meterDrops);
            Netns.stop(tcpdumpPassed);
            // analyze reads the mappings as live does: the groups' ?map= (the shipped one, the meter's file).
            RealPeers.assertAnalyzeIsLive(passed, gapwatch.groups, gapwatch.snapshot());
        }
    }

    private static void send(DatagramChannel c, int k) throws java.io.IOException {
        c.send(ByteBuffer.wrap(gatewayRound(k)), GATEWAY);
        c.send(ByteBuffer.wrap(meterReading(k)), METER);
    }
}
