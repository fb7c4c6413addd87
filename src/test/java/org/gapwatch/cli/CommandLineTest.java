package org.gapwatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.gapwatch.net.GroupSpec;
import org.gapwatch.net.Loopback;
import org.gapwatch.testutil.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class CommandLineTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new GapwatchCommand());
        cl.setExecutionExceptionHandler(new OneLineErrors());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void listenPrintsTheJsonSummaryWithExactCounts() throws Exception {
        GroupSpec g = Loopback.freshGroup();
        CompletableFuture<Run> listen = CompletableFuture.supplyAsync(() -> run("listen", "--group", g.toString(),
                "--interface", "lo", "--duration", "4s", "--json"));
        // The listener prints its "listening on" line only after joining; publishing before that would be lost.
        Await.until("listener joined", () -> joined(g));
        Run pub = run("publish", "--group", g.toString(), "--interface", "lo", "--ttl", "0", "--sources", "3",
                "--rate", "3000", "--count", "900", "--loss", "0.1", "--seed", "3", "--json");
        assertEquals(0, pub.code(), pub.err());
        JsonNode p = JSON.readTree(pub.out());
        Run l = listen.get(30, TimeUnit.SECONDS);
        assertEquals(0, l.code(), l.err());
        JsonNode report = JSON.readTree(l.out());
        JsonNode totals = report.get("totals");
        assertEquals(p.get("sent").asLong(), totals.get("datagrams").asLong());
        assertEquals(p.get("sent").asLong(), totals.get("received").asLong());
        assertEquals(p.get("skipped").asLong(), totals.get("lost").asLong());
        assertEquals(0, totals.get("invalid").asLong());
        assertTrue(totals.get("socketDrops").isNumber());
        assertEquals(3, report.get("sources").size());
        JsonNode s0 = report.get("sources").get(0);
        for (String field : List.of("src", "sender", "received", "lost", "late", "duplicates", "restarts", "value",
                "status", "stale")) {
            assertTrue(s0.has(field), field);
        }
        assertTrue(s0.get("value").isNumber());
        assertTrue(report.get("invalid").isObject());
    }

    @Test
    void everyPrintsOneJsonObjectPerLineWhileRunning() {
        GroupSpec g = Loopback.freshGroup();
        Run r = run("listen", "--group", g.toString(), "--interface", "lo", "--duration", "1600ms", "--every",
                "500ms", "--json");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().filter(l -> !l.isBlank()).toList();
        assertTrue(lines.size() >= 3, "periodic summaries and the final one: " + lines.size());
        for (String line : lines) {
            assertTrue(JSON.readTree(line).get("totals").has("datagrams"), line);
        }
    }

    @Test
    void withoutJsonTheSummaryIsATable() {
        GroupSpec g = Loopback.freshGroup();
        Run r = run("listen", "--group", g.toString(), "--interface", "lo", "--duration", "300ms");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("SOURCE"), r.out());
        assertTrue(r.out().contains("total: 0 sources, 0 datagrams"), r.out());
    }

    private static boolean joined(GroupSpec g) {
        // /proc/net/igmp lists this host's memberships on lo; the group appears once the listener joined.
        try {
            String hex = String.format("%08X", Integer.reverseBytes(java.nio.ByteBuffer.wrap(g.group().getAddress()).getInt()));
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/net/igmp")).contains(hex);
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        listen --group 10.1.1.1:5000 --duration 1s                 | is not a multicast address
        listen --group 239.255.1.1 --duration 1s                   | expected ADDRESS:PORT
        listen --group 239.255.1.1:5000 --interface nosuch0 --duration 1s | no network interface 'nosuch0'
        listen --group 239.255.1.1:5000 --duration soon            | is not a duration
        publish --group 239.255.1.1:5000 --loss 1.5 --count 1      | --loss must be a fraction
        publish --group 239.255.1.1:5000 --interface nosuch0 --count 1 | no network interface 'nosuch0'
        """)
    void badInputGivesOneLineAndANonZeroExit(String args, String message) {
        Run r = run(args.trim().split("\\s+"));
        assertTrue(r.code() != 0);
        assertTrue(r.err().contains(message), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    @ParameterizedTest
    @CsvSource({"500ms,500", "10s,10000", "1.5s,1500", "2m,120000", "1h,3600000", "3,3000", "PT2S,2000"})
    void durationsAsOperatorsWriteThem(String text, long millis) {
        assertEquals(Duration.ofMillis(millis), DurationConverter.parse(text));
    }
}
