package org.gapwatch.realpeer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gapwatch.capture.CaptureFilter;
import org.gapwatch.capture.CapturedDatagram;
import org.gapwatch.cli.AnalyzeCommand;
import org.gapwatch.net.GroupSpec;
import org.gapwatch.track.SourceView;
import org.gapwatch.track.TrackerConfig;
import org.junit.jupiter.api.Test;

/**
 * GStreamer sends L16 audio as RTP starting at sequence number 65500, so it wraps to 0 within a second; nftables
 * drops at random. Leaves two captures for RTP accounting tests (target/realpeer/rtp/): what was sent (tcpdump on
 * lo, before the drop) and what a receiver in the namespace got (the project's pcap writer), with the firewall's
 * count in firewall-dropped.txt. The sequence numbers cross the wrap, and tshark's rtp,streams finds no loss in the
 * first and the firewall's count in the second. Gapwatch's own receiver in the namespace counts exactly the
 * firewall's drops as lost, and {@code gapwatch analyze} of each capture finds what tshark finds.
 */
class RtpWrapCaptureTest {
    private static final String GROUP = "239.255.60.3";
    private static final int PORT = 5604;
    private static final String SPEC = "rtp://" + GROUP + ":" + PORT;

    @Test
    void gstreamerCapturesAcrossTheSequenceWrapWithTheFirewallsLoss() throws Exception {
        RealPeers.assumeAvailable("gst-launch-1.0", "tcpdump", "tshark");
        Path dir = RealPeers.artifacts("rtp");
        Path sent = dir.resolve("gst-l16-wrap-sent.pcap");
        Path received = dir.resolve("gst-l16-wrap-received.pcap");
        Path passed = dir.resolve("gst-l16-wrap-received-nflog.pcap");
        long dropped;
        List<CapturedDatagram> all;
        SourceView live;
        try (Netns ns = Netns.create("rtp", dir)) {
            Netns.Receiver receiver = ns.receive(InetAddress.getByName(GROUP), PORT);
            GapwatchInNs gapwatch = GapwatchInNs.start(ns, SPEC);
            Process tcpdump = ns.capture(sent, PORT);
            Process tcpdumpPassed = ns.captureReceived(passed, PORT);
            Process gst = ns.start("gst.log", "gst-launch-1.0", "-q", "audiotestsrc", "is-live=true",
                    "num-buffers=200", "!", "audioconvert", "!", "rtpL16pay", "seqnum-offset=65500", "!", "udpsink",
                    "host=" + GROUP, "port=" + PORT, "multicast-iface=lo", "auto-multicast=true", "ttl-mc=0");
            // Drop from after the first packets (RFC 3550 probation needs two in sequence) to well before the last,
            // so RTP can see every loss.
            Netns.awaitTrue(() -> receiver.count() >= 3 || !gst.isAlive(), "the first RTP packets");
            ns.dropRandomly(PORT, 100, 5);
            Netns.awaitTrue(() -> receiver.count() >= 300 || !gst.isAlive(), "300 RTP packets");
            ns.stopDropping();
            assertEquals(0, Netns.await(gst, 30, "gst-launch-1.0"), ns.log("gst.log"));
            long firewall = ns.dropped(PORT);
            Netns.awaitAccounted(receiver, sent, PORT, firewall);
            Netns.stop(tcpdump);
            dropped = firewall;
            all = Netns.read(sent, PORT);
            receiver.writePcap(received);
            gapwatch.awaitDatagrams(receiver.count());
            Netns.awaitCaptured(passed, PORT, receiver.count());
            Netns.stop(tcpdumpPassed);
            RealPeers.assertAnalyzeIsLive(passed, gapwatch.groups, gapwatch.snapshot());
            List<SourceView> rtp = gapwatch.sources("rtp");
            assertEquals(1, rtp.size(), "one SSRC: " + rtp);
            live = rtp.getFirst();
            gapwatch.close();
        }
        Files.writeString(dir.resolve("firewall-dropped.txt"), dropped + "\n");
        assertTrue(dropped > 0, "the firewall dropped nothing of " + all.size());

        boolean wrapped = false;
        int previous = -1;
        for (CapturedDatagram d : all) {
            byte[] b = d.payload();
            int seq = (b[2] & 0xFF) << 8 | b[3] & 0xFF;
            assertEquals(2, (b[0] & 0xFF) >> 6, "RTP version 2");
            wrapped |= previous == 65535 && seq == 0;
            previous = seq;
        }
        int first = (all.getFirst().payload()[2] & 0xFF) << 8 | all.getFirst().payload()[3] & 0xFF;
        assertEquals(65500, first, "rtpL16pay seqnum-offset");
        assertTrue(wrapped, "the sent capture goes from 65535 to 0");

        long[] before = tsharkStreams(sent);
        long[] after = tsharkStreams(received);
        System.out.printf("rtp: %d packets sent from 65500 across the wrap, firewall dropped %d; tshark rtp,streams "
                + "lost: %d sent, %d received%n", all.size(), dropped, before[1], after[1]);
        assertEquals(all.size(), before[0], "tshark's packets in the sent capture");
        assertEquals(0, before[1], "tshark: nothing lost before the drop");
        assertEquals(all.size() - dropped, after[0], "tshark's packets in the received capture");
        assertEquals(dropped, after[1], "tshark's lost = the firewall's count");

        System.out.printf("rtp: gapwatch live %s: received %d lost %d restarts %d highest %d%n", live.src(),
                live.received(), live.lost(), live.restarts(), live.highest());
        assertEquals(dropped, live.lost(), "Gapwatch's lost = the firewall's count, across the wrap");
        assertEquals(all.size() - dropped, live.received());
        assertEquals(0, live.restarts() + live.late() + live.duplicates());
        assertTrue(live.highest() > 65_535, "extended numbers in the second cycle: " + live.highest());
        assertEquals(List.of(before[1]), analyzedLost(sent, SPEC), "analyze of the sent capture = tshark");
        assertEquals(List.of(after[1]), analyzedLost(received, SPEC), "analyze of the received capture = tshark");
    }

    /** {@code gapwatch analyze --group SPEC} of a capture, in process: the lost figure of each RTP source. */
    static List<Long> analyzedLost(Path file, String spec) throws java.io.IOException {
        AnalyzeCommand.Result r = AnalyzeCommand.analyze(file, CaptureFilter.of(List.of(GroupSpec.parse(spec)),
                List.of()), TrackerConfig.defaults());
        return r.snapshot().sources().stream().filter(v -> v.protocol().equals("rtp")).map(SourceView::lost)
                .sorted().toList();
    }

    /** {packets, lost} of the one RTP stream tshark finds. */
    private static long[] tsharkStreams(Path file) throws java.io.IOException {
        List<long[]> streams = tsharkStreams(file, PORT);
        assertEquals(1, streams.size(), "one RTP stream in tshark's output");
        return streams.getFirst();
    }

    /** {packets, lost} of every RTP stream to the port that tshark's {@code rtp,streams} finds, in its order. */
    static List<long[]> tsharkStreams(Path file, int port) throws java.io.IOException {
        String out = Netns.run("tshark", "-r", file.toString(), "-d", "udp.port==" + port + ",rtp", "-q", "-z",
                "rtp,streams");
        Matcher m = Pattern.compile("^\\s*[\\d.]+\\s+[\\d.]+\\s+\\S+\\s+\\d+\\s+\\S+\\s+" + port
                + "\\s+(0x[0-9A-Fa-f]+)\\s+.*?\\s(\\d+)\\s+(-?\\d+) \\(", Pattern.MULTILINE).matcher(out);
        List<long[]> streams = new java.util.ArrayList<>();
        while (m.find()) {
            streams.add(new long[] {Long.parseLong(m.group(2)), Long.parseLong(m.group(3))});
        }
        assertTrue(!streams.isEmpty(), "no RTP stream in tshark's output:\n" + out);
        return streams;
    }
}
