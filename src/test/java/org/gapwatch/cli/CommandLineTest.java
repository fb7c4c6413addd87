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
        CommandLine cl = GapwatchCommand.commandLine();
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
        listen --group 10.1.1.1:5000 --duration 1s                 | gapwatch: bad group '10.1.1.1:5000': 10.1.1.1 is not a multicast address; try 'gapwatch listen --help'
        listen --group 239.255.1.1 --duration 1s                   | gapwatch: bad group '239.255.1.1': expected ADDRESS:PORT[@SOURCE]; try 'gapwatch listen --help'
        listen --group 239.255.1.1:5000 --interface nosuch0 --duration 1s | gapwatch: no network interface 'nosuch0' (available:
        listen --group 239.255.1.1:5000 --duration soon            | gapwatch: Invalid value for option '--duration': 'soon' is not a duration (e.g. 500ms, 10s, 2m); try 'gapwatch listen --help'
        listen --duration 1s                                       | gapwatch: Missing required option: '--group=G:P[@S]'; try 'gapwatch listen --help'
        listen --group 239.255.1.1:5000 --grop x                   | gapwatch: Unknown options: '--grop', 'x' (did you mean --group?); try 'gapwatch listen --help'
        listen --group 239.255.1.1:5000 --interface lo --duration 1s --max-sources 0 | gapwatch: --max-sources must be at least 1; try 'gapwatch listen --help'
        publish --group 239.255.1.1:5000 --interface lo --ttl 0 --loss 1.5 --count 1 | gapwatch: --loss must be a fraction in [0, 1); try 'gapwatch publish --help'
        publish --group 239.255.1.1:5000 --rate fast               | gapwatch: Invalid value for option '--rate': 'fast' is not a double; try 'gapwatch publish --help'
        publish --group 239.255.1.1:5000 --interface nosuch0 --count 1 | gapwatch: no network interface 'nosuch0' (available:
        analyze                                                    | gapwatch: Missing required parameter: 'FILE'; try 'gapwatch analyze --help'
        --bogus                                                    | gapwatch: Unknown option: '--bogus'; try 'gapwatch --help'
        lisen                                                      | gapwatch: Unmatched argument at index 0: 'lisen' (did you mean listen or publish?); try 'gapwatch --help'
        listen --group 239.255.1.1:5000 --interface lo --duration PT-5S | gapwatch: Invalid value for option '--duration': 'PT-5S' is negative: a duration is 0 or more; try 'gapwatch listen --help'
        listen --group 239.255.1.1:5000 --interface lo --duration 1s --every PT-1S | gapwatch: Invalid value for option '--every': 'PT-1S' is negative: a duration is 0 or more; try 'gapwatch listen --help'
        listen --group 239.1:5040 --interface lo --duration 1s      | gapwatch: bad group '239.1:5040': '239.1' is not an IP address (expected four decimals such as 239.255.0.1); try 'gapwatch listen --help'
        listen --group 239.255.1.1:+5040 --interface lo --duration 1s | gapwatch: bad group '239.255.1.1:+5040': port '+5040' is not a number; try 'gapwatch listen --help'
        listen --group 10.1.1.1:5000 --interface <empty>           | gapwatch: --interface must name an interface or an address on one (leave it out for the default); try 'gapwatch listen --help'
        listen --group 239.255.1.1:5000 --interface lo --duration 1s --receive-buffer 0 | gapwatch: --receive-buffer must be at least 65536 bytes (one largest datagram), not 0; try 'gapwatch listen --help'
        listen --group 239.255.1.1:5000 --interface lo --duration 1s --record-keep 3 | gapwatch: --record-keep needs --record; try 'gapwatch listen --help'
        listen --group 239.255.1.1:5000 --interface lo --duration 1s --record-max-size 0 | gapwatch: --record-max-size needs --record; try 'gapwatch listen --help'
        publish --group 239.255.1.1:5000 --interface lo --ttl 0 --count 1 --rate Infinity | gapwatch: --rate must be 0 (as fast as possible) or 0.001-1000000000 updates per second, not Infinity; try 'gapwatch publish --help'
        publish --group 239.255.1.1:5000 --interface lo --ttl 0 --rate 1e-300 --count 10 | gapwatch: --rate must be 0 (as fast as possible) or 0.001-1000000000 updates per second, not 1.0E-300; try 'gapwatch publish --help'
        publish --group 239.255.1.1:5000 --interface lo --ttl 0 --count 1 --rate NaN | gapwatch: --rate must be 0 (as fast as possible) or 0.001-1000000000 updates per second, not NaN; try 'gapwatch publish --help'
        publish --group 10.1.1.1:5000 --interface <empty> --count 1 | gapwatch: --interface must name an interface or an address on one (leave it out for the default); try 'gapwatch publish --help'
        publish --group 239.255.1.1:5000 --interface lo --ttl 0 --duration PT-5S | gapwatch: Invalid value for option '--duration': 'PT-5S' is negative: a duration is 0 or more; try 'gapwatch publish --help'
        --max-sources -1 --smoke-test                              | gapwatch: --max-sources must be at least 1; try 'gapwatch --help'
        --interface <empty> --smoke-test                           | gapwatch: --interface must name an interface or an address on one (leave it out for the default); try 'gapwatch --help'
        """)
    // Every row that could send or join names lo, TTL 0 and an end, so that a regression stays on this machine.
    void badInputGivesOneLineAndExitTwo(String args, String line) {
        // <empty> stands for an empty argument, as the shell passes ""
        Run r = run(java.util.Arrays.stream(args.trim().split("\\s+")).map(a -> a.equals("<empty>") ? "" : a)
                .toArray(String[]::new));
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().lines().count(), "one line: " + r.err());
        assertTrue(r.err().startsWith(line), r.err());
        assertEquals("", r.out());
    }

    @Test
    void helpStillPrintsTheWholeUsage() {
        Run r = run("listen", "--help");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("Usage: gapwatch listen "), r.out());
        assertTrue(r.out().lines().count() > 10, r.out());
    }

    @ParameterizedTest
    @CsvSource({"500ms,500", "10s,10000", "1.5s,1500", "2m,120000", "1h,3600000", "3,3000", "PT2S,2000"})
    void durationsAsOperatorsWriteThem(String text, long millis) {
        assertEquals(Duration.ofMillis(millis), DurationConverter.parse(text));
    }
}
