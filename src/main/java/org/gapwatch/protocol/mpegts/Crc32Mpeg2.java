package org.gapwatch.protocol.mpegts;

/**
 * CRC-32/MPEG-2 (ISO/IEC 13818-1 Annex A): polynomial 0x04C11DB7, initial 0xFFFFFFFF, not reflected, no final XOR.
 * Over a whole section including its CRC_32 field the result is 0. Check value of "123456789": 0x0376E6E7.
 */
public final class Crc32Mpeg2 {
    private static final int[] TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int c = i << 24;
            for (int k = 0; k < 8; k++) {
                c = (c & 0x80000000) != 0 ? (c << 1) ^ 0x04C11DB7 : c << 1;
            }
            TABLE[i] = c;
        }
    }

    private Crc32Mpeg2() {
    }

    public static int compute(byte[] b, int off, int len) {
        int crc = 0xFFFFFFFF;
        for (int i = off; i < off + len; i++) {
            crc = (crc << 8) ^ TABLE[((crc >>> 24) ^ b[i]) & 0xFF];
        }
        return crc;
    }
}
