package org.gapwatch.realpeer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Files;
import org.gapwatch.testutil.External;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gapwatch.capture.CapturedDatagram;
import org.gapwatch.protocol.sacn.E131Packet;
import org.gapwatch.protocol.sacn.SacnSequenceCheck;
import org.gapwatch.protocol.sacn.SacnUniverses;
import org.gapwatch.protocol.sacn.UniverseArbiter;
import org.junit.jupiter.api.Test;

/**
 * The npm {@code sacn} package ({@value #VERSION}, installed by .ci/run into target/realpeer/npm) sends universes
 * 1, 2 and 3 at 40 packets a second each, 800 packets a universe (more than three wraps of the 8-bit sequence
 * number), to 239.255.0.U:5568 in a namespace; nftables drops 10 % at random in prerouting. Every captured packet
 * parses; per universe, the sequence check over what was received counts lost exactly the packets of that
 * universe the firewall dropped, and nothing late or repeated; one source wins each universe. Gapwatch's own
 * receiver and engine ({@code sacn://1-3}, in the namespace) give the same figures per source, {@code analyze} on
 * its recording the same again, and {@code analyze} on the tcpdump capture (taken before the drop) counts the
 * dropped packets as received and nothing lost. The source's levels are the last packet's.
 */
class SacnRealSenderTest {
    static final String VERSION = "4.6.2";
    private static final int[] UNIVERSES = {1, 2, 3};
    private static final int PACKETS = 800;

    @Test
    void sequenceLossPerUniverseIsWhatTheFirewallDropped() throws Exception {
        RealPeers.assumeAvailable("node", "tcpdump");
        Path npm = Path.of("target", "realpeer", "npm").toAbsolutePath();
        External.require(Files.isDirectory(npm.resolve("node_modules/sacn")), "the npm sacn package",
                "npm install --prefix target/realpeer/npm sacn@" + VERSION + " (as .ci/run does)");
        Path dir = RealPeers.artifacts("sacn").toAbsolutePath();
        Path sent = dir.resolve("sacn-sent.pcap");
        Path passed = dir.resolve("sacn-received-nflog.pcap");
        Path script = dir.resolve("send.js");
        Files.writeString(script, """
                const { Sender } = require(%s);
                const cid = Buffer.from('67617077617463687361636e74657374', 'hex');
                const senders = %s.map(u => new Sender({ universe: u, defaultPacketOptions: {
                    sourceName: 'gapwatch test desk', priority: 100, cid, useRawDmxValues: true } }));
                let n = 0;
                const timer = setInterval(async () => {
                    for (const s of senders) {
                        await s.send({ payload: { 1: n %% 256, 2: 255, 3: s.universe } });
                    }
                    if (++n >= %d) {
                        clearInterval(timer);
                        setTimeout(() => process.exit(0), 200);
                    }
                }, 25);
                """.formatted("'" + npm.resolve("node_modules/sacn") + "'", java.util.Arrays.toString(UNIVERSES),
                PACKETS));
        List<Netns.Receiver> receivers = new ArrayList<>();
        List<List<Netns.Receiver.Datagram>> got = new ArrayList<>();
        List<CapturedDatagram> all;
        long dropped;
        org.gapwatch.track.TrackerSnapshot live;
        GapwatchInNsRecording gapwatch;
        try (Netns ns = Netns.create("wire2-sacn", dir)) {
            for (int u : UNIVERSES) {
                receivers.add(ns.receive(InetAddress.getByName(SacnUniverses.group(u)), E131Packet.PORT));
            }
            gapwatch = GapwatchInNsRecording.start(ns, org.gapwatch.net.GroupSpec.parseAll("sacn://1-3"),
                    dir.resolve("gapwatch-sacn.pcap"));
            Process tcpdump = ns.capture(sent, E131Packet.PORT);
            Process tcpdumpPassed = ns.captureReceived(passed, E131Packet.PORT);
            Process node = ns.start("node.log", "node", script.toString());
            // Every receiver on port 5568 gets every universe it joined; the first packets are the baselines.
            Netns.awaitTrue(() -> receivers.stream().allMatch(r -> r.count() >= 3), "sACN sending: "
                    + ns.log("node.log"));
            ns.dropRandomly(E131Packet.PORT, 100, 10);
            Netns.awaitTrue(() -> receivers.get(0).count() >= PACKETS * 9 / 10 - 60, "most packets sent", 40);
            ns.stopDropping();
            assertEquals(0, Netns.await(node, 20, "node"), ns.log("node.log"));
            dropped = ns.dropped(E131Packet.PORT);
            long firewall = dropped;
            Netns.awaitTrue(() -> {
                try {
                    return receivers.stream().mapToInt(Netns.Receiver::count).sum() + firewall
                            == Netns.read(sent, E131Packet.PORT).size();
                } catch (java.io.IOException e) {
                    return false;
                }
            }, "received + dropped = captured on port 5568");
            Netns.stop(tcpdump);
            for (Netns.Receiver r : receivers) {
                got.add(r.datagrams());
            }
            all = Netns.read(sent, E131Packet.PORT);
            live = gapwatch.awaitDatagrams(got.stream().mapToInt(List::size).sum());
            Netns.awaitCaptured(passed, E131Packet.PORT, got.stream().mapToInt(List::size).sum());
            Netns.stop(tcpdumpPassed);
        }
        org.gapwatch.track.TrackerSnapshot recorded = gapwatch.analyzeRecording().snapshot();
        org.gapwatch.track.TrackerSnapshot captured = gapwatch.analyze(sent).snapshot();
        RealPeers.assertAnalyzeIsLive(passed, gapwatch.groups, live);
        // One socket per group (the JDK turns IP_MULTICAST_ALL off: each gets only its own group's datagrams);
        // the capture is split by destination group to compare each universe with its receiver.
        E131Packet p = new E131Packet();
        long[] dropsPerUniverse = new long[4];
        int[] wraps = new int[4];
        List<Netns.Receiver.Datagram> received = new ArrayList<>();
        for (int k = 0; k < UNIVERSES.length; k++) {
            int u = UNIVERSES[k];
            String group = SacnUniverses.group(u);
            List<CapturedDatagram> ofUniverse = all.stream()
                    .filter(c -> c.destination().getAddress().getHostAddress().equals(group)).toList();
            boolean[] missing = Netns.missing(ofUniverse, got.get(k));
            int last = -1;
            for (int i = 0; i < ofUniverse.size(); i++) {
                byte[] b = ofUniverse.get(i).payload();
                assertNull(p.wrap(b, 0, b.length), "every captured packet parses");
                assertEquals(u, p.universe(), "universe " + p.universe() + " on " + group);
                wraps[u] += last > p.sequence() ? 1 : 0;
                last = p.sequence();
                dropsPerUniverse[u] += missing[i] ? 1 : 0;
            }
            received.addAll(got.get(k));
        }
        SacnSequenceCheck check = new SacnSequenceCheck();
        UniverseArbiter arbiter = new UniverseArbiter();
        long cidHigh = 0;
        long cidLow = 0;
        long lastNanos = 0;
        for (Netns.Receiver.Datagram d : received) {
            assertNull(p.wrap(d.payload(), 0, d.payload().length));
            check.check(p);
            arbiter.offer(p, d.arrivalNanos());
            cidHigh = p.cidHigh();
            cidLow = p.cidLow();
            lastNanos = d.arrivalNanos();
            assertEquals("gapwatch test desk", p.sourceName());
            assertEquals(100, p.priority());
        }
        long total = 0;
        for (int u : UNIVERSES) {
            System.out.printf("sacn: universe %d: %d wraps, firewall dropped %d of its packets; lost %d, late %d, "
                            + "duplicates %d%n", u, wraps[u], dropsPerUniverse[u], check.lost(cidHigh, cidLow, u),
                    check.late(cidHigh, cidLow, u), check.duplicates(cidHigh, cidLow, u));
            assertTrue(wraps[u] >= 3, "universe " + u + " wrapped " + wraps[u] + " times");
            assertEquals(dropsPerUniverse[u], check.lost(cidHigh, cidLow, u), "universe " + u);
            assertEquals(0, check.late(cidHigh, cidLow, u) + check.duplicates(cidHigh, cidLow, u));
            assertEquals("gapwatch test desk", arbiter.winner(u, lastNanos).name());
            total += check.lost(cidHigh, cidLow, u);
            // Gapwatch itself, live, from its recording, and from the capture before the drop.
            String src = "sacn/" + u + "/gapwatch test desk";
            org.gapwatch.track.SourceView v = GapwatchInNsRecording.source(live, src);
            assertEquals(dropsPerUniverse[u], v.lost(), "Gapwatch, universe " + u);
            assertEquals(check.received(cidHigh, cidLow, u), v.received(), "Gapwatch, universe " + u);
            assertEquals(0, v.late() + v.duplicates() + v.restarts());
            assertTrue(v.text().contains("wins"), v.text());
            // The levels of the last packet (slot 1 = its count, 2 full, 3 the universe; the rest 0) as the vector.
            assertEquals(512, v.levels().size(), "the npm package sends all 512 slots");
            assertEquals(List.of((PACKETS - 1) % 256, 255, u, 0), java.util.Arrays.stream(v.levels().toIntArray())
                    .limit(4).boxed().toList(), "universe " + u);
            assertEquals(3, v.levels().nonZero());
            org.gapwatch.track.SourceView r = GapwatchInNsRecording.source(recorded, src);
            assertEquals(List.of(v.received(), v.lost(), v.late(), v.duplicates()),
                    List.of(r.received(), r.lost(), r.late(), r.duplicates()), "analyze on Gapwatch's recording");
            org.gapwatch.track.SourceView c = GapwatchInNsRecording.source(captured, src);
            assertEquals(v.received() + dropsPerUniverse[u], c.received(), "analyze on the tcpdump capture");
            assertEquals(0, c.lost());
        }
        assertEquals("67617077-6174-6368-7361-636e74657374", E131Packet.cidText(cidHigh, cidLow));
        assertEquals(dropped, total, "lost over all universes = the firewall's counter");
        assertTrue(dropped > 0);
    }
}
