package org.gapwatch.protocol.rtps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RTPS header and submessages in both byte orders, byte by byte; SEDP names; reject reasons; hostile input. */
class RtpsReaderTest {
    private static final Guid W = new Guid(Rtps.PREFIX_HIGH, Rtps.PREFIX_LOW, Rtps.WRITER);

    /** Records what the sink saw, as text. */
    static final class Seen implements RtpsSink {
        final List<String> events = new ArrayList<>();

        @Override
        public void data(Submessage s) {
            String what = s.kind() == Submessage.DATA ? "DATA" : "DATA_FRAG";
            String ts = s.hasTimestamp() ? " ts " + s.timestampSeconds() + "+" + s.timestampFraction() : "";
            String dst = s.hasDestination() ? " dst " + Long.toHexString(s.destinationPrefixHigh()) : "";
            String frag = s.kind() == Submessage.DATA_FRAG ? " frag " + s.fragmentStart() + "x"
                    + s.fragmentsInSubmessage() + "/" + s.fragmentSize() + " of " + s.sampleSize() : "";
            events.add(what + " " + s.writer() + " #" + s.sequence() + ts + dst + frag + " payload "
                    + s.payloadLength());
        }

        @Override
        public void heartbeat(Submessage s) {
            events.add("HEARTBEAT " + s.writer() + " " + s.firstSequence() + ".." + s.lastSequence() + " count "
                    + s.heartbeatCount());
        }

        @Override
        public void gap(Submessage s) {
            StringBuilder bits = new StringBuilder();
            for (int i = 0; i < s.numBits(); i++) {
                bits.append(s.bit(i) ? '1' : '0');
            }
            events.add("GAP " + s.gapStart() + " base " + s.bitmapBase() + " bits " + bits);
        }
    }

    @Test
    void aDataMessageByteByByte() {
        byte[] d = HexFormat.of().parseHex(""
                + "52545053" + "0201" + "0110"                     // RTPS 2.1, vendor Cyclone DDS
                + "0110aabbccdd000100000002"                       // GUID prefix
                + "09" + "01" + "0800" + "64000000" + "00000080"    // INFO_TS LE: 100 s + 2^31 / 2^32
                + "15" + "05" + "1c00"                              // DATA LE, flags E|D, 28 bytes
                + "0000" + "1000" + "00000000" + "00000102"         // extraFlags, octetsToInlineQos 16, ids
                + "00000000" + "05000000"                           // writerSN high 0, low 5 (LE)
                + "00010000" + "2a000000");                         // payload: CDR_LE header, one int
        RtpsReader r = new RtpsReader();
        Seen s = new Seen();
        assertNull(r.read(d, 0, d.length, s));
        assertEquals(2, r.versionMajor());
        assertEquals(1, r.versionMinor());
        assertEquals(0x0110, r.vendorId());
        assertEquals(Rtps.PREFIX_HIGH, r.guidPrefixHigh());
        assertEquals(Rtps.PREFIX_LOW, r.guidPrefixLow());
        assertEquals(List.of("DATA 0110aabbccdd000100000002:00000102 #5 ts 100+2147483648 payload 8"), s.events);
        assertEquals(1, r.delivered());
    }

    @ParameterizedTest(name = "little-endian {0}")
    @ValueSource(booleans = {false, true})
    void everySubmessageInEitherByteOrder(boolean little) {
        byte[] d = new Rtps().infoDst(0x1234L, 5).infoTs(little, 7, 1 << 30).data(little, (1L << 32) + 3)
                .dataFrag(little, 9, 1, 2, 100, 1000).heartbeat(little, 1, 9, 4).gap(little, 2, 4, "101")
                .acknack(little).bytes();
        RtpsReader r = new RtpsReader();
        Seen s = new Seen();
        assertNull(r.read(d, 0, d.length, s));
        String w = W.toString();
        assertEquals(List.of(
                "DATA " + w + " #4294967299 ts 7+1073741824 dst 1234 payload 8",
                "DATA_FRAG " + w + " #9 ts 7+1073741824 dst 1234 frag 1x2/100 of 1000 payload 200",
                "HEARTBEAT " + w + " 1..9 count 4",
                "GAP 2 base 4 bits 101"), s.events);
        assertEquals(1, r.skipped(), "ACKNACK");
    }

    @Test
    void infoSrcChangesTheWriterPrefixAndInlineQosIsSkippedToThePayload() {
        byte[] d = new Rtps().infoSrc(0x77L, 8).dataWithInlineQos(false, 3, new byte[]{0, 1, 0, 0, 9, 9})
                .bytes();
        Seen s = new Seen();
        assertNull(new RtpsReader().read(d, 0, d.length, s));
        assertEquals(List.of("DATA 000000000000007700000008:00000102 #3 payload 6"), s.events);
    }

    @Test
    void aZeroLengthLastSubmessageRunsToTheEnd() {
        byte[] d = new Rtps().data(false, 2).bytes();
        d[20 + 2] = 0;
        d[20 + 3] = 0; // octetsToNextHeader 0
        Seen s = new Seen();
        assertNull(new RtpsReader().read(d, 0, d.length, s));
        assertEquals(1, s.events.size());
    }

    @Test
    void sedpPublicationNamesTopicTypeAndWriterInEitherByteOrder() {
        Guid described = new Guid(0x0110aabbccdd0001L, 2, 0x00000102);
        for (boolean little : new boolean[]{false, true}) {
            byte[] d = new Rtps().data(little, Guid.SEDP_PUBLICATIONS_WRITER, 1,
                    Rtps.sedp(little, described, "KeyedSeq", "KeyedSeq_t")).bytes();
            List<SedpPublication> got = new ArrayList<>();
            assertNull(new RtpsReader().read(d, 0, d.length, new RtpsSink() {
                @Override
                public void data(Submessage s) {
                    got.add(SedpPublication.of(s));
                }
            }));
            assertEquals(List.of(new SedpPublication(described, "KeyedSeq", "KeyedSeq_t")), got);
        }
        assertNull(SedpPublication.parse(new byte[]{0, 1, 0, 0}, 0, 4), "CDR_LE, not a parameter list");
        byte[] bad = Rtps.sedp(true, described, "T", "U");
        bad[15] = (byte) 0x7f; // PID_TOPIC_NAME's length (LE, bytes 14-15) beyond the payload
        assertNull(SedpPublication.parse(bad, 0, bad.length));
    }

    @Test
    void rejectReasons() {
        RtpsReader r = new RtpsReader();
        Seen s = new Seen();
        byte[] ok = new Rtps().data(false, 1).bytes();
        assertEquals(RtpsReject.TOO_SHORT, r.read(ok, 0, 19, s));
        byte[] magic = ok.clone();
        magic[0] = 'X';
        assertEquals(RtpsReject.BAD_MAGIC, r.read(magic, 0, magic.length, s));
        byte[] version = ok.clone();
        version[4] = 1;
        assertEquals(RtpsReject.BAD_VERSION, r.read(version, 0, version.length, s));
        assertEquals(RtpsReject.BAD_SUBMESSAGE, r.read(ok, 0, ok.length - 1, s), "the DATA reaches beyond");
        byte[] shortData = new Rtps().sub(Submessage.DATA, 0, false, new byte[12]).bytes();
        assertEquals(RtpsReject.BAD_SUBMESSAGE, r.read(shortData, 0, shortData.length, s));
        s.events.clear();
        byte[] trailing = new Rtps().data(false, 1).raw((byte) 1, (byte) 0).bytes();
        assertEquals(RtpsReject.BAD_SUBMESSAGE, r.read(trailing, 0, trailing.length, s));
        assertEquals(1, s.events.size(), "the DATA before a bad submessage stands");
        s.events.clear();
        byte[] zero = new Rtps().data(false, 0).heartbeat(false, 5, 3, 1).gap(false, 1, 2, "1".repeat(257))
                .data(false, 2).bytes();
        assertEquals(RtpsReject.BAD_SEQUENCE, r.read(zero, 0, zero.length, s));
        assertEquals(3, r.badSequences());
        assertEquals(1, s.events.size(), "the good DATA after them is delivered");
        assertEquals("rtps/bad-sequence", RtpsReject.BAD_SEQUENCE.code());
    }

    @Test
    void randomBytesAndMutationsNeverThrow() {
        SplittableRandom rnd = new SplittableRandom(5);
        byte[] valid = new Rtps().infoTs(true, 1, 2).data(true, 3).heartbeat(false, 1, 3, 1)
                .gap(true, 1, 2, "1011").dataFrag(false, 4, 1, 1, 8, 16).bytes();
        RtpsReader r = new RtpsReader();
        WriterAccounting a = new WriterAccounting();
        RtpsSink sink = new RtpsSink() {
            @Override
            public void data(Submessage s) {
                a.data(s);
                SedpPublication.parse(s.bytes(), s.payloadOffset(), s.payloadLength());
            }

            @Override
            public void heartbeat(Submessage s) {
                a.heartbeat(s);
            }

            @Override
            public void gap(Submessage s) {
                a.gap(s);
            }
        };
        int whole = 0;
        for (int i = 0; i < 50_000; i++) {
            byte[] d;
            if (i % 2 == 0) {
                d = new byte[rnd.nextInt(0, 300)];
                rnd.nextBytes(d);
                System.arraycopy(valid, 0, d, 0, Math.min(d.length, 20));
            } else {
                d = valid.clone();
                for (int k = rnd.nextInt(1, 4); k > 0; k--) {
                    d[rnd.nextInt(20, d.length)] = (byte) rnd.nextInt(256);
                }
            }
            whole += r.read(d, 0, d.length, sink) == null ? 1 : 0;
        }
        assertTrue(whole > 0);
        assertFalse(a.writers().isEmpty());
    }
}
