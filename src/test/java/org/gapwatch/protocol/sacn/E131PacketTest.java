package org.gapwatch.protocol.sacn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** E1.31 root, framing and DMP layers byte by byte; sync and discovery; every reject reason; hostile input. */
class E131PacketTest {
    /** A data packet written out by hand from Table 4-1: universe 1, 3 slots. */
    private static final String DATA_HEX = ""
            + "0010" + "0000" + "4153432d45312e3137000000"      // preamble, post-amble, ACN packet identifier
            + "7071" + "00000004"                              // root flags+length (129 - 16), VECTOR_ROOT_E131_DATA
            + "11223344556677889900aabbccddeeff"               // CID
            + "705b" + "00000002"                              // framing flags+length, VECTOR_E131_DATA_PACKET
            + "4c6566742064657369676e" + "00".repeat(53)       // "Left design" and NULs to 64 bytes
            + "c8" + "0000" + "2a" + "80" + "0001"             // priority 200, sync 0, seq 42, preview, universe 1
            + "700e" + "02" + "a1" + "0000" + "0001" + "0004"  // DMP: flags+length, vector, type, first, incr, count
            + "00" + "ff8000";                                 // START code 0, slots 255 128 0

    @Test
    void aDataPacketByteByByte() {
        byte[] d = HexFormat.of().parseHex(DATA_HEX);
        assertEquals(129, d.length);
        E131Packet p = new E131Packet();
        assertNull(p.wrap(d, 0, d.length));
        assertEquals(E131Packet.Kind.DATA, p.kind());
        assertEquals(0x1122334455667788L, p.cidHigh());
        assertEquals(0x9900aabbccddeeffL, p.cidLow());
        assertEquals("11223344-5566-7788-9900-aabbccddeeff", p.cidText());
        assertEquals("Left design", p.sourceName());
        assertEquals(200, p.priority());
        assertEquals(0, p.syncAddress());
        assertEquals(42, p.sequence());
        assertTrue(p.preview());
        assertFalse(p.streamTerminated());
        assertFalse(p.forceSync());
        assertEquals(1, p.universe());
        assertEquals(0, p.startCode());
        assertEquals(3, p.slotCount());
        assertEquals(255, p.slot(0));
        assertEquals(128, p.slot(1));
        assertEquals(0, p.slot(2));
        assertEquals(2, p.nonZeroSlots());
        byte[] slots = new byte[512];
        assertEquals(3, p.copySlots(slots));
        assertEquals((byte) 0x80, slots[1]);
        assertThrows(IndexOutOfBoundsException.class, () -> p.slot(3));
        assertThrows(IllegalStateException.class, p::page);
    }

    @Test
    void optionsSyncAddressAndFullUniverse() {
        byte[] slots = new byte[512];
        slots[511] = 7;
        byte[] d = E131.data(1, 2, "x", 0, 7, 255, 0x60, 63999, 0xdd, slots);
        assertEquals(638, d.length);
        E131Packet p = new E131Packet();
        assertNull(p.wrap(d, 0, d.length));
        assertEquals(0, p.priority());
        assertEquals(7, p.syncAddress());
        assertEquals(255, p.sequence());
        assertTrue(p.streamTerminated());
        assertTrue(p.forceSync());
        assertFalse(p.preview());
        assertEquals(63999, p.universe());
        assertEquals(0xdd, p.startCode());
        assertEquals(512, p.slotCount());
        assertEquals(7, p.slot(511));
    }

    @Test
    void aSourceNameOfAll64BytesHasNoNul() {
        String name = "n".repeat(64);
        byte[] d = E131.data(1, 2, name, 100, 0, 0, 0, 1, 0, new byte[1]);
        E131Packet p = new E131Packet();
        assertNull(p.wrap(d, 0, d.length));
        assertEquals(name, p.sourceName());
    }

    @Test
    void syncAndDiscoveryPackets() {
        E131Packet p = new E131Packet();
        byte[] s = E131.sync(9, 7000);
        assertNull(p.wrap(s, 0, s.length));
        assertEquals(E131Packet.Kind.SYNC, p.kind());
        assertEquals(9, p.sequence());
        assertEquals(7000, p.syncAddress());
        assertEquals(E131.CID_HIGH, p.cidHigh());

        byte[] d = E131.discovery("console", 0, 1, 1, 2, 3, 10);
        assertNull(p.wrap(d, 0, d.length));
        assertEquals(E131Packet.Kind.DISCOVERY, p.kind());
        assertEquals("console", p.sourceName());
        assertEquals(0, p.page());
        assertEquals(1, p.lastPage());
        assertEquals(4, p.universeCount());
        assertEquals(10, p.listedUniverse(3));
        assertEquals(E131Packet.DISCOVERY_UNIVERSE, p.universe());
        assertThrows(IllegalStateException.class, p::sequence);
    }

    @ParameterizedTest(name = "{0} at byte {1} = {2}")
    @CsvSource({
        "sacn/bad-preamble,   1, 0x11",
        "sacn/bad-preamble,   3, 0x01",
        "sacn/bad-preamble,   8, 0x46",
        "sacn/bad-length,    16, 0x60",   // root flags not 0x7
        "sacn/bad-length,    17, 0xff",   // root length 0x2ff > 638
        "sacn/unknown-vector, 21, 0x05",  // root vector 5
        "sacn/unknown-vector, 43, 0x03",  // framing vector 3
        "sacn/bad-length,    38, 0x50",   // framing flags
        "sacn/bad-priority, 108, 0xc9",   // 201
        "sacn/bad-universe, 114, 0x00",   // universe 0
        "sacn/bad-universe, 113, 0xfa",   // 64001
        "sacn/bad-length,   115, 0x80",   // DMP flags
        "sacn/unknown-vector, 117, 0x01",
        "sacn/bad-dmp,      118, 0xa0",
        "sacn/bad-dmp,      120, 0x01",   // first property address 1
        "sacn/bad-dmp,      122, 0x02",   // increment 2
        "sacn/bad-dmp,      124, 0xff",   // count 0x2ff
        "sacn/bad-dmp,      124, 0x00",   // count 0x200 = 512: not the 513 the length has
    })
    void eachRejectReason(String code, int at, String value) {
        byte[] d = E131.data(1, 0, 0);
        d[at] = (byte) Integer.parseInt(value.substring(2), 16);
        SacnReject r = new E131Packet().wrap(d, 0, d.length);
        assertEquals(code, r == null ? null : r.code());
    }

    @Test
    void shortDatagramsAreTooShort() {
        byte[] d = E131.data(1, 0, 0);
        E131Packet p = new E131Packet();
        for (int n : new int[]{0, 37, 43, 125}) {
            SacnReject r = p.wrap(d, 0, n);
            assertTrue(r == SacnReject.TOO_SHORT || r == SacnReject.BAD_LENGTH, n + ": " + r);
        }
        assertEquals(SacnReject.TOO_SHORT, p.wrap(d, 0, 37));
        assertEquals(SacnReject.BAD_LENGTH, p.wrap(d, 0, 637), "the root length says 638");
        byte[] s = E131.sync(1, 1);
        assertEquals(SacnReject.BAD_LENGTH, p.wrap(s, 0, 48));
        assertEquals(SacnReject.TOO_SHORT, p.wrap(s, 2, 48), "beyond the array: too short, no exception");
    }

    @Test
    void randomBytesAndMutationsNeverThrow() {
        SplittableRandom rnd = new SplittableRandom(31);
        E131Packet p = new E131Packet();
        byte[] valid = E131.data(7, 3, 0);
        int accepted = 0;
        for (int i = 0; i < 50_000; i++) {
            byte[] d;
            if (i % 2 == 0) {
                d = new byte[rnd.nextInt(0, 700)];
                rnd.nextBytes(d);
                System.arraycopy(valid, 0, d, 0, Math.min(d.length, rnd.nextInt(0, 40)));
            } else {
                d = valid.clone();
                d[rnd.nextInt(d.length)] = (byte) rnd.nextInt(256);
            }
            if (p.wrap(d, 0, d.length) == null) {
                accepted++;
                if (p.kind() == E131Packet.Kind.DATA) {
                    p.sourceName();
                    p.nonZeroSlots();
                }
            }
        }
        assertTrue(accepted > 0, "mutations of slots and names stay valid");
    }
}
