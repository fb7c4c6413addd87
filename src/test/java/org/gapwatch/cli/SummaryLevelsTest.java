package org.gapwatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.gapwatch.capture.PcapWriter;
import org.gapwatch.protocol.collectd.CollectdDecoder;
import org.gapwatch.protocol.collectd.CollectdWriter;
import org.gapwatch.protocol.sacn.E131Writer;
import org.gapwatch.track.Tracker;
import org.gapwatch.track.TrackerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The report's {@code levels} of a source: present only for a source with a vector, with the number of its first
 * element, last in the source's object; 8-bit levels as integers, values as numbers (not a number: null).
 */
class SummaryLevelsTest {
    @TempDir
    Path dir;

    @Test
    void analyzeJsonGivesAnSacnSourcesSlotsWithTheirFirstAddress() throws Exception {
        Path file = dir.resolve("sacn.pcap");
        InetSocketAddress sender = AnalyzeCommandTest.at("10.0.0.9", 40000);
        InetSocketAddress universe1 = AnalyzeCommandTest.at("239.255.0.1", 5568);
        byte[] buf = new byte[700];
        try (PcapWriter w = new PcapWriter(file, msg -> { throw new AssertionError(msg); })) {
            for (int k = 0; k < 3; k++) {
                byte[] slots = {0, 5, (byte) 255, 0, 17, 0, 0, (byte) (126 + k)}; // a DMX frame of 8 slots
                int n = E131Writer.data(buf, 0x1122334455667788L, 0x99aabbccddeeff00L, "desk", 100, k, 0, 1, slots,
                        slots.length);
                w.datagram(buf, 0, n, sender, universe1, AnalyzeCommandTest.T0 + k * 25_000_000L);
            }
        }
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("analyze", file.toString(), "--group", "sacn://1", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode source = JsonMapper.builder().build().readTree(r.out()).get("sources").get(0);
        assertEquals("{\"src\":\"sacn/1/desk\",\"protocol\":\"sacn\",\"sender\":\"10.0.0.9:40000\",\"received\":3,"
                + "\"lost\":0,\"late\":0,\"duplicates\":0,\"restarts\":0,\"value\":4,\"status\":null,"
                + "\"text\":\"priority 100, wins, levels 0 5 255 0 17 0 0 128\",\"stale\":false,\"state\":\"ok\","
                + "\"levels\":{\"first\":1,\"values\":[0,5,255,0,17,0,0,128]}}", source.toString());
    }

    @Test
    void valuesAreNumbersNotANumberIsNullAndASourceWithoutAVectorHasNoLevels() {
        byte[] b = new byte[1452];
        CollectdWriter w = new CollectdWriter(b).reset()
                .gauges("web-1", "load", "load", 1_700_000_000_000_000_000L, 10_000_000_000L, 0.5, Double.NaN, 2)
                .gauges("web-1", "memory", "memory", 1_700_000_000_000_000_000L, 10_000_000_000L, 2048);
        Tracker t = new Tracker(TrackerConfig.defaults());
        t.datagram(new CollectdDecoder().decode(b, 0, w.length(), 25826, 1_700_000_000_000_000_000L), b, 0,
                w.length(), new InetSocketAddress("127.0.0.1", 40000), 1_700_000_000_000L);
        JsonNode sources = JsonMapper.builder().build().readTree(Summary.json(t.snapshot(1_700_000_000_000L),
                1_700_000_000_000L)).get("sources");
        JsonNode load = sources.get(0);
        assertEquals("web-1/load/load", load.get("src").asString());
        assertEquals("{\"first\":0,\"values\":[0.5,null,2]}", load.get("levels").toString());
        JsonNode memory = sources.get(1);
        assertEquals("web-1/memory/memory", memory.get("src").asString());
        assertFalse(memory.has("levels"), "a single value is the value: no vector, no levels");
    }
}
