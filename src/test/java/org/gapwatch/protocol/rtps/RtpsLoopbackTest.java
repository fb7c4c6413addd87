package org.gapwatch.protocol.rtps;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.gapwatch.net.GroupSpec;
import org.gapwatch.net.LiveAndCapture;
import org.gapwatch.track.SourceView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RTPS through the seam on loopback: one writer's DATA 1..100 in crafted messages (both byte orders), with numbers
 * left out that stay lost, one made irrelevant by GAP before the next DATA and one after it, one retransmitted
 * later (late), and the last two known lost only from a HEARTBEAT; SEDP names the topic after the first samples
 * (renamed, counts kept). The capture gives the same figures.
 */
class RtpsLoopbackTest {
    @TempDir
    Path dir;

    @Test
    void heartbeatGapAndRetransmissionLiveAndFromTheCapture() throws Exception {
        GroupSpec g = LiveAndCapture.fresh("rtps", "");
        Guid writer = new Guid(Rtps.PREFIX_HIGH, Rtps.PREFIX_LOW, Rtps.WRITER);
        LiveAndCapture.Result r = LiveAndCapture.run(dir, List.of(g), send -> {
            for (long sn = 1; sn <= 98; sn++) {
                if (sn == 6) {
                    send.send(0, new Rtps().data(true, Guid.SEDP_PUBLICATIONS_WRITER, 1,
                            Rtps.sedp(true, writer, "Sensors", "demo::Reading")).bytes());
                }
                if (sn == 10 || sn == 11 || sn == 30 || sn == 40) {
                    continue; // 10 and 11 stay lost, 30 comes later, 40 is declared irrelevant after the fact
                }
                if (sn == 20) {
                    send.send(0, new Rtps().gap(false, 20, 21, "").bytes()); // 20 irrelevant before 21
                    continue;
                }
                send.send(0, new Rtps().infoTs(sn % 2 == 0, 1_700_000_000, 0).data(sn % 2 == 0, sn).bytes());
                if (sn == 45) {
                    send.send(0, new Rtps().gap(true, 40, 41, "").bytes());
                }
                if (sn == 50) {
                    send.send(0, new Rtps().data(false, 30).bytes()); // the retransmission of 30
                }
            }
            // 99 and 100 were written but never arrived: the HEARTBEAT says so.
            send.send(0, new Rtps().heartbeat(false, 1, 100, 1).bytes());
        }, s -> s.totals().received() == 94 && s.totals().lost() == 4, "every sample and the heartbeat");

        SourceView v = r.live("dds/Sensors/" + writer);
        assertEquals("rtps", v.protocol());
        assertEquals(94, v.received(), "98 numbers, less 10, 11, 20 and 40; 30 late");
        assertEquals(4, v.lost(), "10, 11 and (from the HEARTBEAT) 99, 100; GAP numbers are not lost");
        assertEquals(1, v.late());
        assertEquals(0, v.duplicates() + v.restarts());
        assertEquals(100, v.highest());
        assertEquals("topic Sensors, type demo::Reading", v.text());
        assertEquals(1, r.live().sourceCount(), "builtin SEDP writers are not sources");

        assertEquals(LiveAndCapture.figures(r.live()), LiveAndCapture.figures(r.analyzed()));
    }
}
