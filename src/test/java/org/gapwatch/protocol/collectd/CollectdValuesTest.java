package org.gapwatch.protocol.collectd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetSocketAddress;
import org.gapwatch.track.Levels;
import org.gapwatch.track.SourceView;
import org.gapwatch.track.Tracker;
import org.gapwatch.track.TrackerConfig;
import org.junit.jupiter.api.Test;

/** A collectd type of several values (load: three) carries them as its vector, the same path as sACN's levels. */
class CollectdValuesTest {
    @Test
    void loadsThreeValuesArriveAsTheSourcesVectorAndOneValueHasNone() {
        byte[] b = new byte[1452];
        CollectdWriter w = new CollectdWriter(b).reset()
                .gauges("web-1", "load", "load", 1_700_000_000_000_000_000L, 10_000_000_000L, 0.5, 0.25, 0.125)
                .gauges("web-1", "memory", "memory", 1_700_000_000_000_000_000L, 10_000_000_000L, 2048);
        Tracker t = new Tracker(TrackerConfig.defaults());
        CollectdDecoder d = new CollectdDecoder();
        t.datagram(d.decode(b, 0, w.length(), 25826, 1_700_000_000_000_000_000L), b, 0, w.length(),
                new InetSocketAddress("127.0.0.1", 40000), 1_700_000_000_000L);
        var snap = t.snapshot(1_700_000_000_000L);
        SourceView load = snap.sources().stream().filter(v -> v.src().equals("web-1/load/load")).findFirst()
                .orElseThrow();
        Levels l = load.levels();
        assertEquals(3, l.size());
        assertEquals(0.5, l.get(0));
        assertEquals(0.25, l.get(1));
        assertEquals(0.125, l.get(2));
        assertEquals(0, l.firstIndex());
        assertEquals(0.5, l.fullScale(), "values: the largest magnitude is full scale");
        assertEquals(0.25, l.fraction(2));
        assertFalse(l.eightBit());
        assertNull(snap.sources().stream().filter(v -> v.src().equals("web-1/memory/memory")).findFirst()
                .orElseThrow().levels(), "a single value is the value, no vector");
    }
}
