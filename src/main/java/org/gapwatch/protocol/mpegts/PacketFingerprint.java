package org.gapwatch.protocol.mpegts;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A 64-bit fingerprint of one 188-byte TS packet, to tell a duplicate packet from one 16 counter values on
 * (ISO/IEC 13818-1 2.4.3.3: a duplicate repeats every byte of the original, except that its PCR, if present, may
 * carry a new valid value). So the PCR's 6 bytes (packet bytes 6 to 11, when the adaptation field has the PCR) are
 * left out; every other byte counts. Read as 23 longs and an int in four lanes, no allocation (about 20 ns a
 * packet). Two different packets share a fingerprint with a chance of about 2^-64.
 */
final class PacketFingerprint {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    /** Little-endian masks that clear packet bytes 6 and 7 (in the first long) and 8 to 11 (in the second). */
    private static final long PCR_MASK_0 = 0x0000_FFFF_FFFF_FFFFL;
    private static final long PCR_MASK_1 = 0xFFFF_FFFF_0000_0000L;
    private static final long K1 = 0x9E37_79B9_7F4A_7C15L;
    private static final long K2 = 0xC2B2_AE3D_27D4_EB4FL;

    private PacketFingerprint() {
    }

    static long of(TsPacket p) {
        byte[] b = p.bytes();
        int o = p.offset();
        long first = (long) LONGS.get(b, o);
        long second = (long) LONGS.get(b, o + 8);
        if (p.hasPcr()) {
            first &= PCR_MASK_0;
            second &= PCR_MASK_1;
        }
        // Four independent lanes over longs 0-19 (so the multiplies overlap), then longs 20-22 and the last int.
        long h0 = round(K1, first);
        long h1 = round(K2, second);
        long h2 = round(K1 ^ K2, (long) LONGS.get(b, o + 16));
        long h3 = round(K1 + K2, (long) LONGS.get(b, o + 24));
        for (int i = o + 32; i < o + 160; i += 32) {
            h0 = round(h0, (long) LONGS.get(b, i));
            h1 = round(h1, (long) LONGS.get(b, i + 8));
            h2 = round(h2, (long) LONGS.get(b, i + 16));
            h3 = round(h3, (long) LONGS.get(b, i + 24));
        }
        h0 = round(h0, (long) LONGS.get(b, o + 160));
        h1 = round(h1, (long) LONGS.get(b, o + 168));
        h2 = round(h2, (long) LONGS.get(b, o + 176));
        h3 = round(h3, (int) INTS.get(b, o + 184) & 0xFFFF_FFFFL);
        long h = round(round(round(round(0, h0), h1), h2), h3);
        // Final avalanche (the murmur3 fmix64 constants).
        h ^= h >>> 33;
        h *= 0xFF51_AFD7_ED55_8CCDL;
        h ^= h >>> 33;
        h *= 0xC4CE_B9FE_1A85_EC53L;
        return h ^ h >>> 33;
    }

    private static long round(long h, long v) {
        return Long.rotateLeft(h ^ v * K1, 31) * K2;
    }
}
