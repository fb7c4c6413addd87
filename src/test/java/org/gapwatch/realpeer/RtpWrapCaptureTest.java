package org.gapwatch.realpeer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gapwatch.capture.CapturedDatagram;
import org.junit.jupiter.api.Test;

/**
 * GStreamer sends L16 audio as RTP starting at sequence number 65500, so it wraps to 0 within a second; nftables
 * drops at random. Leaves two captures for RTP accounting tests (target/realpeer/rtp/): what was sent (tcpdump on
 * lo, before the drop) and what a receiver in the namespace got (the project's pcap writer), with the firewall's
 * count in firewall-dropped.txt. Checks only the captures themselves: the sequence numbers cross the wrap, and
 * tshark's rtp,streams finds no loss in the first and the firewall's count in the second.
 */
class RtpWrapCaptureTest {
    private static final String GROUP = "239.255.60.3";
    private static final int PORT = 5604;
    private static final Pattern STREAM = Pattern.compile(
            "^\\s*[\\d.]+\\s+[\\d.]+\\s+\\S+\\s+\\d+\\s+\\S+\\s+" + PORT + "\\s+(0x[0-9A-Fa-f]+)\\s+.*?\\s(\\d+)\\s+(-?\\d+)"
                    + " \\(", Pattern.MULTILINE);

    @Test
    void gstreamerCapturesAcrossTheSequenceWrapWithTheFirewallsLoss() throws Exception {
        RealPeers.assumeAvailable("gst-launch-1.0", "tcpdump", "tshark");
        Path dir = RealPeers.artifacts("rtp");
        Path sent = dir.resolve("gst-l16-wrap-sent.pcap");
        Path received = dir.resolve("gst-l16-wrap-received.pcap");
        long dropped;
        List<CapturedDatagram> all;
        try (Netns ns = Netns.create("rtp", dir)) {
            Netns.Receiver receiver = ns.receive(InetAddress.getByName(GROUP), PORT);
            Process tcpdump = ns.capture(sent, PORT);
            Process gst = ns.start("gst.log", "gst-launch-1.0", "-q", "audiotestsrc", "is-live=true",
                    "num-buffers=200", "!", "audioconvert", "!", "rtpL16pay", "seqnum-offset=65500", "!", "udpsink",
                    "host=" + GROUP, "port=" + PORT, "multicast-iface=lo", "auto-multicast=true", "ttl-mc=0");
            // Drop from after the first packet to well before the last, so RTP can see every loss.
            Netns.awaitTrue(() -> receiver.count() > 0 || !gst.isAlive(), "the first RTP packet");
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
    }

    /** {packets, lost} of the one RTP stream tshark finds. */
    private static long[] tsharkStreams(Path file) throws java.io.IOException {
        String out = Netns.run("tshark", "-r", file.toString(), "-d", "udp.port==" + PORT + ",rtp", "-q", "-z",
                "rtp,streams");
        Matcher m = STREAM.matcher(out);
        assertTrue(m.find(), "no RTP stream in tshark's output:\n" + out);
        long[] r = {Long.parseLong(m.group(2)), Long.parseLong(m.group(3))};
        assertTrue(!m.find(), "more than one RTP stream:\n" + out);
        return r;
    }
}
