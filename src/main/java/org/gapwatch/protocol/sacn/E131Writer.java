package org.gapwatch.protocol.sacn;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Writes E1.31-2018 data packets (Tables 4-1 and 6-1): for the demo and benchmarks. */
public final class E131Writer {
    private E131Writer() {
    }

    /** A data packet with START code 0 and {@code slots} (up to 512) into {@code into}; returns its length. */
    public static int data(byte[] into, long cidHigh, long cidLow, String sourceName, int priority, int sequence,
                           int options, int universe, byte[] slots, int slotCount) {
        int length = E131Packet.DATA_MIN + slotCount;
        ByteBuffer b = ByteBuffer.wrap(into, 0, length);
        b.putShort((short) 0x0010).putShort((short) 0).put("ASC-E1.17".getBytes(StandardCharsets.US_ASCII))
                .put(new byte[3]).putShort((short) (0x7000 | (length - 16))).putInt(E131Packet.VECTOR_ROOT_DATA)
                .putLong(cidHigh).putLong(cidLow);
        byte[] name = new byte[64];
        byte[] t = sourceName.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(t, 0, name, 0, Math.min(63, t.length));
        b.putShort((short) (0x7000 | (length - 38))).putInt(E131Packet.VECTOR_DATA_PACKET).put(name)
                .put((byte) priority).putShort((short) 0).put((byte) sequence).put((byte) options)
                .putShort((short) universe);
        b.putShort((short) (0x7000 | (length - 115))).put((byte) E131Packet.VECTOR_DMP_SET_PROPERTY)
                .put((byte) 0xa1).putShort((short) 0).putShort((short) 1).putShort((short) (slotCount + 1))
                .put((byte) 0).put(slots, 0, slotCount);
        return length;
    }
}
