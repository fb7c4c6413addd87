package org.gapwatch.protocol.mpegts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/** The fingerprint that tells a duplicate packet (every byte repeats, the PCR aside) from another packet. */
class PacketFingerprintTest {
    private final TsPacket p = new TsPacket();

    private long of(byte[] b) {
        return PacketFingerprint.of(p.wrap(b, 0));
    }

    @Test
    void everyBitOfEveryByteCountsWithoutAPcr() {
        byte[] b = Ts.withAdaptation(0x100, 3, false);
        long original = of(b);
        for (int i = 0; i < TsPacket.SIZE; i++) {
            for (int bit = 0; bit < 8; bit++) {
                b[i] ^= (byte) (1 << bit);
                assertNotEquals(original, of(b), "byte " + i + " bit " + bit);
                b[i] ^= (byte) (1 << bit);
            }
        }
        assertEquals(original, of(b.clone()));
    }

    @Test
    void thePcrBytesDoNotCountButEveryOtherByteDoes() {
        byte[] b = Ts.withPcr(0x100, 3, 27_000_000L);
        long original = of(b);
        assertEquals(original, of(Ts.withPcr(0x100, 3, 27_000_000L + 12_345_678L)), "another PCR");
        for (int i = 0; i < TsPacket.SIZE; i++) {
            b[i] ^= 0x01;
            if (i >= 6 && i < 12) {
                assertEquals(original, of(b), "PCR byte " + i);
            } else {
                assertNotEquals(original, of(b), "byte " + i);
            }
            b[i] ^= 0x01;
        }
    }

    @Test
    void readsThePacketWhereItIsInTheDatagram() {
        byte[] d = Ts.datagram(Ts.payload(0x100, 1), Ts.payload(0x100, 2), Ts.payload(0x100, 1));
        assertEquals(PacketFingerprint.of(new TsPacket().wrap(d, 0)), PacketFingerprint.of(p.wrap(d, 2 * 188)));
        assertNotEquals(PacketFingerprint.of(new TsPacket().wrap(d, 0)), PacketFingerprint.of(p.wrap(d, 188)));
    }
}
