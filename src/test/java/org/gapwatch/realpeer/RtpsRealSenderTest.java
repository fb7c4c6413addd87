package org.gapwatch.realpeer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gapwatch.capture.CapturedDatagram;
import org.gapwatch.protocol.rtps.Guid;
import org.gapwatch.protocol.rtps.RtpsPorts;
import org.gapwatch.protocol.rtps.RtpsReader;
import org.gapwatch.protocol.rtps.RtpsReject;
import org.gapwatch.protocol.rtps.RtpsSink;
import org.gapwatch.protocol.rtps.SedpPublication;
import org.gapwatch.protocol.rtps.Submessage;
import org.gapwatch.protocol.rtps.WriterAccounting;
import org.junit.jupiter.api.Test;

/**
 * Cyclone DDS's ddsperf: one publisher ({@code pub 100Hz}, reliable) and two subscribers in a namespace, Cyclone
 * told to use lo with multicast. With two readers of one writer on different participants, Cyclone sends the data
 * to the user multicast group 239.255.0.1:7401 (domain 0); with a single reader it would send it unicast to that
 * reader's port, and a passive monitor joined to the group would see nothing. nftables drops 10 % of the
 * datagrams to 7401 at random in prerouting.
 *
 * <p>The oracle, from the capture (before the drop): per user writer, the sequence numbers of the DATA submessages
 * the capture has and the receiver never got, counting those above the writer's first received number and up to
 * the highest the receiver knows of (its highest DATA or HEARTBEAT last). Cyclone answers the subscribers' NACKs by
 * unicast retransmissions, which a monitor on the group does not see: so a drop stays a loss for the monitor,
 * while the subscribers get everything. Gapwatch's own receiver and engine ({@code rtps://239.255.0.1}: ports
 * 7400 and 7401, in the namespace) give the same loss per writer, named by its SEDP topic; {@code analyze} on its
 * recording the same again.
 */
class RtpsRealSenderTest {
    private static final String GROUP = RtpsPorts.DEFAULT_GROUP;
    private static final int DATA_PORT = RtpsPorts.userMulticast(0);
    private static final int DISCOVERY_PORT = RtpsPorts.discoveryMulticast(0);
    private static final String CYCLONE = "CYCLONEDDS_URI=<CycloneDDS><Domain><General><Interfaces>"
            + "<NetworkInterface name=\"lo\" multicast=\"true\"/></Interfaces><AllowMulticast>true</AllowMulticast>"
            + "</General></Domain></CycloneDDS>";

    @Test
    void writerAccountingLosesExactlyTheDataTheFirewallDropped() throws Exception {
        RealPeers.assumeAvailable("ddsperf", "tcpdump");
        Path dir = RealPeers.artifacts("rtps").toAbsolutePath();
        Path sent = dir.resolve("ddsperf-sent.pcap");
        Path passed = dir.resolve("ddsperf-received-nflog.pcap");
        List<Netns.Receiver.Datagram> data;
        List<Netns.Receiver.Datagram> discovery;
        List<CapturedDatagram> all;
        long dropped;
        org.gapwatch.track.TrackerSnapshot live;
        GapwatchInNsRecording gapwatch;
        try (Netns ns = Netns.create("wire2-rtps", dir)) {
            Netns.Receiver r = ns.receive(InetAddress.getByName(GROUP), DATA_PORT);
            Netns.Receiver d = ns.receive(InetAddress.getByName(GROUP), DISCOVERY_PORT);
            gapwatch = GapwatchInNsRecording.start(ns, List.of(org.gapwatch.net.GroupSpec.parse("rtps://" + GROUP)),
                    dir.resolve("gapwatch-rtps.pcap"));
            Process tcpdump = ns.capture(sent, DATA_PORT, DISCOVERY_PORT);
            Process tcpdumpPassed = ns.captureReceived(passed, DATA_PORT, DISCOVERY_PORT);
            List<Process> peers = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                peers.add(ns.start("sub" + i + ".log", "env", CYCLONE, "ddsperf", "-D", "20", "sub"));
            }
            peers.add(ns.start("pub.log", "env", CYCLONE, "ddsperf", "-D", "20", "pub", "100Hz"));
            Netns.awaitTrue(() -> userData(r.datagrams()) >= 20, "ddsperf data on the group: " + ns.log("pub.log"));
            ns.dropRandomly(DATA_PORT, 100, 10);
            int before = userData(r.datagrams());
            Netns.awaitTrue(() -> userData(r.datagrams()) >= before + 500, "500 more DATA");
            ns.stopDropping();
            int after = userData(r.datagrams());
            Netns.awaitTrue(() -> userData(r.datagrams()) >= after + 20, "DATA after the drops");
            for (Process p : peers) {
                Netns.stop(p);
            }
            dropped = ns.dropped(DATA_PORT);
            Netns.awaitAccounted(r, sent, DATA_PORT, dropped);
            Netns.stop(tcpdump);
            data = r.datagrams();
            discovery = d.datagrams();
            all = Netns.read(sent, DATA_PORT);
            live = gapwatch.awaitDatagrams(data.size() + discovery.size());
            Netns.awaitCaptured(passed, DATA_PORT, data.size());
            Netns.awaitCaptured(passed, DISCOVERY_PORT, discovery.size());
            Netns.stop(tcpdumpPassed);
        }
        org.gapwatch.track.TrackerSnapshot recorded = gapwatch.analyzeRecording().snapshot();
        RealPeers.assertAnalyzeIsLive(passed, gapwatch.groups, live);
        boolean[] missing = Netns.missing(all, data);

        // The monitor: every received datagram through the reader into the accounting.
        WriterAccounting accounting = new WriterAccounting();
        Map<Guid, Set<Long>> receivedSn = new HashMap<>();
        Map<Guid, Long> firstSn = new HashMap<>();
        Map<Guid, Long> highestKnown = new HashMap<>();
        Map<Guid, SedpPublication> topics = new HashMap<>();
        RtpsReader reader = new RtpsReader();
        RtpsSink monitor = new RtpsSink() {
            @Override
            public void data(Submessage s) {
                SedpPublication pub = SedpPublication.of(s);
                if (pub != null && pub.writer() != null && pub.topicName() != null) { // not an unregistration
                    topics.put(pub.writer(), pub);
                }
                Guid w = s.writer();
                if (w.builtin()) {
                    return;
                }
                accounting.data(s);
                receivedSn.computeIfAbsent(w, k -> new HashSet<>()).add(s.sequence());
                firstSn.putIfAbsent(w, s.sequence());
                highestKnown.merge(w, s.sequence(), Math::max);
            }

            @Override
            public void heartbeat(Submessage s) {
                if (!s.writer().builtin()) {
                    accounting.heartbeat(s);
                    highestKnown.merge(s.writer(), s.lastSequence(), Math::max);
                }
            }

            @Override
            public void gap(Submessage s) {
                if (!s.writer().builtin()) {
                    accounting.gap(s);
                }
            }
        };
        // Cyclone wakes its own receive threads at shutdown with 1-byte datagrams to its sockets: no RTPS.
        int wakeups = 0;
        for (List<Netns.Receiver.Datagram> list : List.of(discovery, data)) {
            for (Netns.Receiver.Datagram dg : list) {
                RtpsReject rej = reader.read(dg.payload(), 0, dg.payload().length, monitor);
                if (rej == RtpsReject.TOO_SHORT && dg.payload().length == 1) {
                    wakeups++;
                } else {
                    assertNull(rej, "every datagram reads");
                }
            }
        }

        // The oracle: DATA sequence numbers in dropped datagrams that no received datagram carried.
        Map<Guid, Set<Long>> droppedSn = new HashMap<>();
        int droppedWithData = 0;
        for (int i = 0; i < all.size(); i++) {
            if (!missing[i]) {
                continue;
            }
            boolean[] hadData = {false};
            byte[] p = all.get(i).payload();
            RtpsReject rej = reader.read(p, 0, p.length, new RtpsSink() {
                @Override
                public void data(Submessage s) {
                    if (!s.writer().builtin()) {
                        droppedSn.computeIfAbsent(s.writer(), k -> new HashSet<>()).add(s.sequence());
                        hadData[0] = true;
                    }
                }
            });
            assertTrue(rej == null || (rej == RtpsReject.TOO_SHORT && p.length == 1), "dropped datagram reads");
            droppedWithData += hadData[0] ? 1 : 0;
        }
        long expected = 0;
        long lost = 0;
        List<String> lines = new ArrayList<>();
        for (Guid w : receivedSn.keySet()) {
            long first = firstSn.get(w);
            long high = highestKnown.get(w);
            long e = droppedSn.getOrDefault(w, Set.of()).stream()
                    .filter(sn -> sn > first && sn <= high && !receivedSn.get(w).contains(sn)).count();
            expected += e;
            lost += accounting.lost(w);
            SedpPublication t = topics.get(w);
            lines.add(w + (t == null ? "" : " topic " + t.topicName() + " type " + t.typeName()) + ": received "
                    + accounting.received(w) + ", lost " + accounting.lost(w) + " (dropped " + e + "), late "
                    + accounting.late(w) + ", heartbeats " + accounting.heartbeats(w) + ", irrelevant "
                    + accounting.irrelevant(w));
            assertEquals(e, accounting.lost(w), w.toString());
            // Gapwatch itself, live and from its recording: the writer's source, named by its topic once known.
            org.gapwatch.track.SourceView v = live.sources().stream().filter(x -> x.src().endsWith("/" + w))
                    .findFirst().orElseThrow(() -> new AssertionError("Gapwatch has no source for " + w));
            assertEquals(e, v.lost(), "Gapwatch " + v.src());
            assertEquals(accounting.received(w), v.received(), "Gapwatch " + v.src());
            org.gapwatch.track.SourceView rec = GapwatchInNsRecording.source(recorded, v.src());
            assertEquals(List.of(v.received(), v.lost(), v.late()), List.of(rec.received(), rec.lost(), rec.late()),
                    "analyze on Gapwatch's recording, " + v.src());
            if (t != null) {
                assertEquals("DDSPerfRDataKS", t.topicName(), "ddsperf's data topic for KS");
                assertEquals("KeyedSeq", t.typeName());
            }
        }
        System.out.printf("rtps: %d datagrams to %d captured (%d wake-ups), firewall dropped %d (%d with DATA); %s; "
                + "SEDP publications seen: %s%n", all.size(), DATA_PORT, wakeups, dropped, droppedWithData, lines,
                topics.values().stream().map(t -> t.writer() + " " + t.topicName()).toList());
        assertEquals(all.size() - data.size(), dropped);
        assertEquals(expected, lost);
        assertTrue(lost > 0, "some DATA was dropped");
    }

    /** DATA submessages of user writers in the datagrams. */
    private static int userData(List<Netns.Receiver.Datagram> datagrams) {
        RtpsReader reader = new RtpsReader();
        int[] n = {0};
        RtpsSink count = new RtpsSink() {
            @Override
            public void data(Submessage s) {
                n[0] += s.writer().builtin() ? 0 : 1;
            }
        };
        for (Netns.Receiver.Datagram d : datagrams) {
            reader.read(d.payload(), 0, d.payload().length, count);
        }
        return n[0];
    }
}
