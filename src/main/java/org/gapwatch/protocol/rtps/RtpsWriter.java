package org.gapwatch.protocol.rtps;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Writes RTPS messages of one writer (little-endian submessages): for the demo and benchmarks. */
public final class RtpsWriter {
    private final ByteBuffer b;
    private final long prefixHigh;
    private final int prefixLow;

    /** Messages from participant {@code prefixHigh}/{@code prefixLow} into {@code into}. */
    public RtpsWriter(byte[] into, long prefixHigh, int prefixLow) {
        b = ByteBuffer.wrap(into);
        this.prefixHigh = prefixHigh;
        this.prefixLow = prefixLow;
        reset();
    }

    /** Starts the next message: its header (the buffer may have held something else meanwhile). */
    public RtpsWriter reset() {
        b.clear().order(ByteOrder.BIG_ENDIAN);
        b.put(new byte[] {'R', 'T', 'P', 'S', 2, 1, 0x01, 0x10}).putLong(prefixHigh).putInt(prefixLow);
        return this;
    }

    /** A DATA of {@code writerId} with sequence number {@code sn} and a small CDR payload. */
    public RtpsWriter data(int writerId, long sn, int value) {
        header(Submessage.DATA, Submessage.FLAG_DATA, 20 + 8);
        b.putShort((short) 0).putShort((short) 16).order(ByteOrder.BIG_ENDIAN).putInt(0).putInt(writerId)
                .order(ByteOrder.LITTLE_ENDIAN);
        sn(sn);
        b.put(new byte[] {0, 1, 0, 0}).putInt(value);
        return this;
    }

    /** A HEARTBEAT of {@code writerId}: it wrote first..last. */
    public RtpsWriter heartbeat(int writerId, long first, long last, int count) {
        header(Submessage.HEARTBEAT, 0, 28);
        b.order(ByteOrder.BIG_ENDIAN).putInt(0).putInt(writerId).order(ByteOrder.LITTLE_ENDIAN);
        sn(first);
        sn(last);
        b.putInt(count);
        return this;
    }

    public int length() {
        return b.position();
    }

    private void header(int id, int flags, int length) {
        b.order(ByteOrder.LITTLE_ENDIAN).put((byte) id).put((byte) (flags | Submessage.FLAG_ENDIAN))
                .putShort((short) length);
    }

    private void sn(long sn) {
        b.putInt((int) (sn >> 32)).putInt((int) sn);
    }
}
