package org.gapwatch.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gapwatch.judge.RemoteView;
import org.junit.jupiter.api.Test;

/** The strict reader of Prometheus text: exact samples, and hostile lines counted and skipped, the rest kept. */
class ExpositionTest {
    private static final Set<String> WANTED = ProbeReadings.NAMES;

    @Test
    void readsSamplesWithLabelsEscapesAndTimestamps() {
        Exposition.Parsed p = Exposition.parse("""
                # HELP gapwatch_lost Updates lost.
                # TYPE gapwatch_lost counter
                gapwatch_lost_total{group="239.1.1.1:5000",protocol="json",src="plant/a \\"x\\"\\\\y"} 3.0
                gapwatch_received_total{src="plant/a"} 1.5e3 1700000000000
                gapwatch_datagrams_total 9.0
                gapwatch_stale{src="plant/a",} 0
                """, WANTED);
        assertEquals(0, p.skipped(), String.valueOf(p.firstProblem()));
        assertEquals(List.of(
                new Exposition.Sample("gapwatch_lost_total", Map.of("group", "239.1.1.1:5000", "protocol", "json",
                        "src", "plant/a \"x\"\\y"), 3.0),
                new Exposition.Sample("gapwatch_received_total", Map.of("src", "plant/a"), 1500.0),
                new Exposition.Sample("gapwatch_stale", Map.of("src", "plant/a"), 0.0)), p.samples());
    }

    @Test
    void hostileLinesAreCountedAndSkippedAndTheRestCounts() {
        String longLine = "gapwatch_lost_total{src=\"" + "x".repeat(Exposition.MAX_LINE) + "\"} 1";
        Exposition.Parsed p = Exposition.parse(String.join("\n",
                "gapwatch_lost_total{src=\"a\"} 1",
                "gapwatch_lost_total{src=\"b} 1",                 // unclosed quote
                "gapwatch_lost_total{src=\"c\\q\"} 1",            // unknown escape
                "gapwatch_lost_total{src=\"d\"} one",             // not a number
                "gapwatch_lost_total{src=\"e\",src=\"f\"} 1",     // label twice
                "gapwatch_lost_total{9src=\"g\"} 1",              // bad label name
                "gapwatch_lost_total{src=\"h\"} 1 2 3",           // too many fields
                "gapwatch_lost_total{src=\"i\"}1",                // no space before the value
                "gapwatch_lost_total{src=\"j\"} 1 12:00",         // bad timestamp
                longLine,
                "\u0000\u00ff garbage",
                "gapwatch_received_total{src=\"a\"} 7"), WANTED);
        assertEquals(10, p.skipped());
        assertEquals("line 2: unclosed quote in label src", p.firstProblem());
        assertEquals(List.of(new Exposition.Sample("gapwatch_lost_total", Map.of("src", "a"), 1.0),
                new Exposition.Sample("gapwatch_received_total", Map.of("src", "a"), 7.0)), p.samples());
    }

    @Test
    void readingsKeepWholeCountsPerSourceAndSkipTheRest() {
        ProbeReadings r = ProbeReadings.of(Exposition.parse("""
                gapwatch_received_total{src="a"} 10
                gapwatch_lost_total{src="a"} 2
                gapwatch_stale{src="a"} 0
                gapwatch_received_total{src="b"} -1
                gapwatch_lost_total{src="b"} 0
                gapwatch_received_total{src="c"} NaN
                gapwatch_received_total{src="a"} 11
                gapwatch_received_total{group="g",src="(others)"} 500
                gapwatch_lost_total{group="g",src="(others)"} 5
                gapwatch_socket_drops_total 4
                """, WANTED));
        assertEquals(3, r.skipped, r.firstProblem); // b's -1, c's NaN, a's second received
        Map<String, RemoteView.Reading> readings = r.readings(Map.of(), 5000);
        // b has no received count it could be compared with; (others) names no source.
        assertEquals(Map.of("a", new RemoteView.Reading(10, 2, false, 5000)), readings);
        assertEquals(4, r.socketDrops);
        assertTrue(r.firstProblem.contains("is not a count"), r.firstProblem);
    }

    @Test
    void aStaleSourceKeepsWhenItWasLastSeen() {
        ProbeReadings r = ProbeReadings.of(Exposition.parse("""
                gapwatch_received_total{src="a"} 10
                gapwatch_lost_total{src="a"} 0
                gapwatch_stale{src="a"} 1
                """, WANTED));
        Map<String, RemoteView.Reading> before = Map.of("a", new RemoteView.Reading(9, 0, false, 4000));
        assertEquals(new RemoteView.Reading(10, 0, true, 4000), r.readings(before, 6000).get("a"));
        assertEquals(new RemoteView.Reading(10, 0, true, -1), r.readings(Map.of(), 6000).get("a"));
    }
}
