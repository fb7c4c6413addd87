package org.gapwatch.protocol.mpegts;

import java.util.HexFormat;

/** Builds transport stream packets for tests, header field by field. */
final class Ts {
    /** Packets ffmpeg 7 writes (mpegts muxer, -metadata service_name="Gapwatch Test" service_provider="Wire"). */
    static final String FFMPEG_SDT = "474011100042f0270001c10000ff01ff0001fc801648140104576972650d4761707761746368"
            + "2054657374f74f51bf";
    static final String FFMPEG_PAT = "474000100000b00d0001c100000001f0002ab104b2";
    static final String FFMPEG_PMT = "475000100002b0120001c10000e100f00002e100f0009e8b23d1";

    private Ts() {
    }

    /** A real packet from its hex head, padded with 0xFF to 188 bytes. */
    static byte[] real(String hexHead) {
        byte[] head = HexFormat.of().parseHex(hexHead);
        byte[] p = new byte[TsPacket.SIZE];
        java.util.Arrays.fill(p, (byte) 0xFF);
        System.arraycopy(head, 0, p, 0, head.length);
        return p;
    }

    /** A payload-only packet (AFC 01) with the given counter. */
    static byte[] payload(int pid, int cc) {
        return packet(pid, cc, TsPacket.AFC_PAYLOAD_ONLY, false, false, 0);
    }

    /** An adaptation-only packet (AFC 10, adaptation_field_length 183). */
    static byte[] adaptationOnly(int pid, int cc, boolean discontinuity) {
        byte[] p = packet(pid, cc, TsPacket.AFC_ADAPTATION_ONLY, false, false, 0);
        p[4] = (byte) 183;
        p[5] = (byte) (discontinuity ? 0x80 : 0);
        return p;
    }

    /** Adaptation (1 flag byte) and payload (AFC 11), with or without the discontinuity_indicator. */
    static byte[] withAdaptation(int pid, int cc, boolean discontinuity) {
        byte[] p = packet(pid, cc, TsPacket.AFC_BOTH, false, false, 0);
        p[4] = 1;
        p[5] = (byte) (discontinuity ? 0x80 : 0);
        return p;
    }

    /**
     * Adaptation with a PCR (27 MHz ticks) and payload (AFC 11): adaptation_field_length 7, PCR_flag, the PCR in
     * packet bytes 6 to 11.
     */
    static byte[] withPcr(int pid, int cc, long pcr) {
        byte[] p = packet(pid, cc, TsPacket.AFC_BOTH, false, false, 0);
        long base = pcr / 300;
        int extension = (int) (pcr % 300);
        p[4] = 7;
        p[5] = 0x10;
        p[6] = (byte) (base >> 25);
        p[7] = (byte) (base >> 17);
        p[8] = (byte) (base >> 9);
        p[9] = (byte) (base >> 1);
        p[10] = (byte) ((base & 1) << 7 | 0x7E | extension >> 8);
        p[11] = (byte) extension;
        return p;
    }

    static byte[] packet(int pid, int cc, int afc, boolean pusi, boolean tei, int scrambling) {
        byte[] p = new byte[TsPacket.SIZE];
        java.util.Arrays.fill(p, 4, p.length, (byte) 0xFF);
        p[0] = 0x47;
        p[1] = (byte) ((tei ? 0x80 : 0) | (pusi ? 0x40 : 0) | (pid >> 8 & 0x1F));
        p[2] = (byte) pid;
        p[3] = (byte) (scrambling << 6 | afc << 4 | cc & 0x0F);
        return p;
    }

    /** Packets joined into one datagram. */
    static byte[] datagram(byte[]... packets) {
        byte[] d = new byte[packets.length * TsPacket.SIZE];
        for (int i = 0; i < packets.length; i++) {
            System.arraycopy(packets[i], 0, d, i * TsPacket.SIZE, TsPacket.SIZE);
        }
        return d;
    }

    /** A PSI section with section_syntax_indicator 1 and a correct CRC: table id, id field, version, body. */
    static byte[] section(int tableId, int idField, int version, byte[] body) {
        int length = 5 + body.length + 4;
        byte[] s = new byte[3 + length];
        s[0] = (byte) tableId;
        s[1] = (byte) (0xB0 | length >> 8);
        s[2] = (byte) length;
        s[3] = (byte) (idField >> 8);
        s[4] = (byte) idField;
        s[5] = (byte) (0xC1 | version << 1);
        System.arraycopy(body, 0, s, 8, body.length);
        int crc = Crc32Mpeg2.compute(s, 0, s.length - 4);
        s[s.length - 4] = (byte) (crc >> 24);
        s[s.length - 3] = (byte) (crc >> 16);
        s[s.length - 2] = (byte) (crc >> 8);
        s[s.length - 1] = (byte) crc;
        return s;
    }

    /** One packet carrying a whole section from its start (pointer_field 0). */
    static byte[] sectionPacket(int pid, int cc, byte[] section) {
        byte[] p = packet(pid, cc, TsPacket.AFC_PAYLOAD_ONLY, true, false, 0);
        p[4] = 0;
        System.arraycopy(section, 0, p, 5, section.length);
        return p;
    }

    /** A PAT section naming one program and its PMT PID. */
    static byte[] pat(int version, int program, int pmtPid) {
        return section(0x00, 1, version, new byte[]{(byte) (program >> 8), (byte) program,
                (byte) (0xE0 | pmtPid >> 8), (byte) pmtPid});
    }

    /** A PMT section: PCR PID and elementary streams given as stream_type, PID pairs. */
    static byte[] pmt(int program, int version, int pcrPid, int... typeAndPid) {
        byte[] body = new byte[4 + typeAndPid.length / 2 * 5];
        body[0] = (byte) (0xE0 | pcrPid >> 8);
        body[1] = (byte) pcrPid;
        body[2] = (byte) 0xF0;
        body[3] = 0;
        for (int i = 0, p = 4; i < typeAndPid.length; i += 2, p += 5) {
            body[p] = (byte) typeAndPid[i];
            body[p + 1] = (byte) (0xE0 | typeAndPid[i + 1] >> 8);
            body[p + 2] = (byte) typeAndPid[i + 1];
            body[p + 3] = (byte) 0xF0;
            body[p + 4] = 0;
        }
        return section(0x02, program, version, body);
    }
}
