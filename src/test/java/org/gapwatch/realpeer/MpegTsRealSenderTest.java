package org.gapwatch.realpeer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.gapwatch.capture.CapturedDatagram;
import org.gapwatch.capture.PcapWriter;
import org.gapwatch.protocol.mpegts.MpegTsStream;
import org.gapwatch.protocol.mpegts.TsPacket;
import org.gapwatch.protocol.mpegts.TsWriter;
import org.gapwatch.track.LaneView;
import org.gapwatch.track.SourceView;
import org.junit.jupiter.api.Test;

/**
 * FFmpeg sends a real MPEG transport stream over UDP multicast inside a namespace; nftables drops datagrams at
 * random in prerouting. The capture on lo (taken before the drop) holds every datagram sent, a receiver in the
 * namespace gets the others. The continuity accounting of what was received must count exactly the TS packets the
 * dropped datagrams held, as the 4-bit counter can see them, and the firewall's counter must be exactly the
 * datagrams missing. tshark's mp2t analysis of what was received must find the errors and missing packets of its
 * own rule, which differs from the standard's in the places the oracle counts.
 * Gapwatch's own receiver ({@code mpegts://}) in the namespace counts the same per PID, lane by lane.
 */
class MpegTsRealSenderTest {
    private static final String GROUP = "239.255.60.1";
    private static final int PORT = 5600;

    @Test
    void continuityCountsTheTsPacketsOfEveryDatagramTheFirewallDropped() throws Exception {
        RealPeers.assumeAvailable("ffmpeg", "tcpdump");
        Path dir = RealPeers.artifacts("mpegts");
        Path sent = dir.resolve("ffmpeg-mpegts-sent.pcap");
        Path received = dir.resolve("ffmpeg-mpegts-received.pcap");
        Path passed = dir.resolve("ffmpeg-mpegts-received-nflog.pcap");
        List<Netns.Receiver.Datagram> got;
        List<CapturedDatagram> all;
        long dropped;
        SourceView live;
        Map<Integer, LaneView> liveLanes = new TreeMap<>();
        try (Netns ns = Netns.create("mpegts", dir)) {
            Netns.Receiver receiver = ns.receive(InetAddress.getByName(GROUP), PORT);
            GapwatchInNs gapwatch = GapwatchInNs.start(ns, "mpegts://" + GROUP + ":" + PORT);
            Process tcpdump = ns.capture(sent, PORT);
            Process tcpdumpPassed = ns.captureReceived(passed, PORT);
            ns.dropRandomly(PORT, 100, 4);
            long start = System.nanoTime();
            Process ffmpeg = ns.start("ffmpeg.log", "ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error",
                    "-re", "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25", "-t", "10", "-c:v", "mpeg2video",
                    "-f", "mpegts", "udp://" + GROUP + ":" + PORT + "?ttl=0&localaddr=127.0.0.1&pkt_size=1316");
            // Drop for the first 8 of the 10 s only, so every loss is followed by packets that reveal it.
            Netns.awaitTrue(() -> !ffmpeg.isAlive() || System.nanoTime() - start > 8_000_000_000L, "8 s of ffmpeg");
            ns.stopDropping();
            assertEquals(0, Netns.await(ffmpeg, 30, "ffmpeg"), ns.log("ffmpeg.log"));
            long firewall = ns.dropped(PORT);
            Netns.awaitAccounted(receiver, sent, PORT, firewall);
            Netns.stop(tcpdump);
            dropped = firewall;
            got = receiver.datagrams();
            all = Netns.read(sent, PORT);
            receiver.writePcap(received);
            gapwatch.awaitDatagrams(got.size());
            Netns.awaitCaptured(passed, PORT, got.size());
            Netns.stop(tcpdumpPassed);
            RealPeers.assertAnalyzeIsLive(passed, gapwatch.groups, gapwatch.snapshot());
            live = gapwatch.source(v -> v.src().equals("mpegts/" + GROUP + ":" + PORT));
            gapwatch.lanes(live.src()).forEach(l -> liveLanes.put(l.lane(), l));
            gapwatch.close();
        }
        assertTrue(dropped > 0, "the firewall dropped nothing in " + all.size() + " datagrams");
        assertEquals(all.size() - got.size(), dropped, "firewall counter = datagrams captured - received");

        Oracle oracle = Oracle.of(all, Netns.missing(all, got));
        MpegTsStream stream = new MpegTsStream();
        for (Netns.Receiver.Datagram d : got) {
            assertEquals(null, stream.accept(d.payload(), 0, d.payload().length, d.arrivalNanos(), null));
        }
        Map<Integer, Long> measured = new TreeMap<>();
        for (int pid : stream.continuity().pids()) {
            measured.put(pid, stream.continuity().lost(pid));
        }
        System.out.printf("mpegts: %d datagrams sent, firewall dropped %d; TS packets in them %d, the counter can "
                        + "see %d, counted %d; per PID %s; repeated counters with other bytes (15 lost) %d, copies "
                        + "(duplicates) %d; %s%n", all.size(), dropped, oracle.truth(), oracle.visibleTotal(),
                stream.continuity().totalLost(), measured, oracle.wentRound(), oracle.repeats(), stream.errors());
        assertEquals(oracle.visible(), measured, "lost per PID = what the dropped datagrams held, as CC sees it");
        assertEquals(0, oracle.repeats(), "ffmpeg sends no packet twice, so no received packet is a copy");
        assertEquals(oracle.repeats(), stream.continuity().totalDuplicates(), "duplicates = copies");
        if (oracle.longestRun() < 16) {
            assertEquals(oracle.truth(), stream.continuity().totalLost(), "every lost TS packet counted");
        }
        // Gapwatch's receiver: each PID a lane, its loss what the dropped datagrams held as the counter sees it.
        Map<Integer, Long> liveLost = new TreeMap<>();
        oracle.visible().keySet().forEach(pid -> liveLost.put(pid, liveLanes.containsKey(pid)
                ? liveLanes.get(pid).lost() : 0L));
        System.out.printf("mpegts: gapwatch live %s received %d lost %d; per PID %s; %s%n", live.src(),
                live.received(), live.lost(), liveLost, live.text());
        assertEquals(oracle.visible(), liveLost, "Gapwatch's lost per PID lane = the oracle's");
        assertEquals(oracle.visibleTotal(), live.lost(), "Gapwatch's lost TS packets = the oracle's");
        // No received packet is a copy of the one before it: a repeated counter is 15 lost, not a duplicate.
        assertEquals(oracle.repeats(), live.duplicates(), "duplicates = copies (none from ffmpeg)");
        assertEquals(payloadPackets(got) - oracle.repeats(), live.received(),
                "one update per received TS packet with payload, less the copies");
        assertEquals("mpegts", live.protocol());
        assertTrue(live.text().contains("Continuity_count_error " + stream.errors().continuityCountError()),
                live.text());
        assertTrue(liveLanes.values().stream().anyMatch(l -> l.label().contains("MPEG-2 video")), "" + liveLanes);
        assertEquals(0, stream.errors().syncByteError());
        assertEquals(0, stream.errors().transportError());

        assertTsharkDiffersExactlyWhereTheOracleSays(oracle, stream, received);
        Files.writeString(dir.resolve("summary.txt"), "sent " + all.size() + " dropped " + dropped + " ts-lost "
                + stream.continuity().totalLost() + "\n");
    }

    /**
     * tshark's own mp2t continuity analysis of the received datagrams: its expert info has one "Detected N missing
     * TS frames before this" per continuity error, by its rule (see {@link Oracle}), which differs from Gapwatch's
     * (the standard's) exactly where the oracle counts: each repeated counter with other bytes is 15 missing and an
     * error less, each packet without payload after a loss 1 missing less (and, after one lost packet, an error
     * less). Without tshark, says so in one line.
     */
    private static void assertTsharkDiffersExactlyWhereTheOracleSays(Oracle oracle, MpegTsStream stream, Path pcap)
            throws java.io.IOException {
        if (!RealPeers.onPath("tshark")) {
            System.out.println("mpegts: tshark not on PATH: its mp2t analysis not compared");
            return;
        }
        String out = Netns.run("tshark", "-r", pcap.toString(), "-d", "udp.port==" + PORT + ",mp2t", "-q", "-z",
                "expert");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Detected (\\d+) missing TS frames").matcher(out);
        long events = 0;
        long missing = 0;
        while (m.find()) {
            events++;
            missing += Long.parseLong(m.group(1));
        }
        System.out.printf("mpegts: tshark: %d continuity errors, %d missing TS frames; Gapwatch %d and %d; "
                        + "repeated counters with other bytes %d, packets without payload after a loss %d "
                        + "(after one lost %d)%n", events, missing, stream.errors().continuityCountError(),
                stream.continuity().totalLost(), oracle.wentRound(), oracle.noPayloadAfterLoss(),
                oracle.noPayloadAfterOneLost());
        assertEquals(oracle.tsharkEvents(), events, "tshark's continuity errors, by its rule");
        assertEquals(oracle.tsharkMissing(), missing, "tshark's missing TS frames, by its rule");
        assertEquals(stream.errors().continuityCountError() - oracle.wentRound() - oracle.noPayloadAfterOneLost(),
                events, "tshark's continuity errors = Gapwatch's less the repeated counters with other bytes");
        assertEquals(stream.continuity().totalLost() - 15 * oracle.wentRound() - oracle.noPayloadAfterLoss(),
                missing, "tshark's missing TS frames = Gapwatch's less 15 per repeated counter with other bytes");
    }

    /**
     * The case a real sender rarely makes, built packet by packet: 15 lost before a packet with other bytes (15 lost
     * to Gapwatch, nothing to tshark), 15 lost before a copy of the last packet (a duplicate to both), and packets
     * without payload after 3 and after 1 lost (3 and 1 lost to Gapwatch, 2 and none to tshark). The oracle, the
     * stream's counts and tshark's (when installed) must each be these figures.
     */
    @Test
    void aRepeatedCounterWithOtherBytesIsFifteenLostToGapwatchAndNothingToTshark() throws Exception {
        byte[] d0 = packets(p(0x100, 0, 7), p(0x101, 0, 2), p(0x102, 0, 1), p(0x103, 0, 1));
        byte[] d1 = packets(p(0x100, 7, 7), p(0x101, 2, 3), p(0x102, 1, 1), p(0x103, 1, 8));
        byte[] d2 = packets(p(0x100, 14, 8), p(0x103, 9, 7));
        byte[] d3 = packets(p(0x100, 22, 7), noPayload(0x101, 4), p(0x101, 5, 1), noPayload(0x102, 1),
                p(0x102, 2, 1), p(0x103, 0, 1));
        InetSocketAddress from = new InetSocketAddress("127.0.0.1", 40000);
        InetSocketAddress to = new InetSocketAddress(GROUP, PORT);
        List<CapturedDatagram> all = new ArrayList<>();
        for (byte[] d : List.of(d0, d1, d2, d3)) {
            all.add(new CapturedDatagram(1_700_000_000_000_000_000L + all.size() * 1_000_000L, from, to, d));
        }
        Oracle oracle = Oracle.of(all, new boolean[] {false, true, true, false});
        assertEquals(Map.of(0x100, 15L, 0x101, 3L, 0x102, 1L, 0x103, 0L), oracle.visible());
        assertEquals(15 + 3 + 1 + 15, oracle.truth());
        assertEquals(1, oracle.repeats(), "PID 0x103's copy of its packet 0");
        assertEquals(1, oracle.wentRound(), "PID 0x100's counter 6 with other bytes");
        assertEquals(2, oracle.noPayloadAfterLoss());
        assertEquals(1, oracle.noPayloadAfterOneLost());
        assertEquals(1, oracle.tsharkEvents(), "PID 0x101: last 1, then 4");
        assertEquals(2, oracle.tsharkMissing());

        MpegTsStream stream = new MpegTsStream();
        for (CapturedDatagram d : List.of(all.get(0), all.get(3))) {
            assertEquals(null, stream.accept(d.payload(), 0, d.payload().length, d.arrivalEpochNanos(), null));
        }
        Map<Integer, Long> measured = new TreeMap<>();
        for (int pid : stream.continuity().pids()) {
            measured.put(pid, stream.continuity().lost(pid));
        }
        assertEquals(oracle.visible(), measured);
        assertEquals(1, stream.continuity().totalDuplicates());
        assertEquals(3, stream.errors().continuityCountError(), "0x100 went round, 0x101 and 0x102 lost some");

        Path pcap = RealPeers.artifacts("mpegts").resolve("fifteen-lost-received.pcap");
        try (PcapWriter w = new PcapWriter(pcap, reason -> { })) {
            for (CapturedDatagram d : List.of(all.get(0), all.get(3))) {
                w.datagram(d.payload(), 0, d.payload().length, from, to, d.arrivalEpochNanos());
            }
        }
        assertTsharkDiffersExactlyWhereTheOracleSays(oracle, stream, pcap);
    }

    /** {@code n} payload packets of a PID from counter {@code cc}, each numbered in its payload (unmasked counter). */
    private static byte[][] p(int pid, int cc, int n) {
        byte[][] out = new byte[n][TsPacket.SIZE];
        for (int i = 0; i < n; i++) {
            TsWriter.payload(out[i], 0, pid, cc + i, false);
            out[i][4] = (byte) ((cc + i) % 16 == 0 ? 0 : cc + i); // packet 0 and 16 alike: copies when 15 are lost
        }
        return out;
    }

    /** An adaptation-only packet (AFC 10: stuffing, no payload) with the counter of the last payload packet. */
    private static byte[][] noPayload(int pid, int cc) {
        byte[] b = new byte[TsPacket.SIZE];
        TsWriter.payload(b, 0, pid, cc, false);
        b[3] = (byte) (0x20 | cc & 0x0F);
        b[4] = (byte) 183;
        return new byte[][] {b};
    }

    private static byte[] packets(byte[][]... groups) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[][] g : groups) {
            for (byte[] b : g) {
                out.writeBytes(b);
            }
        }
        return out.toByteArray();
    }

    /** TS packets with payload on PIDs other than the null PID. */
    private static long payloadPackets(List<Netns.Receiver.Datagram> got) {
        TsPacket p = new TsPacket();
        long n = 0;
        for (Netns.Receiver.Datagram d : got) {
            for (int off = 0; off + TsPacket.SIZE <= d.payload().length; off += TsPacket.SIZE) {
                p.wrap(d.payload(), off);
                n += p.pid() != TsPacket.NULL_PID && p.hasPayload() && !p.transportError() ? 1 : 0;
            }
        }
        return n;
    }

    /**
     * What the dropped datagrams held, computed from the capture alone: per PID, the runs of payload packets that
     * never arrived, as the 4-bit counter shows them to the rules of ISO/IEC 13818-1 2.4.3.3. A run of r before a
     * received packet is seen as r mod 16, except r = 15 mod 16 before a payload packet that is a copy of the last
     * received one of its PID (every byte, the PCR aside, right after it): that one reads as a duplicate
     * ({@code repeats}); before a payload packet with other bytes it is 15, a repeated counter with other bytes
     * ({@code wentRound}). Runs before a PID's first received packet or after its last one are invisible.
     *
     * <p>It also reads the received packets as tshark's mp2t analysis does (epan/dissectors/packet-mp2t.c,
     * detect_cc_drops): per PID the last counter of any packet; the same counter again is never an error, else a
     * counter other than the last + 1 is one event with (counter - last - 1) mod 16 missing. That differs from the
     * standard's rules in two places: a repeated counter with other bytes is nothing to tshark (15 lost to
     * Gapwatch), and a packet without payload after r lost shows r mod 16 - 1 missing to tshark (it carries the
     * counter of the last payload packet sent, so r mod 16 are lost to Gapwatch; and for r mod 16 = 1 no event).
 * {@code noPayloadAfterLoss} and {@code noPayloadAfterOneLost} count those packets.
     */
    record Oracle(Map<Integer, Long> visible, long truth, int longestRun, long repeats, long wentRound,
            long noPayloadAfterLoss, long noPayloadAfterOneLost, long tsharkEvents, long tsharkMissing) {
        long visibleTotal() {
            return visible.values().stream().mapToLong(Long::longValue).sum();
        }

        /** One TS packet of the capture: where its bytes are and whether the receiver lost it. */
        private record Pk(byte[] b, int off, boolean payload, boolean lost) {
        }

        static Oracle of(List<CapturedDatagram> all, boolean[] lost) {
            Map<Integer, List<Pk>> perPid = new TreeMap<>();
            TsPacket p = new TsPacket();
            for (int i = 0; i < all.size(); i++) {
                byte[] b = all.get(i).payload();
                for (int off = 0; off + TsPacket.SIZE <= b.length; off += TsPacket.SIZE) {
                    p.wrap(b, off);
                    if (p.pid() != TsPacket.NULL_PID) {
                        perPid.computeIfAbsent(p.pid(), k -> new ArrayList<>())
                                .add(new Pk(b, off, p.hasPayload(), lost[i]));
                    }
                }
            }
            Map<Integer, Long> visible = new TreeMap<>();
            long truth = 0;
            int longest = 0;
            long repeats = 0;
            long wentRound = 0;
            long noPayloadAfterLoss = 0;
            long noPayloadAfterOneLost = 0;
            long tsharkEvents = 0;
            long tsharkMissing = 0;
            for (var e : perPid.entrySet()) {
                long seen = 0;
                int run = 0;
                Pk last = null; // the last received packet of the PID
                for (Pk pk : e.getValue()) {
                    if (pk.lost()) {
                        run += pk.payload() ? 1 : 0;
                        continue;
                    }
                    if (last != null) {
                        int lastCc = last.b()[last.off() + 3] & 0x0F;
                        int cc = pk.b()[pk.off() + 3] & 0x0F;
                        if (cc != lastCc && cc != ((lastCc + 1) & 0x0F)) {
                            tsharkEvents++;
                            tsharkMissing += (cc - lastCc - 1) & 0x0F;
                        }
                        if (run > 0) {
                            truth += run;
                            longest = Math.max(longest, run);
                            boolean repeated = run % 16 == 15 && pk.payload();
                            boolean copy = repeated && last.payload() && sameBytes(last, pk);
                            seen += copy ? 0 : run % 16;
                            repeats += copy ? 1 : 0;
                            wentRound += repeated && !copy ? 1 : 0;
                            noPayloadAfterLoss += !pk.payload() && run % 16 != 0 ? 1 : 0;
                            noPayloadAfterOneLost += !pk.payload() && run % 16 == 1 ? 1 : 0;
                        }
                    }
                    last = pk;
                    run = 0;
                }
                if (last != null) {
                    visible.put(e.getKey(), seen);
                }
            }
            return new Oracle(visible, truth, longest, repeats, wentRound, noPayloadAfterLoss, noPayloadAfterOneLost,
                    tsharkEvents, tsharkMissing);
        }

        /** Every byte the same, the PCR's 6 bytes aside when {@code b} has one. */
        private static boolean sameBytes(Pk a, Pk b) {
            boolean pcr = new TsPacket().wrap(b.b(), b.off()).hasPcr();
            for (int i = 0; i < TsPacket.SIZE; i++) {
                if ((!pcr || i < 6 || i >= 12) && a.b()[a.off() + i] != b.b()[b.off() + i]) {
                    return false;
                }
            }
            return true;
        }
    }
}
