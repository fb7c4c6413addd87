package org.gapwatch.protocol.sacn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import org.gapwatch.engine.Engine;
import org.gapwatch.judge.Judge;
import org.gapwatch.judge.SourceState;
import org.gapwatch.net.GroupSpec;
import org.gapwatch.net.LiveAndCapture;
import org.gapwatch.track.SourceView;
import org.gapwatch.track.TrackerConfig;
import org.gapwatch.track.TrackerSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * sACN through the seam: crafted E1.31 packets on loopback to a fresh group and port (the address form of a
 * subscription), loss across the 8-bit wrap by the standard's rule, two sources at one priority (a conflict), a
 * source that ends with Stream_Terminated (judged ENDED), discovery; the capture gives the same figures.
 */
class SacnLoopbackTest {
    private static final long CID_B_HIGH = 0x0102030405060708L, CID_B_LOW = 0x1112131415161718L;

    @TempDir
    Path dir;

    private static byte[] levels(int on) {
        byte[] slots = new byte[512];
        for (int i = 0; i < on; i++) {
            slots[i] = (byte) (10 + i);
        }
        return slots;
    }

    @Test
    void sequenceLossConflictEndAndDiscoveryLiveAndFromTheCapture() throws Exception {
        GroupSpec universe = LiveAndCapture.fresh("sacn", "");
        GroupSpec discovery = LiveAndCapture.fresh("sacn", "");
        LiveAndCapture.Result r = LiveAndCapture.run(dir, List.of(universe, discovery), send -> {
            // "desk" on universe 7: 600 packets from 200, so the 8-bit number wraps twice; every 50th left out.
            int sent = 0;
            for (int i = 0; i < 600; i++) {
                if (i % 50 == 25) {
                    continue;
                }
                send.send(0, E131.data(E131.CID_HIGH, E131.CID_LOW, "desk", 100, 0, (200 + i) & 0xFF, 0, 7, 0,
                        levels(12)));
                sent++;
            }
            // "backup" at the same priority, synchronised on universe 9.
            for (int i = 0; i < 5; i++) {
                send.send(0, E131.data(CID_B_HIGH, CID_B_LOW, "backup", 100, 9, i, 0, 7, 0, levels(3)));
            }
            // "desk" ends: three packets with Stream_Terminated, as the standard asks.
            for (int i = 0; i < 3; i++) {
                send.send(0, E131.data(E131.CID_HIGH, E131.CID_LOW, "desk", 100, 0, (200 + 600 + i) & 0xFF,
                        E131Packet.OPTION_STREAM_TERMINATED, 7, 0, levels(12)));
            }
            send.send(1, E131.discovery("desk", 0, 0, 1, 2, 3, 7, 12));
            assertEquals(588, sent);
        }, s -> s.totals().received() == 588 + 5 + 3 + 1, "every packet");

        SourceView desk = r.live("sacn/7/desk");
        assertEquals("sacn", desk.protocol());
        assertEquals(591, desk.received());
        assertEquals(12, desk.lost(), "every 50th of 600 left out, across two wraps");
        assertEquals(0, desk.late() + desk.duplicates() + desk.restarts());
        assertEquals(12.0, desk.number(), "slots that are not zero");
        assertTrue(desk.ended(), "Stream_Terminated");
        assertTrue(desk.text().startsWith("priority 100, stream terminated"), desk.text());

        SourceView backup = r.live("sacn/7/backup");
        assertEquals(5, backup.received());
        assertEquals("priority 100, sync 9, conflict: 2 sources at priority 100, levels 10 11 12 0 0 0 0 0 0 0 0 0 0 "
                + "0 0 0 …", backup.text());
        assertFalse(backup.ended());

        SourceView listing = r.live("sacn/discovery/desk");
        assertEquals(5.0, listing.number());
        assertEquals("universes 1-3,7,12", listing.text());
        assertEquals("sacn://1-3,7,12", org.gapwatch.protocol.Protocols.get("sacn").offer(listing.src(),
                listing.text()), "what the settings dialog offers to subscribe");
        assertEquals(null, org.gapwatch.protocol.Protocols.get("sacn").offer(desk.src(), desk.text()));

        // Judged long after: the source that ended is ENDED, not stale; the other is stale.
        TrackerSnapshot live = r.live();
        var judged = new Judge().judge(live, desk.lastArrivalMillis() + 60_000);
        assertEquals(SourceState.ENDED, judged.state(desk.id()));
        assertEquals(SourceState.STALE, judged.state(backup.id()));

        assertEquals(LiveAndCapture.figures(r.live()), LiveAndCapture.figures(r.analyzed()));
    }

    @Test
    void aUniverseListIsOneSubscriptionPerUniverseGroup() {
        List<GroupSpec> specs = GroupSpec.parseAll("sacn://1-3,256");
        assertEquals(List.of("sacn://239.255.0.1:5568", "sacn://239.255.0.2:5568", "sacn://239.255.0.3:5568",
                "sacn://239.255.1.0:5568"), specs.stream().map(GroupSpec::toString).toList());
        assertEquals(List.of("sacn://239.255.250.214:5568"),
                GroupSpec.parseAll("sacn://discovery").stream().map(GroupSpec::toString).toList());
        assertEquals("sacn://239.255.0.9:5568", GroupSpec.parse("sacn://9").toString());

        // Each universe routed to its own decoder: packets to each group are that universe's sources.
        Engine engine = new Engine(TrackerConfig.defaults());
        for (GroupSpec g : specs) {
            engine.route(g.subscription(), g.destinations());
        }
        InetSocketAddress sender = new InetSocketAddress("127.0.0.1", 40000);
        for (int u : new int[] {1, 2, 256}) {
            byte[] b = E131.data(u, 1, 0);
            engine.datagram(b, 0, b.length, sender, new InetSocketAddress(SacnUniverses.group(u), 5568),
                    1_000_000_000L);
        }
        TrackerSnapshot s = engine.trackerOnWriterThread().snapshot(1000);
        assertEquals(List.of("sacn/1/desk", "sacn/2/desk", "sacn/256/desk"),
                s.sources().stream().map(SourceView::src).sorted().toList());
    }

    @Test
    void aBadUniverseListIsOneLine() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> GroupSpec.parseAll("sacn://8-1"));
        assertEquals("bad group 'sacn://8-1': universe range 8-1 runs backwards", e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> GroupSpec.parse("sacn://1-8"));
        assertEquals("bad group 'sacn://1-8': it names 8 groups; give one here", e.getMessage());
    }
}
