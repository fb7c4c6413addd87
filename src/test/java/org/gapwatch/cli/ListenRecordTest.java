package org.gapwatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.gapwatch.net.GroupSpec;
import org.gapwatch.net.Publisher;
import org.gapwatch.testutil.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** listen --record on loopback, then analyze of the recording: the same per-source numbers. */
class ListenRecordTest {
    @TempDir
    Path dir;

    @Test
    void analyzeOfARecordingGivesWhatListenCounted() throws Exception {
        Path file = dir.resolve("rec.pcap");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new GapwatchCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setExecutionExceptionHandler(new OneLineErrors());
        CompletableFuture<Integer> listen = CompletableFuture.supplyAsync(() -> cl.execute("listen",
                "--group", "239.255.43.1:5201", "--interface", "lo", "--duration", "2s", "--json",
                "--record", file.toString(), "--record-max-size", "1M", "--record-keep", "2"));
        Await.until(() -> "listen to start recording, stderr: " + err, () -> {
            assertTrue(!listen.isDone(), "listen ended before it recorded: " + err);
            return err.toString().contains("recording to");
        });
        try (Publisher p = new Publisher(GroupSpec.parse("239.255.43.1:5201"), "lo", 0)) {
            for (int seq = 0; seq < 200; seq++) {
                if (seq % 17 == 3) {
                    continue;
                }
                byte[] d = ("{\"src\":\"rec/" + (seq % 2) + "\",\"seq\":" + seq / 2 + ",\"value\":1}")
                        .getBytes(StandardCharsets.UTF_8);
                p.send(d, 0, d.length);
            }
        }
        assertEquals(0, listen.get(20, TimeUnit.SECONDS), err.toString());
        JsonNode live = JsonMapper.builder().build().readTree(out.toString());
        long datagrams = live.get("totals").get("datagrams").asLong();
        assertTrue(err.toString().contains("gapwatch: recorded " + datagrams + " datagrams to " + file + "\n"),
                err.toString());
        JsonNode recording = live.get("recording");
        assertEquals(file.toString(), recording.get("file").asString());
        assertEquals(datagrams, recording.get("recorded").asLong());
        assertEquals(0, recording.get("dropped").asLong());
        assertEquals("closed", recording.get("state").asString());
        assertTrue(recording.get("stopped").isNull());

        Run analyzed = run("analyze", file.toString(), "--json");
        assertEquals(0, analyzed.code, analyzed.err);
        JsonNode replay = JsonMapper.builder().build().readTree(analyzed.out);
        assertEquals(2, live.get("sources").size());
        assertTrue(live.get("totals").get("lost").asLong() > 0);
        for (int i = 0; i < 2; i++) {
            JsonNode a = live.get("sources").get(i);
            JsonNode b = replay.get("sources").get(i);
            for (String f : new String[] {"src", "sender", "received", "lost", "late", "duplicates", "restarts",
                    "value", "status"}) {
                assertEquals(a.get(f), b.get(f), f + " of source " + i);
            }
        }
        for (String f : new String[] {"datagrams", "received", "lost", "late", "duplicates", "restarts", "invalid"}) {
            assertEquals(live.get("totals").get(f), replay.get("totals").get(f), f);
        }
    }

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new GapwatchCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        cl.setExecutionExceptionHandler(new OneLineErrors());
        return new Run(cl.execute(args), out.toString(), err.toString());
    }
}
