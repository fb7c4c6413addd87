package org.gapwatch.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.gapwatch.testutil.External;
import org.gapwatch.track.SourceView;
import org.gapwatch.track.Totals;
import org.gapwatch.track.TrackerConfig;
import org.gapwatch.track.TrackerSnapshot;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The C flood sender of the benchmarks (scripts/flood.c, compiled here with cc) against Gapwatch's receiver and
 * engine over loopback (lo, TTL 0, a fresh group and port each), per protocol: 20,000 valid datagrams round robin
 * over 100 sources at 20,000/s, every space crossing its wrap (RTP and PTP from 65,500, sACN from 200, RTPS from
 * 2^32 - 96, MPEG-TS every 16), with {@code --skip} leaving out SKIP numbers of source 0 halfway. Everything sent
 * is received, source 0 has lost exactly SKIP, every other source nothing, and nothing is late, repeated,
 * restarted or invalid. This is what makes the flood's figures in docs/benchmarks.md trustworthy: the sender's
 * datagrams are what each decoder takes as in sequence.
 */
class FloodSenderTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long COUNT = 20_000;
    private static final int SOURCES = 100;
    private static final int RATE = 20_000;
    /** Fits every space's window: below MPEG-TS's 15, sACN's 236, RTP's 3000. */
    private static final int SKIP = 5;
    private static Path flood;

    @BeforeAll
    static void compileTheSender() throws Exception {
        External.program("cc", "install a C compiler (Debian: apt-get install gcc libc6-dev)");
        Path dir = Files.createDirectories(Path.of("target", "flood-test"));
        flood = dir.resolve("flood");
        Process cc = new ProcessBuilder("cc", "-O2", "-Wall", "-Werror", "-o", flood.toString(), "scripts/flood.c")
                .redirectErrorStream(true).start();
        String out = new String(cc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(cc.waitFor(60, TimeUnit.SECONDS), "cc finished");
        assertEquals(0, cc.exitValue(), "cc scripts/flood.c: " + out);
    }

    /** Source 0's name per protocol ({group} and {port} filled in); MPEG-TS has one source, a lane per PID. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "rtp      | rtp/{group}:{port}/10000000             | 100 | 1",
        "mpegts   | mpegts/{group}:{port}                    | 1   | 7",
        "ptp      | ptp/{group}/001122.fffe.000000-1/d0      | 100 | 1",
        "collectd | host-0000/load/load                      | 100 | 1",
        "sacn     | sacn/{universe}/flood 0                  | 100 | 1",
        "rtps     | dds/011000000000000100000007:00010002    | 100 | 1",
        "json     | flood/src-00000                          | 100 | 1",
        "jsonmap  | s0/d00000                                | 100 | 1"})
    void everyDatagramOfTheFloodIsReceivedAndTheSkipIsCountedExactly(String protocol, String firstSource,
                                                                       int sources, int perDatagram)
            throws Exception {
        GroupSpec g = LiveAndCapture.fresh(protocol, protocol.equals("jsonmap") ? "?map=sensor-gateway" : "");
        String group = g.group().getHostAddress();
        byte[] a = g.group().getAddress();
        String source0 = firstSource.replace("{group}", group).replace("{port}", Integer.toString(g.port()))
                .replace("{universe}", Integer.toString((a[2] & 0xFF) << 8 | a[3] & 0xFF));
        try (Loopback lo = new Loopback(TrackerConfig.defaults(), List.of(g))) {
            lo.engine.setResources(org.gapwatch.files.MappingFiles::read);
            JsonNode sent = flood(protocol, group, g.port());
            assertEquals(COUNT, sent.get("sent").asLong());
            assertEquals(SKIP, sent.get("skipped").asLong());
            long updates = COUNT * perDatagram;
            assertEquals(updates, sent.get("updates").asLong());
            TrackerSnapshot s = lo.await(x -> x.totals().socketDropsKnown()
                    && x.totals().datagrams() + x.totals().socketDrops() >= COUNT, COUNT + " datagrams or drops");
            Totals t = s.totals();
            assertEquals(0, t.socketDrops(), "no socket drops at " + RATE + "/s (a machine too loaded for this?)");
            assertEquals(COUNT, t.datagrams());
            assertEquals(updates, t.received());
            assertEquals(List.of(0L, 0L, 0L, 0L), List.of(t.late(), t.duplicates(), t.restarts(), t.invalid()));
            assertEquals(SKIP, t.lost());
            assertEquals(sources, t.sources());
            Map<String, Long> lost = new TreeMap<>();
            for (SourceView v : s.sources()) {
                if (v.lost() != 0) {
                    lost.put(v.src(), v.lost());
                }
            }
            assertEquals(Map.of(source0, (long) SKIP), lost, "only source 0 lost, exactly its skipped numbers");
            SourceView first = lo.source(s, source0);
            assertEquals(protocol, first.protocol());
            if (!protocol.equals("mpegts")) {
                assertEquals(COUNT / SOURCES, first.received());
            }
        }
    }

    private static JsonNode flood(String protocol, String group, int port) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(flood.toString(), "--proto", protocol, "--group", group, "--port",
                Integer.toString(port), "--count", Long.toString(COUNT), "--sources", Integer.toString(SOURCES),
                "--rate", Integer.toString(RATE), "--skip", Integer.toString(SKIP))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("flood did not end");
        }
        assertEquals(0, p.exitValue(), "flood: " + out);
        return JSON.readTree(out);
    }
}
