package org.gapwatch.protocol.ptp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class GrandmasterWatchTest {
    private final PtpMessage m = new PtpMessage();
    private final GrandmasterWatch w = new GrandmasterWatch();

    private GrandmasterWatch.Change announce(String grandmaster, int clockClass) {
        byte[] b = PtpMessageTest.bytes(PtpMessageTest.ANNOUNCE);
        byte[] gm = PtpMessageTest.bytes(grandmaster);
        System.arraycopy(gm, 0, b, 53, 8);
        b[48] = (byte) clockClass;
        assertNull(m.wrap(b, 0, b.length));
        return w.announce(m);
    }

    @Test
    void aNewGrandmasterIdentityIsAChangeAndAQualityChangeIsNot() {
        long port = 0x001122FFFE334455L;
        assertEquals(GrandmasterWatch.Change.FIRST, announce("0a0b0cfffe0d0e0f", 6));
        assertEquals(GrandmasterWatch.Change.SAME, announce("0a0b0cfffe0d0e0f", 6));
        assertEquals(GrandmasterWatch.Change.QUALITY, announce("0a0b0cfffe0d0e0f", 7));
        assertEquals(0, w.changes(port, 1, 24));
        assertEquals(GrandmasterWatch.Change.GRANDMASTER, announce("1a0b0cfffe0d0e0f", 7));
        assertEquals(1, w.changes(port, 1, 24));
        assertEquals(0x0A0B0CFFFE0D0E0FL, w.previousGrandmaster(port, 1, 24));
        assertEquals(0, w.changes(port, 1, 0)); // another domain: never seen
    }
}
