package org.gapwatch.protocol.sacn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** E1.31 6.7.2's sequence rule per (CID, universe), as a table. */
class SacnSequenceCheckTest {
    private static final long H = E131.CID_HIGH, L = E131.CID_LOW;

    @ParameterizedTest(name = "{0}: received {1}, lost {2}, late {3}, duplicates {4}")
    @CsvSource(delimiter = '|', value = {
        "0 1 2 3                | 4 | 0   | 0 | 0",
        "254 255 0 1            | 4 | 0   | 0 | 0",     // the wrap is in order
        "0 5                    | 2 | 4   | 0 | 0",
        "250 3                  | 2 | 8   | 0 | 0",     // 251-255, 0-2 across the wrap
        "10 12 11               | 3 | 0   | 1 | 0",     // 11 late: counted, not applied
        "10 12 11 11            | 3 | 0   | 1 | 1",
        "10 10                  | 1 | 0   | 0 | 1",
        "30 31 12               | 2 | 0   | 0 | 1",     // 19 behind, was received: out of order
        "31 11                  | 2 | 235 | 0 | 0",     // 20 behind: accepted, a forward jump of 236
        "0 236                  | 2 | 235 | 0 | 0",     // the largest jump the rule accepts
        "0 237                  | 1 | 0   | 0 | 1",     // 19 behind: out of order, although 236 may have been lost
        "0 0                    | 1 | 0   | 0 | 1",
        "100 120 101            | 3 | 18  | 1 | 0",     // 101 late within the window
    })
    void countsOneLane(String seqs, long received, long lost, long late, long duplicates) {
        SacnSequenceCheck c = new SacnSequenceCheck();
        for (String s : seqs.trim().split("\\s+")) {
            c.check(H, L, 1, Integer.parseInt(s), false);
        }
        assertEquals(received, c.received(H, L, 1), "received");
        assertEquals(lost, c.lost(H, L, 1), "lost");
        assertEquals(late, c.late(H, L, 1), "late");
        assertEquals(duplicates, c.duplicates(H, L, 1), "duplicates");
    }

    @Test
    void aLongOutageIsALowerBound() {
        // 300 lost after 0: the next number is 301 mod 256 = 45, read as 44 lost.
        SacnSequenceCheck c = new SacnSequenceCheck();
        c.check(H, L, 1, 0, false);
        assertEquals(44, c.check(H, L, 1, 301 & 0xFF, false));
        // 255 lost after 0: the next is 0 again, a duplicate; 256 lost reads as none at all... discarded for 19 more.
        SacnSequenceCheck d = new SacnSequenceCheck();
        d.check(H, L, 1, 0, false);
        int discarded = 0;
        for (int s = 256; s < 300; s++) {
            if (d.check(H, L, 1, s & 0xFF, false) < 0) {
                discarded++;
            }
        }
        assertEquals(1, discarded, "256 is 0 again: only that one is discarded, then 1.. follow in order");
        assertEquals(0, d.lost(H, L, 1), "256 lost read as none");
        SacnSequenceCheck e = new SacnSequenceCheck();
        e.check(H, L, 1, 0, false);
        int out = 0;
        for (int s = 240; s < 270; s++) { // 239 lost: 240-255 read as 16..1 behind 0
            out += e.check(H, L, 1, s & 0xFF, false) < 0 ? 1 : 0;
        }
        assertEquals(17, out, "240-255 and 256 (= 0) are discarded");
        assertEquals(0, e.lost(H, L, 1));
    }

    @Test
    void afterStreamTerminatedTheNextPacketIsABaseline() {
        SacnSequenceCheck c = new SacnSequenceCheck();
        c.check(H, L, 1, 5, false);
        c.check(H, L, 1, 6, true);
        assertTrue(c.ended(H, L, 1));
        assertEquals(SacnSequenceCheck.FIRST, c.check(H, L, 1, 200, false));
        assertFalse(c.ended(H, L, 1));
        assertEquals(0, c.lost(H, L, 1));
        assertEquals(0, c.check(H, L, 1, 201, false));
    }

    @Test
    void eachCidAndUniverseIsItsOwnLane() {
        SacnSequenceCheck c = new SacnSequenceCheck();
        c.check(H, L, 1, 0, false);
        c.check(H, L, 2, 50, false);
        c.check(H, L + 1, 1, 100, false);
        assertEquals(2, c.check(H, L, 1, 3, false));
        assertEquals(0, c.check(H, L, 2, 51, false));
        assertEquals(SacnSequenceCheck.DUPLICATE, c.check(H, L + 1, 1, 100, false));
        assertEquals(3, c.lanes());
        assertEquals(2, c.lost(H, L, 1));
        assertEquals(0, c.lost(H, L, 2) + c.lost(H, L + 1, 1));
    }

    @Test
    void thePacketItselfIsChecked() {
        E131Packet p = new E131Packet();
        SacnSequenceCheck c = new SacnSequenceCheck();
        byte[] a = E131.data(9, 250, 0);
        byte[] b = E131.data(9, 2, 0);
        p.wrap(a, 0, a.length);
        assertEquals(SacnSequenceCheck.FIRST, c.check(p));
        p.wrap(b, 0, b.length);
        assertEquals(7, c.check(p));
        assertEquals(7, c.lost(E131.CID_HIGH, E131.CID_LOW, 9));
    }
}
