package org.gapwatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gapwatch.capture.CaptureFilter;
import org.gapwatch.capture.CaptureReader;
import org.gapwatch.capture.PcapWriter;
import org.gapwatch.engine.Engine;
import org.gapwatch.track.TrackerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class AnalyzeCommandTest {
    static final long T0 = 1_780_000_000_000_000_000L;

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new GapwatchCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        cl.setExecutionExceptionHandler(new OneLineErrors());
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    static InetSocketAddress at(String ip, int port) throws Exception {
        return new InetSocketAddress(InetAddress.getByName(ip), port);
    }

    static byte[] update(String src, long seq, String status) {
        return ("{\"src\":\"" + src + "\",\"seq\":" + seq + ",\"value\":" + seq + ",\"status\":\"" + status + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Writes a capture of two sources on two groups, 1 update per 100 ms each: pump skips sequence numbers 5, 6
     * and 40, valve stops after 50 updates (stale at the end); plus one malformed datagram. Also feeds the same
     * datagrams to an engine as live monitoring would, and returns its report.
     */
    String capture(Path file) throws Exception {
        InetSocketAddress sender = at("10.0.0.9", 40000);
        InetSocketAddress pumpGroup = at("239.255.10.1", 5000);
        InetSocketAddress valveGroup = at("239.255.10.2", 5001);
        Engine live = new Engine(TrackerConfig.defaults());
        // Judged once a second of capture time, as analyze does (AnalyzeCommand.JUDGE_EVERY_MILLIS).
        org.gapwatch.judge.Judge judge = new org.gapwatch.judge.Judge();
        long nextJudgement = Long.MIN_VALUE;
        long last = 0;
        try (PcapWriter w = new PcapWriter(file, msg -> { throw new AssertionError(msg); })) {
            for (int i = 0; i < 100; i++) {
                long t = T0 + i * 100_000_000L;
                if (t / 1_000_000 >= nextJudgement) {
                    if (nextJudgement != Long.MIN_VALUE) {
                        judge.judge(live.trackerOnWriterThread().snapshot(t / 1_000_000), t / 1_000_000);
                    }
                    nextJudgement = t / 1_000_000 + AnalyzeCommand.JUDGE_EVERY_MILLIS;
                }
                if (i != 5 && i != 6 && i != 40) {
                    byte[] p = update("plant/pump", i, "ok");
                    w.datagram(p, 0, p.length, sender, pumpGroup, t);
                    live.datagram(p, 0, p.length, sender, pumpGroup, t);
                }
                if (i < 50) {
                    byte[] p = update("plant/valve", i, "warn");
                    w.datagram(p, 0, p.length, sender, valveGroup, t + 1000);
                    live.datagram(p, 0, p.length, sender, valveGroup, t + 1000);
                }
                last = t / 1_000_000;
            }
            byte[] bad = "{\"src\":".getBytes(StandardCharsets.UTF_8);
            w.datagram(bad, 0, bad.length, sender, pumpGroup, T0 + 99 * 100_000_000L);
            live.datagram(bad, 0, bad.length, sender, last);
        }
        return Summary.json(judge.judge(live.trackerOnWriterThread().snapshot(last), last));
    }

    @Test
    void jsonReportHasTheNumbersLiveMonitoringWouldHaveShown() throws Exception {
        Path file = dir.resolve("c.pcap");
        String live = capture(file);
        Run r = run("analyze", file.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        assertEquals(live, r.out().strip());
        JsonNode j = JsonMapper.builder().build().readTree(r.out());
        JsonNode pump = j.get("sources").get(0);
        assertEquals("plant/pump", pump.get("src").asString());
        assertEquals("losing", pump.get("state").asString());
        assertEquals("stale", j.get("sources").get(1).get("state").asString());
        JsonNode episodes = j.get("episodes");
        assertEquals(1, episodes.size(), "pump's loss at 0.5 s and 4 s is one episode, still open at 9.9 s");
        JsonNode e = episodes.get(0);
        assertEquals("undetermined", e.get("cause").asString());
        assertEquals("3 updates lost at 1 source, all from sender 10.0.0.9:40000 on 239.255.10.1:5000, and no source"
                + " of another sender there to compare: publisher or path cannot be told apart; this machine's socket"
                + " drops are unknown", e.get("evidence").asString());
        assertEquals(3, e.get("lost").asLong());
        assertTrue(e.get("end").isNull() && e.get("socketDrops").isNull());
        assertEquals("10.0.0.9:40000", pump.get("sender").asString());
        assertEquals(97, pump.get("received").asLong());
        assertEquals(3, pump.get("lost").asLong());
        assertEquals("ok", pump.get("status").asString());
        assertEquals(false, pump.get("stale").asBoolean());
        JsonNode valve = j.get("sources").get(1);
        assertEquals(0, valve.get("lost").asLong());
        assertEquals(true, valve.get("stale").asBoolean());
        assertEquals(148, j.get("totals").get("datagrams").asLong());
        assertEquals(1, j.get("totals").get("invalid").asLong());
        assertTrue(j.get("totals").get("socketDrops").isNull());
        assertEquals(1, j.get("invalid").get("malformed-json").asLong());
    }

    @Test
    void groupFilterAndCsv() throws Exception {
        Path file = dir.resolve("c.pcap");
        capture(file);
        Run r = run("analyze", file.toString(), "--group", "239.255.10.2:5001", "--csv");
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of(SummaryCsv.HEADER, "plant/valve,10.0.0.9:40000,50,0,0,0,0,49,warn,true"),
                r.out().lines().toList());
        Run table = run("analyze", file.toString());
        assertTrue(table.out().startsWith("SOURCE"), table.out());
        assertTrue(table.out().contains("3 lost"), table.out());
    }

    @Test
    void saysSoWhenNothingMatches() throws Exception {
        Path file = dir.resolve("c.pcap");
        capture(file);
        Run r = run("analyze", file.toString(), "--group", "239.255.99.99:9", "--json");
        assertEquals(0, r.code());
        assertEquals(List.of("gapwatch: " + file + ": no UDP datagrams to the chosen groups and ports in this capture"),
                r.err().lines().toList());
        assertTrue(r.out().startsWith("{\"sources\":[]"), r.out());
    }

    @Test
    void captureProblemsGoToStderrOneLineEach() throws Exception {
        Path file = dir.resolve("c.pcap");
        capture(file);
        byte[] whole = Files.readAllBytes(file);
        Path cut = dir.resolve("cut.pcap");
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length - 10));
        Run r = run("analyze", cut.toString(), "--json");
        assertEquals(0, r.code());
        assertEquals(List.of("gapwatch: " + cut + ": file ends inside a record at offset " + lastRecordOffset(whole)
                + " (truncated capture)"), r.err().lines().toList());
    }

    @Test
    void recordOfOneMebibyteOfPacketDataIsAnalyzed() throws Exception {
        InetSocketAddress sender = at("10.0.0.9", 40000);
        InetSocketAddress group = at("239.255.10.1", 5000);
        Path small = dir.resolve("small.pcap");
        try (PcapWriter w = new PcapWriter(small, msg -> { throw new AssertionError(msg); })) {
            for (int i = 0; i < 10; i++) {
                byte[] p = update("plant/pump", i, "ok");
                w.datagram(p, 0, p.length, sender, group, T0 + i * 100_000_000L);
            }
        }
        // The last record again with its packet padded to 1 MiB (1,048,576 bytes; bytes after the IP packet are
        // ignored): caplen and origlen of the limit, and a record of 16 + 1,048,576 bytes.
        byte[] whole = Files.readAllBytes(small);
        int last = (int) lastRecordOffset(whole);
        java.nio.ByteBuffer big = java.nio.ByteBuffer.allocate(last + 16 + (1 << 20))
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        big.put(whole, 0, last + 8).putInt(1 << 20).putInt(1 << 20).put(whole, last + 16, whole.length - last - 16);
        Path file = dir.resolve("big.pcap");
        Files.write(file, big.array());
        Run r = run("analyze", file.toString(), "--csv");
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        assertEquals(List.of(SummaryCsv.HEADER, "plant/pump,10.0.0.9:40000,10,0,0,0,0,9,ok,false"),
                r.out().lines().toList());
    }

    @Test
    void progressOfALongReadGoesToStderrAndTheReportStaysCleanOnStdout() throws Exception {
        // 10,000 updates (about 1.3 MB): several reads from the file after the first.
        Path file = dir.resolve("c.pcap");
        InetSocketAddress sender = at("10.0.0.9", 40000);
        try (PcapWriter w = new PcapWriter(file, msg -> { throw new AssertionError(msg); })) {
            for (int i = 0; i < 10_000; i++) {
                byte[] p = update("plant/pump", i, "ok");
                w.datagram(p, 0, p.length, sender, at("239.255.10.1", 5000), T0 + i * 1_000_000L);
            }
        }
        String clean = run("analyze", file.toString(), "--csv").out();
        List<Long> offsets = new java.util.ArrayList<>();
        try (CaptureReader r = CaptureReader.open(file, CaptureFilter.multicast())) {
            r.onRead((offset, size) -> offsets.add(offset));
            while (r.next() != null) {
                // read to the end
            }
        }
        // A clock that moves a second each time it is read: every read from the file comes "a second later".
        AnalyzeCommand command = new AnalyzeCommand();
        long[] now = {0};
        command.nanoTime = () -> now[0] += 1_000_000_000L;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        assertEquals(0, cl.execute(file.toString(), "--csv"));
        assertEquals(clean, out.toString());
        long size = Files.size(file);
        assertTrue(offsets.size() >= 3, offsets.toString());
        assertEquals(size, offsets.getLast());
        assertEquals(offsets.stream().map(o -> String.format(java.util.Locale.ROOT,
                "gapwatch: %s: read %.1f of %.1f MB (%d%%)", file, o / 1e6, size / 1e6, o * 100 / size)).toList(),
                err.toString().lines().toList());
    }

    /** Offset of the last record of a pcap written by PcapWriter (raw IPv4). */
    static long lastRecordOffset(byte[] pcap) {
        int p = 24;
        int last = p;
        while (p < pcap.length) {
            last = p;
            int caplen = (pcap[p + 8] & 0xFF) | (pcap[p + 9] & 0xFF) << 8 | (pcap[p + 10] & 0xFF) << 16;
            p += 16 + caplen;
        }
        return last;
    }

    @Test
    void notACaptureIsAOneLineErrorAndNonZeroExit() throws Exception {
        Path file = dir.resolve("readme.txt");
        Files.writeString(file, "plain text");
        Run r = run("analyze", file.toString());
        assertEquals(2, r.code());
        assertEquals(List.of("gapwatch: " + file + " is not a pcap or pcapng capture (starts with 0x706c6169)"),
                r.err().lines().toList());
        Run missing = run("analyze", dir.resolve("nothing.pcap").toString());
        assertEquals(2, missing.code());
        assertEquals(List.of("gapwatch: " + dir.resolve("nothing.pcap") + " does not exist"),
                missing.err().lines().toList());
    }

    @Test
    void unreadableCaptureIsOneLineWithTheRealReason() throws Exception {
        Run directory = run("analyze", dir.toString());
        assertEquals(2, directory.code());
        assertEquals(List.of("gapwatch: " + dir + " is a directory"), directory.err().lines().toList());
        assertEquals("", directory.out());
        Path loop = dir.resolve("loop.pcap");
        Files.createSymbolicLink(loop, dir.resolve("back.pcap"));
        Files.createSymbolicLink(dir.resolve("back.pcap"), loop);
        Run looped = run("analyze", loop.toString(), "--json");
        assertEquals(2, looped.code());
        assertEquals(List.of("gapwatch: " + loop + " cannot be read: symbolic link loop (too many levels of symbolic "
                + "links)"), looped.err().lines().toList());
    }
}
