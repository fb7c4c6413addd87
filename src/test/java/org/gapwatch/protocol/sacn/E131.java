package org.gapwatch.protocol.sacn;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Builds E1.31-2018 packets as the standard lays them out (Table 4-1, 4-2, 4-3). */
final class E131 {
    static final long CID_HIGH = 0x1122334455667788L, CID_LOW = 0x99aabbccddeeff00L;

    private E131() {
    }

    private static ByteBuffer root(int length, int vector, long cidHigh, long cidLow) {
        ByteBuffer b = ByteBuffer.allocate(length);
        b.putShort((short) 0x0010).putShort((short) 0).put("ASC-E1.17".getBytes(StandardCharsets.US_ASCII))
                .put(new byte[3]).putShort((short) (0x7000 | (length - 16))).putInt(vector)
                .putLong(cidHigh).putLong(cidLow);
        return b;
    }

    static byte[] data(long cidHigh, long cidLow, String name, int priority, int sync, int seq, int options,
                       int universe, int startCode, byte[] slots) {
        int length = 126 + slots.length;
        ByteBuffer b = root(length, E131Packet.VECTOR_ROOT_DATA, cidHigh, cidLow);
        byte[] n = new byte[64];
        byte[] t = name.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(t, 0, n, 0, Math.min(64, t.length));
        b.putShort((short) (0x7000 | (length - 38))).putInt(E131Packet.VECTOR_DATA_PACKET).put(n)
                .put((byte) priority).putShort((short) sync).put((byte) seq).put((byte) options)
                .putShort((short) universe);
        b.putShort((short) (0x7000 | (length - 115))).put((byte) 2).put((byte) 0xa1).putShort((short) 0)
                .putShort((short) 1).putShort((short) (slots.length + 1)).put((byte) startCode).put(slots);
        return b.array();
    }

    static byte[] data(int universe, int seq, int options) {
        return data(CID_HIGH, CID_LOW, "desk", 100, 0, seq, options, universe, 0, new byte[512]);
    }

    static byte[] sync(int seq, int syncAddress) {
        ByteBuffer b = root(49, E131Packet.VECTOR_ROOT_EXTENDED, CID_HIGH, CID_LOW);
        b.putShort((short) (0x7000 | 11)).putInt(E131Packet.VECTOR_EXTENDED_SYNC).put((byte) seq)
                .putShort((short) syncAddress).putShort((short) 0);
        return b.array();
    }

    static byte[] discovery(String name, int page, int last, int... universes) {
        int length = 120 + 2 * universes.length;
        ByteBuffer b = root(length, E131Packet.VECTOR_ROOT_EXTENDED, CID_HIGH, CID_LOW);
        byte[] n = new byte[64];
        byte[] t = name.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(t, 0, n, 0, t.length);
        b.putShort((short) (0x7000 | (length - 38))).putInt(E131Packet.VECTOR_EXTENDED_DISCOVERY).put(n).putInt(0);
        b.putShort((short) (0x7000 | (length - 112))).putInt(E131Packet.VECTOR_UNIVERSE_DISCOVERY_LIST)
                .put((byte) page).put((byte) last);
        for (int u : universes) {
            b.putShort((short) u);
        }
        return b.array();
    }
}
