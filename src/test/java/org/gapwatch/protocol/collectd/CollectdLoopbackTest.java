package org.gapwatch.protocol.collectd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.gapwatch.net.GroupSpec;
import org.gapwatch.net.LiveAndCapture;
import org.gapwatch.protocol.Status;
import org.gapwatch.track.SourceView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * collectd through the seam on loopback: crafted datagrams as the network plugin writes them (two rounds in one
 * datagram, as it fills its buffer), rounds left out, one sent twice, a notification. Loss by cadence per value list
 * is exactly the rounds left out, marked by cadence; a counter is shown as a rate; the capture gives the same.
 */
class CollectdLoopbackTest {
    private static final long T0 = HighResTime.ofSeconds(1_700_000_000L);
    private static final long SECOND = HighResTime.SECOND;

    @TempDir
    Path dir;

    private static Parts round(Parts p, int i) {
        return p.string(CollectdReader.HOST, "web1").number(CollectdReader.TIME_HR, T0 + i * SECOND)
                .number(CollectdReader.INTERVAL_HR, SECOND)
                .string(CollectdReader.PLUGIN, "load").string(CollectdReader.PLUGIN_INSTANCE, "")
                .string(CollectdReader.TYPE, "load").string(CollectdReader.TYPE_INSTANCE, "")
                .gauges(0.5, 0.25 + i, 0.125)
                .string(CollectdReader.PLUGIN, "interface").string(CollectdReader.PLUGIN_INSTANCE, "eth0")
                .string(CollectdReader.TYPE, "if_octets")
                .values(new int[] {2, 2}, new long[] {1000L * i, 4000L * i});
    }

    @Test
    void lossByCadenceIsTheRoundsLeftOutLiveAndFromTheCapture() throws Exception {
        GroupSpec g = LiveAndCapture.fresh("collectd", "");
        List<Integer> rounds = List.of(0, 1, 2, 5, 5, 6, 8, 9, 10, 11); // 3, 4 and 7 left out; 5 twice
        LiveAndCapture.Result r = LiveAndCapture.run(dir, List.of(g), send -> {
            for (int k = 0; k < rounds.size(); k += 2) {
                // Two rounds per datagram, as collectd fills its buffer before it sends.
                send.send(0, round(round(new Parts(), rounds.get(k)), rounds.get(k + 1)).bytes());
            }
            send.send(0, new Parts().string(CollectdReader.HOST, "web1")
                    .number(CollectdReader.TIME_HR, T0 + 11 * SECOND).string(CollectdReader.PLUGIN, "load")
                    .string(CollectdReader.TYPE, "load").number(CollectdReader.SEVERITY, 1)
                    .string(CollectdReader.MESSAGE, "load too high").bytes());
        }, s -> s.totals().received() == 2 * 9 + 1 && s.totals().duplicates() == 2, "all rounds and the notice");

        SourceView load = r.live("web1/load/load");
        assertEquals("collectd", load.protocol());
        assertEquals(10, load.received(), "9 rounds and the notification");
        assertEquals(3, load.lost(), "rounds 3, 4 and 7, by cadence");
        assertEquals(1, load.duplicates(), "round 5 again");
        assertTrue(load.lastGap().byCadence(), "the gap says it was counted by cadence");
        assertEquals(7, load.lastGap().first());
        assertEquals(Status.ALARM, load.status(), "a failure notification");
        assertEquals("0.5 11.25 0.125 · load too high", load.text());
        assertEquals(1000, load.interval());

        SourceView octets = r.live("web1/interface-eth0/if_octets");
        assertEquals(9, octets.received());
        assertEquals(3, octets.lost());
        assertEquals("1000/s 4000/s", octets.text(), "derives as rates per second");
        assertEquals(1000.0, octets.number());

        assertEquals(LiveAndCapture.figures(r.live()), LiveAndCapture.figures(r.analyzed()));
    }
}
