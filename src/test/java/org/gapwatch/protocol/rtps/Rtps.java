package org.gapwatch.protocol.rtps;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Builds RTPS messages submessage by submessage, in either byte order per submessage. */
final class Rtps {
    static final long PREFIX_HIGH = 0x0110aabbccdd0001L;
    static final int PREFIX_LOW = 0x00000002;
    static final int WRITER = 0x00000102; // user writer, with key

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Rtps() {
        this(PREFIX_HIGH, PREFIX_LOW);
    }

    Rtps(long prefixHigh, int prefixLow) {
        ByteBuffer h = ByteBuffer.allocate(20);
        h.put("RTPS".getBytes(StandardCharsets.US_ASCII)).put((byte) 2).put((byte) 1).putShort((short) 0x0110)
                .putLong(prefixHigh).putInt(prefixLow);
        out.writeBytes(h.array());
    }

    private static ByteBuffer body(int n, boolean little) {
        return ByteBuffer.allocate(n).order(little ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
    }

    Rtps sub(int id, int flags, boolean little, byte[] body) {
        ByteBuffer h = body(4, little);
        h.put((byte) id).put((byte) (flags | (little ? 1 : 0))).putShort((short) body.length);
        out.writeBytes(h.array());
        out.writeBytes(body);
        return this;
    }

    private static void sn(ByteBuffer b, long sn) {
        b.putInt((int) (sn >> 32)).putInt((int) sn);
    }

    /** A DATA with a payload of {@code payload} (encapsulation header included) and no inline QoS. */
    Rtps data(boolean little, int writerId, long sn, byte[] payload) {
        ByteBuffer b = body(20 + payload.length, little);
        b.putShort((short) 0).putShort((short) 16);
        b.order(ByteOrder.BIG_ENDIAN).putInt(0).putInt(writerId).order(little ? ByteOrder.LITTLE_ENDIAN
                : ByteOrder.BIG_ENDIAN);
        sn(b, sn);
        b.put(payload);
        return sub(Submessage.DATA, Submessage.FLAG_DATA, little, b.array());
    }

    Rtps data(boolean little, long sn) {
        return data(little, WRITER, sn, new byte[]{0, 1, 0, 0, 1, 2, 3, 4});
    }

    /** A DATA with inline QoS (one PID_KEY_HASH) before its payload. */
    Rtps dataWithInlineQos(boolean little, long sn, byte[] payload) {
        ByteBuffer b = body(20 + 24 + payload.length, little);
        b.putShort((short) 0).putShort((short) 16);
        b.order(ByteOrder.BIG_ENDIAN).putInt(0).putInt(WRITER).order(little ? ByteOrder.LITTLE_ENDIAN
                : ByteOrder.BIG_ENDIAN);
        sn(b, sn);
        b.putShort((short) ParameterList.PID_KEY_HASH).putShort((short) 16).put(new byte[16]);
        b.putShort((short) ParameterList.PID_SENTINEL).putShort((short) 0);
        b.put(payload);
        return sub(Submessage.DATA, Submessage.FLAG_DATA | Submessage.FLAG_INLINE_QOS, little, b.array());
    }

    Rtps dataFrag(boolean little, long sn, int fragmentStart, int fragments, int fragmentSize, int sampleSize) {
        ByteBuffer b = body(32 + fragmentSize * fragments, little);
        b.putShort((short) 0).putShort((short) 28);
        b.order(ByteOrder.BIG_ENDIAN).putInt(0).putInt(WRITER).order(little ? ByteOrder.LITTLE_ENDIAN
                : ByteOrder.BIG_ENDIAN);
        sn(b, sn);
        b.putInt(fragmentStart).putShort((short) fragments).putShort((short) fragmentSize).putInt(sampleSize);
        return sub(Submessage.DATA_FRAG, 0, little, b.array());
    }

    Rtps heartbeat(boolean little, long first, long last, int count) {
        ByteBuffer b = body(28, little);
        b.order(ByteOrder.BIG_ENDIAN).putInt(0).putInt(WRITER).order(little ? ByteOrder.LITTLE_ENDIAN
                : ByteOrder.BIG_ENDIAN);
        sn(b, first);
        sn(b, last);
        b.putInt(count);
        return sub(Submessage.HEARTBEAT, 0, little, b.array());
    }

    /** A GAP of [start, base - 1] and the bits (as a string of 0 and 1, bit 0 first). */
    Rtps gap(boolean little, long start, long base, String bits) {
        int words = (bits.length() + 31) / 32;
        ByteBuffer b = body(28 + 4 * words, little);
        b.order(ByteOrder.BIG_ENDIAN).putInt(0).putInt(WRITER).order(little ? ByteOrder.LITTLE_ENDIAN
                : ByteOrder.BIG_ENDIAN);
        sn(b, start);
        sn(b, base);
        b.putInt(bits.length());
        for (int w = 0; w < words; w++) {
            int v = 0;
            for (int i = 0; i < 32; i++) {
                int k = w * 32 + i;
                if (k < bits.length() && bits.charAt(k) == '1') {
                    v |= 1 << (31 - i);
                }
            }
            b.putInt(v);
        }
        return sub(Submessage.GAP, 0, little, b.array());
    }

    Rtps infoTs(boolean little, int seconds, int fraction) {
        ByteBuffer b = body(8, little);
        b.putInt(seconds).putInt(fraction);
        return sub(Submessage.INFO_TS, 0, little, b.array());
    }

    Rtps infoDst(long high, int low) {
        ByteBuffer b = body(12, false);
        b.putLong(high).putInt(low);
        return sub(Submessage.INFO_DST, 0, false, b.array());
    }

    Rtps infoSrc(long high, int low) {
        ByteBuffer b = body(20, false);
        b.putInt(0).putShort((short) 0x0201).putShort((short) 0x0110).putLong(high).putInt(low);
        return sub(Submessage.INFO_SRC, 0, false, b.array());
    }

    Rtps acknack(boolean little) {
        return sub(Submessage.ACKNACK, 0, little, new byte[24]);
    }

    Rtps raw(byte... bytes) {
        out.writeBytes(bytes);
        return this;
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    /** An SEDP publication payload: PL_CDR_LE or _BE with endpoint GUID, topic and type names. */
    static byte[] sedp(boolean little, Guid writer, String topic, String type) {
        ByteBuffer b = ByteBuffer.allocate(512).order(little ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        b.order(ByteOrder.BIG_ENDIAN).putShort((short) (little ? 3 : 2)).putShort((short) 0)
                .order(little ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        b.putShort((short) 0x0015).putShort((short) 4).putInt(0x0201); // PID_PROTOCOL_VERSION etc.: skipped
        string(b, ParameterList.PID_TOPIC_NAME, topic);
        string(b, ParameterList.PID_TYPE_NAME, type);
        b.putShort((short) ParameterList.PID_ENDPOINT_GUID).putShort((short) 16);
        b.order(ByteOrder.BIG_ENDIAN).putLong(writer.prefixHigh()).putInt(writer.prefixLow())
                .putInt(writer.entityId()).order(little ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        b.putShort((short) ParameterList.PID_SENTINEL).putShort((short) 0);
        byte[] out = new byte[b.position()];
        b.flip().get(out);
        return out;
    }

    private static void string(ByteBuffer b, int pid, String s) {
        byte[] t = s.getBytes(StandardCharsets.UTF_8);
        int n = 4 + t.length + 1;
        int padded = (n + 3) & ~3;
        b.putShort((short) pid).putShort((short) padded).putInt(t.length + 1).put(t).put((byte) 0)
                .put(new byte[padded - n]);
    }
}
