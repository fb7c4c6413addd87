package org.gapwatch.protocol.rtps;

import java.nio.charset.StandardCharsets;

/**
 * What an SEDP publication (DATA from the builtin publications writer, entity id 0x000003c2) says about a writer:
 * its GUID (PID_ENDPOINT_GUID 0x005a), topic name (PID_TOPIC_NAME 0x0005) and type name (PID_TYPE_NAME 0x0007).
 * The serialized payload starts with the encapsulation (0x0002 PL_CDR_BE, 0x0003 PL_CDR_LE; options), then a
 * parameter list; strings are CDR strings (u32 length with the NUL, the bytes, the NUL). Fields not present are
 * null.
 */
public record SedpPublication(Guid writer, String topicName, String typeName) {
    public static final int PL_CDR_BE = 0x0002, PL_CDR_LE = 0x0003;

    /** From a DATA submessage of the publications writer; null when it has no payload or no parameter list. */
    public static SedpPublication of(Submessage s) {
        if (s.kind() != Submessage.DATA || s.writerId() != Guid.SEDP_PUBLICATIONS_WRITER || s.payloadOffset() < 0) {
            return null;
        }
        return parse(s.bytes(), s.payloadOffset(), s.payloadLength());
    }

    /** From a serialized payload (encapsulation header included); null when it is no PL_CDR parameter list. */
    public static SedpPublication parse(byte[] b, int off, int len) {
        if (off < 0 || len < 4 || off + len > b.length || off + len < 0) {
            return null;
        }
        int encapsulation = (b[off] & 0xFF) << 8 | b[off + 1] & 0xFF;
        if (encapsulation != PL_CDR_BE && encapsulation != PL_CDR_LE) {
            return null;
        }
        boolean little = encapsulation == PL_CDR_LE;
        Guid guid = null;
        String topic = null;
        String type = null;
        int p = off + 4;
        int end = off + len;
        while (p + 4 <= end) {
            int pid = ParameterList.u16(b, p, little) & 0x3FFF; // without the vendor and must-understand bits
            int n = ParameterList.u16(b, p + 2, little);
            p += 4;
            if (pid == ParameterList.PID_SENTINEL) {
                break;
            }
            if (n > end - p) {
                return null;
            }
            switch (pid) {
                case ParameterList.PID_TOPIC_NAME -> topic = string(b, p, n, little);
                case ParameterList.PID_TYPE_NAME -> type = string(b, p, n, little);
                case ParameterList.PID_ENDPOINT_GUID -> {
                    if (n >= 16) {
                        guid = new Guid(Submessage.beS64(b, p), Submessage.beS32(b, p + 8),
                                Submessage.beS32(b, p + 12));
                    }
                }
                default -> {
                    // other QoS: not needed
                }
            }
            p += n;
        }
        return new SedpPublication(guid, topic, type);
    }

    private static String string(byte[] b, int p, int n, boolean little) {
        if (n < 4) {
            return null;
        }
        long length = ParameterList.s32(b, p, little) & 0xFFFFFFFFL;
        if (length < 1 || length > n - 4 || b[p + 4 + (int) length - 1] != 0) {
            return null;
        }
        return new String(b, p + 4, (int) length - 1, StandardCharsets.UTF_8);
    }
}
