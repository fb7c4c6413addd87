package org.gapwatch.protocol.mpegts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every header field of a packet read from its exact bits. */
class TsPacketTest {
    private final TsPacket p = new TsPacket();

    @Test
    void readsEachHeaderBitWhereTheStandardPutsIt() {
        byte[] b = new byte[2 + TsPacket.SIZE];
        // At offset 2: sync, TEI=1 PUSI=0 priority=1 PID=0x1ABC, scrambling=10 AFC=01 CC=0xD.
        b[2] = 0x47;
        b[3] = (byte) 0xBA;
        b[4] = (byte) 0xBC;
        b[5] = (byte) 0x9D;
        p.wrap(b, 2);
        assertEquals(2, p.offset());
        assertTrue(p.syncOk());
        assertEquals(0x47, p.syncByte());
        assertTrue(p.transportError());
        assertFalse(p.payloadUnitStart());
        assertTrue(p.transportPriority());
        assertEquals(0x1ABC, p.pid());
        assertEquals(2, p.scrambling());
        assertEquals(TsPacket.AFC_PAYLOAD_ONLY, p.adaptationFieldControl());
        assertEquals(13, p.continuityCounter());
        assertTrue(p.hasPayload());
        assertFalse(p.hasAdaptation());
        assertEquals(-1, p.adaptationLength());
        assertTrue(p.layoutValid());
        assertEquals(6, p.payloadOffset());
        assertEquals(184, p.payloadLength());
        assertFalse(p.discontinuity());
        assertFalse(p.hasPcr());
        assertEquals(-1, p.pcr());
    }

    @Test
    void pusiAndTheOtherBitsClear() {
        byte[] b = Ts.packet(0x0100, 0, TsPacket.AFC_PAYLOAD_ONLY, true, false, 0);
        p.wrap(b, 0);
        assertTrue(p.payloadUnitStart());
        assertFalse(p.transportError());
        assertFalse(p.transportPriority());
        assertEquals(0x0100, p.pid());
        assertEquals(0, p.scrambling());
        assertEquals(0, p.continuityCounter());
    }

    @Test
    void readsThePcrAndTheAdaptationFlags() {
        // PCR base 0x1_2345_6789 (33 bits), 6 reserved bits, extension 0x123 (9 bits).
        byte[] b = Ts.withPcr(0x0100, 7, 0x123456789L * 300 + 0x123);
        assertEquals(7, b[4]);  // adaptation_field_length
        b[5] = (byte) 0xD0;     // discontinuity, random access, PCR_flag
        p.wrap(b, 0);
        assertEquals(7, p.adaptationLength());
        assertTrue(p.discontinuity());
        assertTrue(p.randomAccess());
        assertTrue(p.hasPcr());
        assertEquals(0x123456789L, p.pcrBase());
        assertEquals(0x123, p.pcrExtension());
        assertEquals(0x123456789L * 300 + 0x123, p.pcr());
        assertEquals(12, p.payloadOffset());
        assertEquals(176, p.payloadLength());
    }

    @Test
    void aPcrFlagWithoutRoomForThePcrIsNoPcr() {
        byte[] b = Ts.packet(0x0100, 0, TsPacket.AFC_BOTH, false, false, 0);
        b[4] = 6;
        b[5] = 0x10;
        p.wrap(b, 0);
        assertFalse(p.hasPcr());
        assertEquals(-1, p.pcrBase());
        assertEquals(-1, p.pcrExtension());
    }

    @Test
    void anEmptyAdaptationFieldHasNoFlags() {
        byte[] b = Ts.packet(0x0100, 0, TsPacket.AFC_BOTH, false, false, 0);
        b[4] = 0;
        b[5] = (byte) 0x80; // first payload byte, not a flag byte
        p.wrap(b, 0);
        assertFalse(p.discontinuity());
        assertEquals(5, p.payloadOffset());
        assertEquals(183, p.payloadLength());
    }

    @ParameterizedTest(name = "AFC {0}, adaptation_field_length {1}: valid {2}, payload {3}")
    @CsvSource({"0,0,false,0", "1,0,true,184", "2,183,true,0", "2,182,false,0", "2,184,false,0", "3,0,true,183",
            "3,182,true,1", "3,183,false,0", "3,255,false,0"})
    void layoutFollowsTheAdaptationFieldRules(int afc, int length, boolean valid, int payload) {
        byte[] b = Ts.packet(0x0100, 0, afc, false, false, 0);
        b[4] = (byte) length;
        p.wrap(b, 0);
        assertEquals(valid, p.layoutValid());
        assertEquals(payload, p.payloadLength());
    }

    @ParameterizedTest(name = "{0} bytes: {1} packets")
    @CsvSource({"0,0", "187,0", "188,1", "189,0", "1316,7", "1315,0", "1504,8"})
    void aDatagramIsAWholeNumberOfPackets(int length, int packets) {
        assertEquals(packets, TsDatagram.packetCount(length));
    }

    @Test
    void aDatagramWithoutAnySyncByteIsSyncLossAndAShortOneBadLength() {
        assertEquals(TsReject.BAD_LENGTH, TsDatagram.check(new byte[200], 0, 200));
        assertEquals(TsReject.BAD_LENGTH, TsDatagram.check(new byte[188], 1, 188));
        assertEquals(TsReject.SYNC_LOSS, TsDatagram.check(new byte[376], 0, 376));
        byte[] d = new byte[376];
        d[188] = 0x47;
        assertEquals(null, TsDatagram.check(d, 0, 376));
        assertEquals("mpegts/sync-loss", TsReject.SYNC_LOSS.code());
        assertEquals("mpegts/bad-length", TsReject.BAD_LENGTH.code());
    }
}
