package org.gapwatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.gapwatch.capture.CaptureFilter;
import org.gapwatch.capture.Recorder;
import org.gapwatch.net.GroupSpec;
import org.gapwatch.net.Loopback;
import org.gapwatch.net.RtpStream;
import org.gapwatch.track.SourceView;
import org.gapwatch.track.TrackerConfig;
import org.gapwatch.track.TrackerSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * RTP end to end on loopback (TTL 0, a fresh group and port): {@code publish rtp://} with loss across the 16-bit
 * wrap, received live with exact counts, recorded with PcapWriter, and the capture analysed with the same figures.
 */
class RtpLoopbackTest {
    @TempDir
    Path dir;

    @Test
    void lossAcrossTheWrapIsExactLiveAndFromTheCapture() throws Exception {
        GroupSpec plain = Loopback.freshGroup();
        GroupSpec g = GroupSpec.parse("rtp://" + plain + "?clock=90000");
        Path file = dir.resolve("rtp.pcap");
        TrackerSnapshot live;
        try (Loopback lo = new Loopback(TrackerConfig.defaults(), List.of(g));
             Recorder writer = Recorder.start(file, Recorder.Options.defaults(), reason -> { })) {
            writer.awaitOpened(Duration.ofSeconds(10));
            lo.receiver.setTap(writer);
            // 3 streams x 1,000 packets from 65,000: every stream wraps 65535 -> 0 after 536 packets.
            CommandLineTest.Run pub = CommandLineTest.run("publish", "--group", g.toString(), "--interface", "lo",
                    "--ttl", "0", "--sources", "3", "--rate", "3000", "--count", "3000", "--loss", "0.03",
                    "--seq-start", "65000", "--seed", "11", "--json");
            assertEquals(0, pub.code(), pub.err());
            JsonNode p = JsonMapper.builder().build().readTree(pub.out());
            long sent = p.get("sent").asLong();
            long skipped = p.get("skipped").asLong();
            assertTrue(skipped > 30, "some loss across the run: " + skipped);
            live = lo.await(s -> s.totals().received() == sent && s.sourceCount() == 3
                    && s.sources().stream().allMatch(v -> v.src().endsWith("@localhost")), "all packets, CNAMEs");
            assertEquals(skipped, live.totals().lost());
            assertEquals(0, live.totals().late() + live.totals().duplicates() + live.totals().restarts());
            assertEquals(0, live.totals().invalid());
            for (int i = 0; i < 3; i++) {
                SourceView v = lo.source(live, "rtp/" + plain + "/" + RtpStream.cname(i));
                assertEquals("rtp", v.protocol(), "stream " + i);
                // Extended numbers: from 65,000 past the wrap into the second cycle.
                assertTrue(v.highest() > 65_535, "stream " + i + " wrapped: " + v.highest());
                assertTrue(v.text().endsWith("ms"), v.text()); // jitter with the clock given
            }
            writer.close();
            assertTrue(writer.awaitClosed(Duration.ofSeconds(10)), "recording closed");
            assertEquals(0, writer.status().dropped(), "the recording kept every datagram (RTP and RTCP)");
        }
        AnalyzeCommand.Result r = AnalyzeCommand.analyze(file, CaptureFilter.of(List.of(g), List.of()),
                TrackerConfig.defaults());
        assertEquals(figures(live), figures(r.snapshot()));
        assertEquals(live.totals().lost(), r.snapshot().totals().lost());
    }

    /** Per source: received, lost, late, duplicates, restarts, highest. */
    private static Map<String, List<Long>> figures(TrackerSnapshot s) {
        Map<String, List<Long>> out = new TreeMap<>();
        for (SourceView v : s.sources()) {
            out.put(v.src(), List.of(v.received(), v.lost(), v.late(), v.duplicates(), v.restarts(), v.highest()));
        }
        return out;
    }
}
