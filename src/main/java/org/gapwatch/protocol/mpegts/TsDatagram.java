package org.gapwatch.protocol.mpegts;

/** How a datagram (or the payload of an RTP packet of payload type 33) splits into 188-byte packets. */
public final class TsDatagram {
    private TsDatagram() {
    }

    /**
     * The number of packets in {@code length} bytes, or 0 when it is not a whole, non-zero number of 188-byte
     * packets ({@link TsReject#BAD_LENGTH}).
     */
    public static int packetCount(int length) {
        return length > 0 && length % TsPacket.SIZE == 0 ? length / TsPacket.SIZE : 0;
    }

    /** Null when the bytes are a well-formed run of packets, else the whole-datagram reason. */
    public static TsReject check(byte[] b, int off, int len) {
        int n = packetCount(len);
        if (n == 0 || off < 0 || off + len > b.length) {
            return TsReject.BAD_LENGTH;
        }
        for (int i = 0; i < n; i++) {
            if (b[off + i * TsPacket.SIZE] == TsPacket.SYNC_BYTE) {
                return null;
            }
        }
        return TsReject.SYNC_LOSS;
    }
}
