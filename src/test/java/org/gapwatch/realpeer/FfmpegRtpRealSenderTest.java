package org.gapwatch.realpeer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import org.gapwatch.track.SourceView;
import org.junit.jupiter.api.Test;

/**
 * FFmpeg sends video as RTP with its RTCP (sender reports with SDES CNAME, {@code -cname}) on port + 1 inside a namespace; nftables
 * drops RTP datagrams at random. Gapwatch's own receiver ({@code rtp://G:P}, both ports) names the source by its
 * CNAME and counts exactly the firewall's drops as lost; {@code gapwatch analyze} of what was received finds what
 * tshark's rtp,streams finds.
 */
class FfmpegRtpRealSenderTest {
    private static final String GROUP = "239.255.60.5";
    private static final int PORT = 5608;
    /** FFmpeg's rtp muxer puts an SDES CNAME into its sender reports only when given one. */
    private static final String CNAME = "ffmpeg-camera-1@studio";

    @Test
    void ffmpegRtpLossIsTheFirewallsCountAndTheSourceIsNamedByItsCname() throws Exception {
        RealPeers.assumeAvailable("ffmpeg", "tcpdump", "tshark");
        Path dir = RealPeers.artifacts("rtp-ffmpeg");
        Path sent = dir.resolve("ffmpeg-rtp-sent.pcap");
        Path received = dir.resolve("ffmpeg-rtp-received.pcap");
        Path passed = dir.resolve("ffmpeg-rtp-received-nflog.pcap");
        long dropped;
        SourceView live;
        List<SourceView> all;
        try (Netns ns = Netns.create("ffrtp", dir)) {
            Netns.Receiver receiver = ns.receive(InetAddress.getByName(GROUP), PORT);
            GapwatchInNs gapwatch = GapwatchInNs.start(ns, "rtp://" + GROUP + ":" + PORT);
            Process tcpdump = ns.capture(sent, PORT, PORT + 1);
            Process tcpdumpPassed = ns.captureReceived(passed, PORT, PORT + 1);
            long start = System.nanoTime();
            Process ffmpeg = ns.start("ffmpeg.log", "ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error",
                    "-re", "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25", "-t", "8", "-c:v", "mpeg4",
                    "-b:v", "400k", "-f", "rtp", "-cname", CNAME, "rtp://" + GROUP + ":" + PORT + "?ttl=0&localaddr=127.0.0.1");
            Netns.awaitTrue(() -> receiver.count() >= 3 || !ffmpeg.isAlive(), "the first RTP packets");
            ns.dropRandomly(PORT, 100, 3);
            Netns.awaitTrue(() -> !ffmpeg.isAlive() || System.nanoTime() - start > 6_500_000_000L, "6.5 s of ffmpeg");
            ns.stopDropping();
            assertEquals(0, Netns.await(ffmpeg, 30, "ffmpeg"), ns.log("ffmpeg.log"));
            dropped = ns.dropped(PORT);
            Netns.awaitAccounted(receiver, sent, PORT, dropped);
            Netns.stop(tcpdump);
            receiver.writePcap(received);
            gapwatch.awaitDatagrams(receiver.count());
            Netns.awaitCaptured(passed, PORT, receiver.count());
            Netns.stop(tcpdumpPassed);
            RealPeers.assertAnalyzeIsLive(passed, gapwatch.groups, gapwatch.snapshot());
            all = gapwatch.sources("rtp");
            live = all.isEmpty() ? null : all.getFirst();
            gapwatch.close();
        }
        assertTrue(dropped > 0, "the firewall dropped nothing");
        assertEquals(1, all.size(), "one SSRC: " + all);
        System.out.printf("rtp/ffmpeg: firewall dropped %d; gapwatch live %s received %d lost %d; %s%n", dropped,
                live.src(), live.received(), live.lost(), live.text());
        assertEquals(dropped, live.lost(), "Gapwatch's lost = the firewall's count");
        assertEquals(0, live.restarts() + live.late() + live.duplicates());
        String prefix = "rtp/" + GROUP + ":" + PORT + "/";
        assertTrue(live.src().startsWith(prefix), live.src());
        assertEquals(prefix + CNAME, live.src(), "named by the RTCP CNAME, not the SSRC");
        assertTrue(live.text().startsWith("PT 96 · "), live.text());

        List<long[]> tshark = RtpWrapCaptureTest.tsharkStreams(received, PORT);
        assertEquals(List.of(dropped), tshark.stream().map(s -> s[1]).toList(), "tshark's lost");
        assertEquals(List.of(dropped), RtpWrapCaptureTest.analyzedLost(received, "rtp://" + GROUP + ":" + PORT),
                "analyze of the received capture = tshark");
        assertEquals(List.of(0L), RtpWrapCaptureTest.analyzedLost(sent, "rtp://" + GROUP + ":" + PORT),
                "analyze of the sent capture: nothing lost before the drop");
    }
}
