package org.gapwatch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.TreeMap;
import org.gapwatch.track.SourceView;
import org.gapwatch.track.Totals;
import org.gapwatch.track.TrackerSnapshot;
import org.junit.jupiter.api.Test;

/** The per-protocol benchmarks measure real decoding: every datagram valid, every source counted, none lost. */
class DecodeAccountBenchInputsTest {
    @Test
    void everyProtocolsBenchmarkDatagramIsValidAndInSequence() {
        DecodeAccountBench bench = new DecodeAccountBench();
        DecodeAccountBench.Others o = new DecodeAccountBench.Others();
        o.sources = 100;
        o.setUp();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < o.sources; i++) {
                bench.collectdDecodeAndAccount(o);
                bench.sacnDecodeAndAccount(o);
                bench.rtpsDecodeAndAccount(o);
                bench.jsonmapDecodeAndAccount(o);
            }
        }
        TrackerSnapshot s = o.engine.trackerOnWriterThread().snapshot(0);
        Totals t = s.totals();
        assertEquals(0, t.invalid(), s.invalidByReason().toString());
        assertEquals(0, t.lost() + t.late() + t.duplicates() + t.restarts());
        assertEquals(4 * 3 * 100, t.received());
        Map<String, Integer> perProtocol = new TreeMap<>();
        for (SourceView v : s.sources()) {
            perProtocol.merge(v.protocol(), 1, Integer::sum);
        }
        assertEquals(Map.of("collectd", 100, "jsonmap", 100, "rtps", 100, "sacn", 16), perProtocol);
    }

    @Test
    void theThousandSacnSourcesOnOneUniverseAreValidAndInSequence() {
        DecodeAccountBench bench = new DecodeAccountBench();
        DecodeAccountBench.Others o = new DecodeAccountBench.Others();
        o.sources = 1;
        o.sacnSources = 1000;
        o.setUp();
        for (int i = 0; i < 3 * 1000; i++) {
            bench.sacnDecodeAndAccount(o);
        }
        TrackerSnapshot s = o.engine.trackerOnWriterThread().snapshot(0);
        Totals t = s.totals();
        assertEquals(0, t.invalid(), s.invalidByReason().toString());
        assertEquals(0, t.lost() + t.late() + t.duplicates() + t.restarts());
        assertEquals(3 * 1000, t.received());
        assertEquals(1000, s.sources().size());
        SourceView top = s.sources().stream().filter(v -> v.src().equals("sacn/1/desk 908")).findFirst().orElseThrow();
        assertEquals("priority 200, conflict: 9 sources at priority 200, levels 0 5 10 15 20 25 30 35 40 45 50 55 60 65"
                + " 70 75 …", top.text());
    }
}
