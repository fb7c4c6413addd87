package org.gapwatch.protocol.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.gapwatch.protocol.DecodeResult;
import org.gapwatch.protocol.Protocols;
import org.gapwatch.protocol.SequenceSpace;
import org.gapwatch.protocol.Subscription;
import org.gapwatch.protocol.Update;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The RTP decoder byte by byte: every reject reason, names from RTCP, jitter, the payload type 33 hook. */
class RtpDecoderTest {
    private static final int PORT = 5004;
    private static final long T0 = 1_700_000_000_000_000_000L;
    private final RtpDecoder decoder = new RtpDecoder("239.1.1.1:5004", PORT, 0, null);

    private DecodeResult decode(String hex) {
        byte[] b = HexFormat.of().parseHex(hex.replace(" ", ""));
        return decoder.decode(b, 0, b.length, PORT, T0);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // V=2 P=0 X=0 CC=0 | M=0 PT=96 | seq | timestamp | SSRC
            "eleven bytes, rtp/too-short, 8060 0001 00000000 000000",
            "empty, rtp/too-short, ''",
            "version 1, rtp/bad-version, 4060 0001 00000000 11223344",
            "version 0, rtp/bad-version, 0060 0001 00000000 11223344",
            "version 3, rtp/bad-version, c060 0001 00000000 11223344",
            "CC=1 without the CSRC, rtp/bad-csrc-count, 8160 0001 00000000 11223344",
            "CC=2 with one CSRC, rtp/bad-csrc-count, 8260 0001 00000000 11223344 55667788",
            "X=1 without the extension header, rtp/bad-extension, 9060 0001 00000000 11223344 bede",
            "extension length 1 without its word, rtp/bad-extension, 9060 0001 00000000 11223344 bede0001",
            "padding count 0, rtp/bad-padding, a060 0001 00000000 11223344 aabbcc00",
            "padding count beyond the payload, rtp/bad-padding, a060 0001 00000000 11223344 aabbcc05",
            "padding without payload, rtp/bad-padding, a060 0001 00000000 11223344",
    })
    void rejectsWithItsReason(String name, String code, String hex) {
        DecodeResult r = decode(hex);
        assertEquals(code, r.rejection() == null ? null : r.rejection().code(), name);
        assertEquals("rtp", r.rejection().protocol());
        assertEquals(0, r.count());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "no payload, 8060 0001 00000000 11223344",
            "one CSRC, 8160 0001 00000000 11223344 55667788",
            "empty extension, 9060 0001 00000000 11223344 bede0000",
            "extension of one word, 9060 0001 00000000 11223344 bede0001 01020304 ff",
            "padding of 4 after 1 payload byte, a060 0001 00000000 11223344 aa000004 00000004",
    })
    void acceptsTheEdgesOfAValidHeader(String name, String hex) {
        DecodeResult r = decode(hex);
        assertNull(r.rejection(), name);
        assertEquals(1, r.count());
        Update u = r.get(0);
        assertEquals("rtp/239.1.1.1:5004/11223344", u.src());
        assertEquals(1, u.seq());
        assertEquals("rtp", u.protocol());
        assertSame(SequenceSpace.RTP_16, u.space());
    }

    @Test
    void anRtcpPacketOfAnotherVersionOrTooLongIsRejected() {
        byte[] b = HexFormat.of().parseHex("40c80006" + "11223344");
        assertEquals("rtp/bad-rtcp", decoder.decode(b, 0, b.length, PORT + 1, T0).rejection().code());
        byte[] longer = HexFormat.of().parseHex("80c80006" + "11223344");
        assertEquals("rtp/bad-rtcp", decoder.decode(longer, 0, longer.length, PORT + 1, T0).rejection().code());
        byte[] empty = new byte[0];
        assertEquals("rtp/bad-rtcp", decoder.decode(empty, 0, 0, PORT + 1, T0).rejection().code());
    }

    @Test
    void theCnameFromRtcpRenamesTheSsrcOnce() {
        byte[] b = new byte[1500];
        int n = RtpWriter.rtp(b, 0, 96, false, 7, 1000, 0x0a0b0c0d, 20);
        assertEquals("rtp/239.1.1.1:5004/0a0b0c0d", decoder.decode(b, 0, n, PORT, T0).get(0).src());
        int m = RtpWriter.senderReportWithCname(b, 0, 0x0a0b0c0d, 1, 2, 3, 4, "cam-1@studio/a");
        DecodeResult rtcp = decoder.decode(b, 0, m, PORT + 1, T0);
        assertNull(rtcp.rejection());
        assertEquals(0, rtcp.count());
        n = RtpWriter.rtp(b, 0, 96, false, 8, 1000, 0x0a0b0c0d, 20);
        Update u = decoder.decode(b, 0, n, PORT, T0).get(0);
        assertEquals("rtp/239.1.1.1:5004/cam-1@studio_a", u.src());
        assertEquals("rtp/239.1.1.1:5004/0a0b0c0d", u.previousSrc());
        n = RtpWriter.rtp(b, 0, 96, false, 9, 1000, 0x0a0b0c0d, 20);
        assertNull(decoder.decode(b, 0, n, PORT, T0).get(0).previousSrc());
        // A second SSRC with the same CNAME (audio beside video) keeps its SSRC in the name.
        m = RtpWriter.senderReportWithCname(b, 0, 0x01020304, 1, 2, 3, 4, "cam-1@studio/a");
        decoder.decode(b, 0, m, PORT + 1, T0);
        n = RtpWriter.rtp(b, 0, 97, false, 1, 1000, 0x01020304, 20);
        assertEquals("rtp/239.1.1.1:5004/cam-1@studio_a#01020304", decoder.decode(b, 0, n, PORT, T0).get(0).src());
    }

    @Test
    void rtcpMultiplexedOnTheRtpPortIsNotTakenForRtp() {
        byte[] b = new byte[200];
        int m = RtpWriter.senderReportWithCname(b, 0, 5, 1, 2, 3, 4, "x");
        DecodeResult r = decoder.decode(b, 0, m, PORT, T0);
        assertNull(r.rejection());
        assertEquals(0, r.count());
    }

    @Test
    void jitterIsZeroForPerfectPacingAndFollowsRfc3550ForAKnownClock() {
        // PT 0 (PCMU, 8000 Hz), a packet every 20 ms = 160 timestamp units: no jitter.
        byte[] b = new byte[200];
        Update u = null;
        for (int i = 0; i <= 60; i++) {
            int n = RtpWriter.rtp(b, 0, 0, false, i, 160L * i, 42, 160);
            u = decoder.decode(b, 0, n, PORT, T0 + i * 20_000_000L).get(0);
        }
        assertTrue(u.text().startsWith("PT 0 · 50.0 pkt/s · marker 0.0/s · jitter 0.00 ms"), u.text());
        // 172 bytes every 20 ms over the second: 68.8 kbit/s.
        assertEquals(68.8, u.number(), 1e-9);
        assertEquals("kbit/s", u.unit());
        // One packet 10 ms late: |D| = 80 units, J = 80/16 = 5 units = 0.625 ms.
        RtpDecoder d = new RtpDecoder("g:1", PORT, 0, null);
        for (int i = 0; i < 2; i++) {
            int n = RtpWriter.rtp(b, 0, 0, false, i, 160L * i, 43, 160);
            d.decode(b, 0, n, PORT, T0 + i * 20_000_000L);
        }
        int n = RtpWriter.rtp(b, 0, 0, false, 2, 320, 43, 160);
        d.decode(b, 0, n, PORT, T0 + 50_000_000L);
        RtpDecoder.Ssrc s = d.ssrcState(43);
        assertEquals(5.0, s.jitter, 1e-6);
    }

    @Test
    void aDynamicPayloadTypeHasNoClockUnlessTheSubscriptionGivesOne() {
        byte[] b = new byte[200];
        int n = RtpWriter.rtp(b, 0, 96, false, 1, 0, 42, 10);
        assertTrue(decoder.decode(b, 0, n, PORT, T0).get(0).text().endsWith("jitter: clock unknown"));
        var withClock = Protocols.decoder(new Subscription("rtp", "239.1.1.1", PORT,
                java.util.Map.of("clock", "90000")));
        assertTrue(withClock.decode(b, 0, n, PORT, T0).get(0).text().endsWith("jitter 0.00 ms"));
    }

    @Test
    void payloadType33HandsThePayloadToTheTransportStreamDecoder() {
        byte[] b = new byte[12 + 188];
        int[] seen = new int[2];
        RtpDecoder d = new RtpDecoder("g:1", PORT, 0, (data, off, len, port, nanos) -> {
            seen[0] = off;
            seen[1] = len;
            DecodeResult inner = new DecodeResult(1);
            inner.reset();
            inner.next().src("mpegts/g:1").seq(3).protocol("mpegts").lane(0x100)
                    .space(SequenceSpace.MPEGTS_CC_4);
            return inner;
        });
        int n = RtpWriter.rtp(b, 0, 33, false, 1, 0, 42, 188);
        DecodeResult r = d.decode(b, 0, n, PORT, T0);
        assertEquals(12, seen[0]);
        assertEquals(188, seen[1]);
        assertEquals(2, r.count());
        assertEquals("mpegts/g:1", r.get(1).src());
        assertEquals(0x100, r.get(1).lane());
    }

    @Test
    void theRegistryFindsRtpAndDefaultsToJson() {
        assertEquals("rtp", Protocols.get("rtp").scheme());
        assertEquals("json", Protocols.get("json").scheme());
        assertEquals("json", Protocols.schemes().get(0));
    }
}
