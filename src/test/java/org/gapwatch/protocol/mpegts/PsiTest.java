package org.gapwatch.protocol.mpegts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** PAT, PMT and SDT sections: assembled across packets, CRC-checked, parsed. */
class PsiTest {
    private static final long MS = 1_000_000L;

    @Test
    void crcOfTheCheckStringAndOfARealPat() {
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0x0376E6E7, Crc32Mpeg2.compute(check, 0, check.length));
        byte[] pat = HexFormat.of().parseHex("00b00d0001c100000001f000");
        assertEquals(0x2AB104B2, Crc32Mpeg2.compute(pat, 0, pat.length));
        byte[] whole = HexFormat.of().parseHex("00b00d0001c100000001f0002ab104b2");
        assertEquals(0, Crc32Mpeg2.compute(whole, 0, whole.length));
    }

    @Test
    void readsThePsiFfmpegWrites() {
        MpegTsStream s = new MpegTsStream();
        s.accept(Ts.datagram(Ts.real(Ts.FFMPEG_SDT), Ts.real(Ts.FFMPEG_PAT), Ts.real(Ts.FFMPEG_PMT)), 0, 3 * 188, 0,
                null);
        ProgramTable t = s.tables();
        assertEquals(1, t.transportStreamId());
        assertEquals(1, t.programCount());
        assertEquals(1, t.programNumber(0));
        assertEquals(0x1000, t.pmtPidOf(0));
        ProgramTable.Program p = t.program(1);
        assertEquals(0x100, p.pcrPid());
        assertArrayEquals(new int[]{0x100}, p.elementaryPids());
        assertArrayEquals(new int[]{0x02}, p.streamTypes()); // MPEG-2 video
        assertEquals("Gapwatch Test", t.serviceName(1));
        assertEquals("Wire", t.providerName(1));
        assertEquals(1, t.programOfPid(0x100));
        assertEquals(1, t.programOfPid(0x1000));
        assertEquals(-1, t.programOfPid(0x200));
        assertArrayEquals(new int[]{0x100}, s.referencedPids());
        assertEquals(0, s.rejected(TsReject.BAD_CRC));
    }

    @Test
    void packetsAfterAnRtpHeaderAreReadAtTheirOffset() {
        byte[] ts = Ts.datagram(Ts.real(Ts.FFMPEG_SDT), Ts.real(Ts.FFMPEG_PAT), Ts.real(Ts.FFMPEG_PMT));
        byte[] rtp = new byte[12 + ts.length]; // RTP payload type 33: a 12-byte header, then the packets
        rtp[0] = (byte) 0x80;
        rtp[1] = 33;
        System.arraycopy(ts, 0, rtp, 12, ts.length);
        MpegTsStream s = new MpegTsStream();
        assertNull(s.accept(rtp, 12, ts.length, 0, null));
        assertEquals("Gapwatch Test", s.tables().serviceName(1));
        assertEquals(3, s.packets());
        assertEquals(TsReject.BAD_LENGTH, s.accept(rtp, 0, rtp.length, 0, null));
    }

    @Test
    void aSectionSplitOverPacketsAndAPointerFieldIntoTheNextOne() {
        // PMT of 4 elementary streams (41 bytes) split after 20 bytes; a second PAT-like start after the pointer.
        byte[] pmt = Ts.pmt(1, 0, 0x100, 0x02, 0x100, 0x03, 0x101, 0x06, 0x102, 0x1B, 0x103);
        byte[] first = Ts.packet(0x1000, 0, TsPacket.AFC_PAYLOAD_ONLY, true, false, 0);
        first[4] = (byte) (184 - 1 - 20); // pointer to the section start 20 bytes before the end
        System.arraycopy(pmt, 0, first, 188 - 20, 20);
        byte[] second = Ts.packet(0x1000, 1, TsPacket.AFC_PAYLOAD_ONLY, false, false, 0);
        System.arraycopy(pmt, 20, second, 4, pmt.length - 20);
        MpegTsStream s = new MpegTsStream();
        s.accept(Ts.sectionPacket(0, 0, Ts.pat(0, 1, 0x1000)), 0, 188, 0, null);
        // The bytes before the pointed-to start are the tail of a section this stream never saw: ignored.
        s.accept(Ts.datagram(first, second), 0, 376, MS, null);
        assertArrayEquals(new int[]{0x100, 0x101, 0x102, 0x103}, s.tables().program(1).elementaryPids());
        assertArrayEquals(new int[]{0x02, 0x03, 0x06, 0x1B}, s.tables().program(1).streamTypes());
        assertEquals(0, s.rejected(TsReject.BAD_SECTION));
    }

    @Test
    void aBadCrcIsCountedAndTheSectionIgnored() {
        byte[] pat = Ts.real(Ts.FFMPEG_PAT);
        pat[20] ^= 1; // last CRC byte
        MpegTsStream s = new MpegTsStream();
        s.accept(pat, 0, 188, 0, null);
        assertEquals(1, s.rejected(TsReject.BAD_CRC));
        assertEquals(0, s.tables().programCount());
        assertEquals(-1, s.tables().transportStreamId());
    }

    @Test
    void aPointerFieldBeyondThePacketAndAnOverlongSectionAreBadSections() {
        byte[] pointer = Ts.packet(0, 0, TsPacket.AFC_PAYLOAD_ONLY, true, false, 0);
        pointer[4] = (byte) 184; // 183 bytes follow it
        byte[] overlong = Ts.packet(0, 1, TsPacket.AFC_PAYLOAD_ONLY, true, false, 0);
        overlong[4] = 0;
        overlong[5] = 0;
        overlong[6] = (byte) 0xBF; // section_length 0xFFF: 4,098 bytes in all
        overlong[7] = (byte) 0xFF;
        MpegTsStream s = new MpegTsStream();
        s.accept(Ts.datagram(pointer, overlong), 0, 376, 0, null);
        assertEquals(2, s.rejected(TsReject.BAD_SECTION));
    }

    @Test
    void aSectionThatALostPacketCutIsDropped() {
        byte[] pmt = Ts.pmt(1, 0, 0x100, 0x02, 0x100, 0x03, 0x101, 0x06, 0x102, 0x1B, 0x103);
        byte[] first = Ts.packet(0x1000, 0, TsPacket.AFC_PAYLOAD_ONLY, true, false, 0);
        first[4] = (byte) (184 - 1 - 20);
        System.arraycopy(pmt, 0, first, 188 - 20, 20);
        byte[] second = Ts.packet(0x1000, 2, TsPacket.AFC_PAYLOAD_ONLY, false, false, 0); // counter 1 lost
        System.arraycopy(pmt, 20, second, 4, pmt.length - 20);
        MpegTsStream s = new MpegTsStream();
        s.accept(Ts.sectionPacket(0, 0, Ts.pat(0, 1, 0x1000)), 0, 188, 0, null);
        s.accept(Ts.datagram(first, second), 0, 376, MS, null);
        assertNull(s.tables().program(1));
        assertEquals(1, s.continuity().lost(0x1000));
    }

    @Test
    void dvbTextTables() {
        assertEquals("BBC One", text("424243204f6e65"));
        assertEquals("Caf\u00e9", text("436166c265"));            // ISO 6937: acute accent before the letter
        assertEquals("\u00c7a", text("cb4361"));                   // cedilla
        assertEquals("a\nb", text("618a62"));                       // 0x8A: line break
        assertEquals("ab", text("61866287"));                       // emphasis codes dropped
        assertEquals("\u00e9t\u00e9", text("100001e974e9"));  // 0x10 0x00 0x01: ISO 8859-1
        assertEquals("\u0416", text("01b6"));                       // 0x01: ISO 8859-5 Cyrillic
        assertEquals("\u20ac1", text("15e282ac31"));                // 0x15: UTF-8
        assertEquals("\u00e9", text("1100e9"));                     // 0x11: UCS-2
        assertEquals("\uFFFD", text("a4"));                         // ISO 6937 specials: not handled
        assertEquals("", text(""));
    }

    private static String text(String hex) {
        byte[] b = HexFormat.of().parseHex(hex);
        return DvbText.decode(b, 0, b.length);
    }
}
