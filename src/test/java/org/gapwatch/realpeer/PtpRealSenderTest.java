package org.gapwatch.realpeer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.gapwatch.capture.CapturedDatagram;
import org.gapwatch.protocol.ptp.GrandmasterWatch;
import org.gapwatch.protocol.ptp.PtpMessage;
import org.gapwatch.protocol.ptp.PtpMessageType;
import org.gapwatch.protocol.ptp.PtpSequenceCheck;
import org.gapwatch.track.LaneView;
import org.gapwatch.track.SourceView;
import org.junit.jupiter.api.Test;

/**
 * linuxptp's ptp4l (UDPv4, software time stamping) alone on lo becomes grandmaster and sends Sync (port 319),
 * Follow_Up and Announce (port 320) to 224.0.1.129; nftables drops at random on both ports. Every captured message
 * parses; per message type, the sequenceId accounting of what was received loses exactly what the firewall dropped
 * on that type's port, and exactly the messages of that type the capture has and the receiver not. Gapwatch's own
 * receiver ({@code ptp://224.0.1.129}, both ports) in the namespace counts the same per message type lane.
 */
class PtpRealSenderTest {
    private static final String GROUP = "224.0.1.129";

    @Test
    void sequenceLossPerMessageTypeIsWhatTheFirewallDroppedOnItsPort() throws Exception {
        RealPeers.assumeAvailable("ptp4l", "tcpdump");
        Path dir = RealPeers.artifacts("ptp");
        Path sent = dir.resolve("ptp4l-sent.pcap");
        Path passed = dir.resolve("ptp4l-received-nflog.pcap");
        Path config = dir.resolve("ptp4l.cfg");
        Files.writeString(config, "[global]\ntime_stamping software\nlogSyncInterval -4\nlogAnnounceInterval -3\n"
                + "announceReceiptTimeout 2\n");
        List<Netns.Receiver.Datagram> event;
        List<Netns.Receiver.Datagram> general;
        List<CapturedDatagram> sentEvent;
        List<CapturedDatagram> sentGeneral;
        long dropped319;
        long dropped320;
        SourceView live;
        Map<String, LaneView> liveLanes = new java.util.TreeMap<>();
        try (Netns ns = Netns.create("ptp", dir)) {
            GapwatchInNs gapwatch = GapwatchInNs.start(ns, "ptp://" + GROUP);
            Netns.Receiver r319 = ns.receive(InetAddress.getByName(GROUP), PtpMessage.EVENT_PORT);
            Netns.Receiver r320 = ns.receive(InetAddress.getByName(GROUP), PtpMessage.GENERAL_PORT);
            Process tcpdump = ns.capture(sent, PtpMessage.EVENT_PORT, PtpMessage.GENERAL_PORT);
            Process tcpdumpPassed = ns.captureReceived(passed, PtpMessage.EVENT_PORT, PtpMessage.GENERAL_PORT);
            Process ptp4l = ns.start("ptp4l.log", "ptp4l", "-i", "lo", "-4", "-S", "-m", "-f", config.toString());
            // Drop only once each type has a first message (a baseline), so no loss hides before it.
            Netns.awaitTrue(() -> count(r319, PtpMessageType.SYNC) > 0 && count(r320, PtpMessageType.FOLLOW_UP) > 0
                    && count(r320, PtpMessageType.ANNOUNCE) > 0, "ptp4l sending as master: " + ns.log("ptp4l.log"));
            ns.dropRandomly(PtpMessage.EVENT_PORT, 100, 10);
            ns.dropRandomly(PtpMessage.GENERAL_PORT, 100, 10);
            int syncs = count(r319, PtpMessageType.SYNC);
            Netns.awaitTrue(() -> count(r319, PtpMessageType.SYNC) >= syncs + 60, "60 more Sync messages");
            ns.stopDropping();
            // And stop only once each type has messages after the last drop, so every loss shows.
            int s = count(r319, PtpMessageType.SYNC), f = count(r320, PtpMessageType.FOLLOW_UP),
                    a = count(r320, PtpMessageType.ANNOUNCE);
            Netns.awaitTrue(() -> count(r319, PtpMessageType.SYNC) > s + 2
                    && count(r320, PtpMessageType.FOLLOW_UP) > f + 2 && count(r320, PtpMessageType.ANNOUNCE) > a + 2,
                    "messages after the drops ended");
            Netns.stop(ptp4l);
            dropped319 = ns.dropped(PtpMessage.EVENT_PORT);
            dropped320 = ns.dropped(PtpMessage.GENERAL_PORT);
            Netns.awaitAccounted(r319, sent, PtpMessage.EVENT_PORT, dropped319);
            Netns.awaitAccounted(r320, sent, PtpMessage.GENERAL_PORT, dropped320);
            Netns.stop(tcpdump);
            event = r319.datagrams();
            general = r320.datagrams();
            sentEvent = Netns.read(sent, PtpMessage.EVENT_PORT);
            sentGeneral = Netns.read(sent, PtpMessage.GENERAL_PORT);
            gapwatch.awaitDatagrams(event.size() + general.size());
            Netns.awaitCaptured(passed, PtpMessage.EVENT_PORT, event.size());
            Netns.awaitCaptured(passed, PtpMessage.GENERAL_PORT, general.size());
            Netns.stop(tcpdumpPassed);
            RealPeers.assertAnalyzeIsLive(passed, gapwatch.groups, gapwatch.snapshot());
            List<SourceView> ptp = gapwatch.sources("ptp");
            assertEquals(1, ptp.size(), "one port identity: " + ptp);
            live = ptp.getFirst();
            gapwatch.lanes(live.src()).forEach(l -> liveLanes.put(l.label(), l));
            gapwatch.close();
        }
        assertTrue(dropped319 > 0 && dropped320 > 0, "drops: " + dropped319 + ", " + dropped320);

        // Every captured message parses; what the capture has and the receiver not, per type.
        PtpMessage m = new PtpMessage();
        Map<PtpMessageType, Long> missing = new EnumMap<>(PtpMessageType.class);
        missingPerType(sentEvent, event, m, missing);
        missingPerType(sentGeneral, general, m, missing);

        PtpSequenceCheck check = new PtpSequenceCheck();
        GrandmasterWatch gm = new GrandmasterWatch();
        long clock = 0;
        int port = 0;
        int domain = 0;
        for (List<Netns.Receiver.Datagram> list : List.of(event, general)) {
            for (Netns.Receiver.Datagram d : list) {
                assertNull(m.wrap(d.payload(), 0, d.payload().length));
                check.check(m);
                clock = m.clockIdentity();
                port = m.portNumber();
                domain = m.domainNumber();
                if (m.type() == PtpMessageType.ANNOUNCE) {
                    gm.announce(m);
                    assertEquals(m.clockIdentity(), m.grandmasterIdentity(), "ptp4l alone is its own grandmaster");
                    assertEquals(0, m.stepsRemoved());
                }
            }
        }
        long sync = check.lost(clock, port, domain, PtpMessageType.SYNC);
        long followUp = check.lost(clock, port, domain, PtpMessageType.FOLLOW_UP);
        long announce = check.lost(clock, port, domain, PtpMessageType.ANNOUNCE);
        System.out.printf("ptp: %s port %d domain %d: sent %d on 319, %d on 320; firewall dropped %d and %d; lost "
                        + "Sync %d, Follow_Up %d, Announce %d; missing from the capture %s%n",
                PtpMessage.clockIdentityText(clock), port, domain, sentEvent.size(), sentGeneral.size(), dropped319,
                dropped320, sync, followUp, announce, missing);
        assertEquals(dropped319, sync, "Sync lost = dropped on 319");
        assertEquals(dropped320, followUp + announce, "Follow_Up + Announce lost = dropped on 320");
        assertEquals(missing.getOrDefault(PtpMessageType.SYNC, 0L), sync);
        assertEquals(missing.getOrDefault(PtpMessageType.FOLLOW_UP, 0L), followUp);
        assertEquals(missing.getOrDefault(PtpMessageType.ANNOUNCE, 0L), announce);
        assertEquals(sync + followUp + announce, check.lost(clock, port, domain));
        assertEquals(0, gm.changes(clock, port, domain));

        // Gapwatch's receiver: the source is the port identity in its domain, each message type a lane.
        System.out.printf("ptp: gapwatch live %s: %s = %s; lanes %s%n", live.src(), live.value(), live.text(),
                liveLanes.values());
        assertEquals("ptp/" + GROUP + "/" + PtpMessage.clockIdentityText(clock) + "-" + port + "/d" + domain,
                live.src());
        assertEquals(sync, liveLanes.get("Sync").lost(), "Gapwatch's Sync lost = dropped on 319");
        assertEquals(followUp, liveLanes.get("Follow_Up").lost());
        assertEquals(announce, liveLanes.get("Announce").lost());
        assertEquals(dropped319 + dropped320, live.lost(), "the source's lost = everything the firewall dropped");
        assertEquals(event.size() + general.size(), live.received());
        assertEquals(PtpMessage.clockIdentityText(clock), live.value(), "its own grandmaster");
        assertTrue(live.text().contains("stepsRemoved 0"), live.text());
        assertEquals(org.gapwatch.protocol.Status.OK, live.status());
        assertTrue(live.interval() == 63 || live.interval() == 125, "Sync 2^-4 s or Announce 2^-3 s: "
                + live.interval());
        for (PtpMessageType t : List.of(PtpMessageType.SYNC, PtpMessageType.FOLLOW_UP, PtpMessageType.ANNOUNCE)) {
            assertEquals(0, check.late(clock, port, domain, t) + check.duplicates(clock, port, domain, t)
                    + check.restarts(clock, port, domain, t), t.label() + ": nothing late, repeated or restarted");
        }
    }

    private static int count(Netns.Receiver r, PtpMessageType type) {
        PtpMessage m = new PtpMessage();
        int n = 0;
        for (Netns.Receiver.Datagram d : r.datagrams()) {
            if (m.wrap(d.payload(), 0, d.payload().length) == null && m.type() == type) {
                n++;
            }
        }
        return n;
    }

    /** Counts, per type, the captured messages the receiver never got; every captured message must parse. */
    private static void missingPerType(List<CapturedDatagram> all, List<Netns.Receiver.Datagram> got, PtpMessage m,
                                       Map<PtpMessageType, Long> missing) {
        boolean[] lost = Netns.missing(all, got);
        for (int i = 0; i < all.size(); i++) {
            assertNull(m.wrap(all.get(i).payload(), 0, all.get(i).payload().length), "every captured message parses");
            if (lost[i]) {
                missing.merge(m.type(), 1L, Long::sum);
            }
        }
    }
}
