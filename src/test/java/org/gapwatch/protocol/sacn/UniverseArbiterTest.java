package org.gapwatch.protocol.sacn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Winner by priority, conflict at the top priority, the 2.5 s data loss timeout, termination, preview. */
class UniverseArbiterTest {
    private static final long MS = 1_000_000L;

    @Test
    void theHighestPriorityWinsAndATieIsAConflict() {
        UniverseArbiter a = new UniverseArbiter();
        a.offer(1, 1, 1, "backup", 100, false, false, 0);
        a.offer(1, 2, 2, "main", 150, false, false, 0);
        assertEquals("main", a.winner(1, 10 * MS).name());
        assertFalse(a.conflict(1, 10 * MS));
        a.offer(1, 3, 3, "second desk", 150, false, false, 20 * MS);
        assertNull(a.winner(1, 30 * MS));
        assertTrue(a.conflict(1, 30 * MS));
        assertEquals(2, a.top(1, 30 * MS).size());
        assertEquals(3, a.sources(1).size());
        assertNull(a.winner(2, 30 * MS), "another universe has nobody");
    }

    @Test
    void aSourceSilentForMoreThan2500MsNoLongerCounts() {
        UniverseArbiter a = new UniverseArbiter();
        a.offer(1, 1, 1, "backup", 100, false, false, 1000 * MS);
        a.offer(1, 2, 2, "main", 150, false, false, 0);
        assertEquals("main", a.winner(1, 2500 * MS).name(), "2,500 ms: still within the timeout");
        assertEquals("backup", a.winner(1, 2501 * MS).name());
        assertNull(a.winner(1, 3501 * MS));
        assertEquals(2, a.expire(3501 * MS, 1000 * MS));
    }

    @Test
    void streamTerminatedAndPreviewDoNotWin() {
        UniverseArbiter a = new UniverseArbiter();
        a.offer(1, 1, 1, "backup", 100, false, false, 0);
        a.offer(1, 2, 2, "main", 150, false, true, 0);
        a.offer(1, 3, 3, "visualiser", 200, true, false, 0);
        assertEquals("backup", a.winner(1, 0).name());
        a.offer(1, 2, 2, "main", 150, false, false, 5 * MS); // main is back
        assertEquals("main", a.winner(1, 5 * MS).name());
        assertEquals(3, a.sources(1).size());
    }

    @Test
    void thePacketFeedsIt() {
        E131Packet p = new E131Packet();
        byte[] d = E131.data(E131.CID_HIGH, E131.CID_LOW, "desk", 120, 0, 1, 0, 4, 0, new byte[4]);
        p.wrap(d, 0, d.length);
        UniverseArbiter a = new UniverseArbiter(1000 * MS);
        a.offer(p, 0);
        UniverseArbiter.Source w = a.winner(4, 1000 * MS);
        assertEquals("desk", w.name());
        assertEquals(120, w.priority());
        assertEquals("11223344-5566-7788-99aa-bbccddeeff00", w.cidText());
        assertNull(a.winner(4, 1001 * MS));
    }
}
