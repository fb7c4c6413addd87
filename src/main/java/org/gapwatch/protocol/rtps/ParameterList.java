package org.gapwatch.protocol.rtps;

/**
 * A parameter list (9.4.2.11): parameters {@code pid (u16), length (u16), value}, each length a multiple of 4 in
 * practice, ended by PID_SENTINEL (1); PID_PAD (0) is skipped. Numbers in the given byte order.
 */
final class ParameterList {
    static final int PID_PAD = 0x0000, PID_SENTINEL = 0x0001, PID_TOPIC_NAME = 0x0005, PID_TYPE_NAME = 0x0007,
            PID_ENDPOINT_GUID = 0x005a, PID_KEY_HASH = 0x0070;

    private ParameterList() {
    }

    static int u16(byte[] b, int p, boolean little) {
        int v = (b[p] & 0xFF) << 8 | b[p + 1] & 0xFF;
        return little ? Integer.reverseBytes(v) >>> 16 : v;
    }

    static int s32(byte[] b, int p, boolean little) {
        int v = Submessage.beS32(b, p);
        return little ? Integer.reverseBytes(v) : v;
    }

    /** The offset after the sentinel, or -1 when the list runs past {@code end} without one. */
    static int end(byte[] b, int p, int end, boolean little) {
        while (p + 4 <= end) {
            int pid = u16(b, p, little);
            int n = u16(b, p + 2, little);
            p += 4;
            if (pid == PID_SENTINEL) {
                return p;
            }
            if (n > end - p) {
                return -1;
            }
            p += n;
        }
        return -1;
    }
}
