package org.gapwatch.protocol.jsonmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gapwatch.demo.SensorGatewayStream;
import org.gapwatch.net.GroupSpec;
import org.gapwatch.net.LiveAndCapture;
import org.gapwatch.protocol.Status;
import org.gapwatch.track.SourceView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * jsonmap through the seam on loopback: a sensor gateway's own JSON shape (the test sender the shipped mapping
 * describes) through docs/mappings/sensor-gateway.json, with frames left out (loss by seq); and a device without
 * a counter through a mapping without seq (loss by cadence). Live and from the capture the same.
 */
class JsonMapLoopbackTest {
    @TempDir
    Path dir;

    @Test
    void theShippedMappingIsTheDocumentedOne() throws Exception {
        assertEquals(Files.readString(Path.of("docs/mappings/sensor-gateway.json")),
                new String(org.gapwatch.files.MappingFiles.read("mapping", "sensor-gateway"), StandardCharsets.UTF_8));
    }

    @Test
    void aForeignShapeThroughTheShippedMappingAndOneWithoutSeqByCadence() throws Exception {
        GroupSpec gateway = LiveAndCapture.fresh("jsonmap", "?map=sensor-gateway");
        Path noSeq = dir.resolve("meter.json");
        Files.writeString(noSeq, """
                {"src": "/meter", "value": "/kw", "unit": {"const": "kW"}, "ts": "/t", "interval": {"const": 1000}}
                """);
        GroupSpec meter = LiveAndCapture.fresh("jsonmap", "?map=" + noSeq);
        SensorGatewayStream sender = new SensorGatewayStream("gw-7", new String[] {"east", "east", "west"},
                new String[] {"pump-1", "pump-2", "fan-9"});
        LiveAndCapture.Result r = LiveAndCapture.run(dir, List.of(gateway, meter), send -> {
            for (int round = 0; round < 50; round++) {
                if (round % 10 == 4) {
                    sender.skip(); // a round the network lost: 5 of 50
                    continue;
                }
                int state = round >= 45 ? 2 : 0;
                send.send(0, sender.next(1_700_000_000_000L + round * 1000L, 1.0, i -> i == 2 ? state : 0));
            }
            for (int k = 0; k < 30; k++) {
                if (k == 10 || k == 11 || k == 20) {
                    continue; // three seconds without a reading: lost by cadence
                }
                send.send(1, ("{\"meter\":\"hall/meter-1\",\"kw\":" + (10 + k) + ",\"t\":" + (1_700_000_000_000L
                        + k * 1000L) + "}").getBytes(StandardCharsets.UTF_8));
            }
        }, s -> s.totals().received() == 3 * 45 + 27, "every round and reading");

        for (String src : List.of("east/pump-1", "east/pump-2", "west/fan-9")) {
            SourceView v = r.live(src);
            assertEquals("jsonmap", v.protocol());
            assertEquals(45, v.received(), src);
            assertEquals(5, v.lost(), src + ": the frames left out");
            assertEquals("degC", v.unit());
            assertEquals(1000, v.interval(), "the period in seconds, as ms");
        }
        assertEquals(Status.ALARM, r.live("west/fan-9").status(), "state 2 maps to alarm");
        assertEquals("alarm", r.live("west/fan-9").statusText());

        SourceView m = r.live("hall/meter-1");
        assertEquals(27, m.received());
        assertEquals(3, m.lost(), "by cadence");
        assertTrue(m.lastGap().byCadence());
        assertEquals(39.0, m.number());

        assertEquals(LiveAndCapture.figures(r.live()), LiveAndCapture.figures(r.analyzed()));
    }
}
