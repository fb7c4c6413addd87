package org.gapwatch.protocol.ptp;

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

/** The IEEE 1588-2008 header and Announce body, field by field from their exact bytes, and every reject reason. */
class PtpMessageTest {
    /**
     * An Announce: transportSpecific 1, type 0xB, version 2, length 64, domain 24, flags 0x0208 (twoStep,
     * ptpTimescale), correction 0x0000000000018000 (1.5 ns), clock 001122.fffe.334455 port 1, sequence 0xABCD,
     * control 5, interval 1; origin 0x000012345678 s 999999999 ns, UTC offset 37, priority1 128, class 6,
     * accuracy 0x21, variance 0x4E5D, priority2 127, grandmaster 0a0b0c.fffe.0d0e0f, steps 1, time source GPS.
     */
    static final String ANNOUNCE = "1b020040180002080000000000018000" + "00000000" + "001122fffe334455" + "0001"
            + "abcd" + "05" + "01" + "000012345678" + "3b9ac9ff" + "0025" + "00" + "80" + "06" + "21" + "4e5d" + "7f"
            + "0a0b0cfffe0d0e0f" + "0001" + "20";

    private final PtpMessage m = new PtpMessage();

    static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    @Test
    void readsEveryHeaderField() {
        byte[] b = bytes("00" + ANNOUNCE); // at offset 1
        assertNull(m.wrap(b, 1, 64));
        assertEquals(PtpMessageType.ANNOUNCE, m.type());
        assertEquals(1, m.transportSpecific());
        assertEquals(2, m.versionPtp());
        assertEquals(64, m.messageLength());
        assertEquals(24, m.domainNumber());
        assertEquals(0x0208, m.flags());
        assertTrue(m.flag(PtpMessage.FLAG_TWO_STEP));
        assertTrue(m.flag(PtpMessage.FLAG_PTP_TIMESCALE));
        assertFalse(m.flag(PtpMessage.FLAG_UNICAST));
        assertFalse(m.flag(PtpMessage.FLAG_UTC_OFFSET_VALID));
        assertEquals(0x18000L, m.correctionField());
        assertEquals(0x001122FFFE334455L, m.clockIdentity());
        assertEquals("001122.fffe.334455", PtpMessage.clockIdentityText(m.clockIdentity()));
        assertEquals(1, m.portNumber());
        assertEquals(0xABCD, m.sequenceId());
        assertEquals(5, m.controlField());
        assertEquals(1, m.logMessageInterval());
    }

    @Test
    void readsEveryAnnounceField() {
        assertNull(m.wrap(bytes(ANNOUNCE), 0, 64));
        assertEquals(0x12345678L, m.originSeconds());
        assertEquals(999_999_999L, m.originNanoseconds());
        assertEquals(37, m.currentUtcOffset());
        assertEquals(128, m.grandmasterPriority1());
        assertEquals(6, m.clockClass());
        assertEquals(0x21, m.clockAccuracy());
        assertEquals(0x4E5D, m.offsetScaledLogVariance());
        assertEquals(127, m.grandmasterPriority2());
        assertEquals(0x0A0B0CFFFE0D0E0FL, m.grandmasterIdentity());
        assertEquals(1, m.stepsRemoved());
        assertEquals(0x20, m.timeSource());
        assertEquals("GPS", PtpMessage.timeSourceName(m.timeSource()));
        assertEquals("0x99", PtpMessage.timeSourceName(0x99));
    }

    @Test
    void signedFields() {
        byte[] b = bytes(ANNOUNCE);
        b[8] = (byte) 0xFF; // correctionField 0xFF00...018000: negative
        b[33] = (byte) 0xFD; // logMessageInterval -3: 8 a second
        b[44] = (byte) 0xFF; // currentUtcOffset -1
        b[45] = (byte) 0xFF;
        assertNull(m.wrap(b, 0, 64));
        assertEquals(0xFF00000000018000L, m.correctionField());
        assertEquals(-3, m.logMessageInterval());
        assertEquals(-1, m.currentUtcOffset());
    }

    @Test
    void announceFieldsOnlyOnAnnounce() {
        byte[] sync = bytes(ANNOUNCE.substring(0, 88));
        sync[0] = 0x10; // Sync
        sync[3] = 44;
        assertNull(m.wrap(sync, 0, 44));
        assertEquals(PtpMessageType.SYNC, m.type());
        assertThrows(IllegalStateException.class, m::grandmasterIdentity);
        assertThrows(IllegalStateException.class, m::requestingClockIdentity);
    }

    @Test
    void delayRespNamesItsRequester() {
        byte[] b = new byte[54];
        b[0] = 0x09;
        b[1] = 0x02;
        b[3] = 54;
        byte[] requester = bytes("aabbccfffeddeeff0007");
        System.arraycopy(requester, 0, b, 44, 10);
        assertNull(m.wrap(b, 0, 54));
        assertEquals(PtpMessageType.DELAY_RESP, m.type());
        assertEquals(0xAABBCCFFFEDDEEFFL, m.requestingClockIdentity());
        assertEquals(7, m.requestingPortNumber());
    }

    @ParameterizedTest(name = "type {0}: {1}, event {2}, minimum {3}")
    @CsvSource({"0,Sync,true,44", "1,Delay_Req,true,44", "2,Pdelay_Req,true,54", "3,Pdelay_Resp,true,54",
            "8,Follow_Up,false,44", "9,Delay_Resp,false,54", "10,Pdelay_Resp_Follow_Up,false,54",
            "11,Announce,false,64", "12,Signaling,false,44", "13,Management,false,48"})
    void messageTypeNames(int code, String label, boolean event, int minimum) {
        PtpMessageType t = PtpMessageType.of(code);
        assertEquals(label, t.label());
        assertEquals(event, t.event());
        assertEquals(minimum, t.minLength());
        assertEquals(code, t.code());
    }

    @ParameterizedTest(name = "type {0} is reserved")
    @CsvSource({"4", "5", "6", "7", "14", "15"})
    void reservedTypesAreUnknown(int code) {
        assertNull(PtpMessageType.of(code));
        byte[] b = bytes(ANNOUNCE);
        b[0] = (byte) (0x10 | code);
        assertEquals(PtpReject.UNKNOWN_TYPE, m.wrap(b, 0, 64));
        assertEquals("ptp/unknown-type", PtpReject.UNKNOWN_TYPE.code());
    }

    @Test
    void rejectReasons() {
        byte[] b = bytes(ANNOUNCE);
        assertEquals(PtpReject.TOO_SHORT, m.wrap(b, 0, 33));        // no whole header
        assertEquals(PtpReject.TOO_SHORT, m.wrap(b, 0, 63));        // header, but not a whole Announce body
        assertEquals(PtpReject.TOO_SHORT, m.wrap(b, 10, 64));       // offset and length beyond the array
        b[3] = 65;
        assertEquals(PtpReject.BAD_LENGTH, m.wrap(b, 0, 64));       // messageLength beyond the datagram
        b[3] = 44;
        assertEquals(PtpReject.BAD_LENGTH, m.wrap(b, 0, 64));       // messageLength shorter than an Announce
        b[3] = 64;
        b[1] = 0x01;
        assertEquals(PtpReject.BAD_VERSION, m.wrap(b, 0, 64));      // PTP version 1
        b[1] = 0x12;
        assertNull(m.wrap(b, 0, 64));                               // 1588-2019 minorVersionPTP 1: still 2
        byte[] padded = bytes(ANNOUNCE + "00000000");
        assertNull(m.wrap(padded, 0, 68));                          // datagram longer than messageLength
        assertEquals(64, m.messageLength());
        assertEquals("ptp/bad-version", PtpReject.BAD_VERSION.code());
        assertEquals("ptp/too-short", PtpReject.TOO_SHORT.code());
        assertEquals("ptp/bad-length", PtpReject.BAD_LENGTH.code());
    }

    @Test
    void anyBytesNeverThrow() {
        SplittableRandom r = new SplittableRandom(1588);
        int accepted = 0;
        for (int i = 0; i < 50_000; i++) {
            byte[] b = new byte[r.nextInt(100)];
            for (int k = 0; k < b.length; k++) {
                b[k] = (byte) r.nextInt(256);
            }
            if (b.length > 4) {
                b[1] = 2;
                b[2] = 0;
                b[3] = (byte) b.length;
            }
            if (m.wrap(b, 0, b.length) == null) {
                accepted++;
                m.sequenceId();
                if (m.type() == PtpMessageType.ANNOUNCE) {
                    m.grandmasterIdentity();
                    m.timeSource();
                }
            }
        }
        assertTrue(accepted > 1000, "accepted " + accepted);
    }
}
