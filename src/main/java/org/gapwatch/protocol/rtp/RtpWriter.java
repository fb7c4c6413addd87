package org.gapwatch.protocol.rtp;

import java.nio.charset.StandardCharsets;

/** Writes RTP packets and RTCP sender reports with SDES CNAME into a buffer: for {@code publish} and tests. */
public final class RtpWriter {
    private RtpWriter() {
    }

    /**
     * An RTP packet (version 2, no padding, extension or CSRC) with {@code payloadBytes} of payload (zeros at
     * {@code off + 12}); returns its length.
     */
    public static int rtp(byte[] b, int off, int payloadType, boolean marker, int seq, long timestamp, int ssrc,
                          int payloadBytes) {
        b[off] = (byte) 0x80;
        b[off + 1] = (byte) ((marker ? 0x80 : 0) | (payloadType & 0x7F));
        put16(b, off + 2, seq);
        put32(b, off + 4, timestamp);
        put32(b, off + 8, ssrc);
        java.util.Arrays.fill(b, off + 12, off + 12 + payloadBytes, (byte) 0);
        return 12 + payloadBytes;
    }

    /** A compound RTCP packet: a sender report without report blocks, then SDES with one CNAME; its length. */
    public static int senderReportWithCname(byte[] b, int off, int ssrc, long ntpSeconds, long rtpTimestamp,
                                            long packets, long octets, String cname) {
        // SR: V=2, RC=0, PT=200, length 6 (28 bytes).
        b[off] = (byte) 0x80;
        b[off + 1] = (byte) 200;
        put16(b, off + 2, 6);
        put32(b, off + 4, ssrc);
        put32(b, off + 8, ntpSeconds);
        put32(b, off + 12, 0);
        put32(b, off + 16, rtpTimestamp);
        put32(b, off + 20, packets);
        put32(b, off + 24, octets);
        int p = off + 28;
        byte[] name = cname.getBytes(StandardCharsets.UTF_8);
        int items = 2 + name.length + 1; // CNAME item, then the end item
        int chunk = 4 + ((items + 3) / 4) * 4;
        b[p] = (byte) 0x81; // V=2, SC=1
        b[p + 1] = (byte) 202;
        put16(b, p + 2, chunk / 4);
        put32(b, p + 4, ssrc);
        b[p + 8] = 1;
        b[p + 9] = (byte) name.length;
        System.arraycopy(name, 0, b, p + 10, name.length);
        java.util.Arrays.fill(b, p + 10 + name.length, p + 4 + chunk, (byte) 0);
        return 28 + 4 + chunk;
    }

    private static void put16(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 8);
        b[i + 1] = (byte) v;
    }

    private static void put32(byte[] b, int i, long v) {
        b[i] = (byte) (v >>> 24);
        b[i + 1] = (byte) (v >>> 16);
        b[i + 2] = (byte) (v >>> 8);
        b[i + 3] = (byte) v;
    }
}
