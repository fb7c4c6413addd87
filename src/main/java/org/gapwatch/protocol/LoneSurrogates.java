package org.gapwatch.protocol;

/**
 * Finds a JSON {@code \\u} escape that names half of a UTF-16 surrogate pair without its other half ({@code "\\uD800"}
 * alone, or a low half first). RFC 8259's grammar lets such a string through (section 8.2: its meaning is
 * unpredictable) and Jackson turns it into a Java string that is no Unicode text, which would then be a source name;
 * strict JSON here refuses it. Raw bytes cannot hold a surrogate: Utf8 refuses encoded ones before this runs.
 */
final class LoneSurrogates {
    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long LOW_BITS = 0x0101010101010101L;

    private LoneSurrogates() {
    }

    /**
     * True if the text holds an unpaired surrogate escape. Escapes that are not well-formed are left to the parser,
     * which rejects them as malformed anyway.
     */
    static boolean present(byte[] b, int off, int len) {
        int end = off + len;
        int i = off;
        boolean openHigh = false; // the previous escape was a high half, so the next thing must be its low half
        while (i < end) {
            if (!openHigh) {
                // Eight bytes at a time up to the next backslash: most datagrams have none.
                while (i + 8 <= end) {
                    long x = (long) LONGS.get(b, i) ^ BACKSLASHES;
                    if (((x - LOW_BITS) & ~x & HIGH_BITS) != 0) {
                        break;
                    }
                    i += 8;
                }
                if (i >= end) {
                    return false;
                }
            }
            if (b[i] != '\\') {
                if (openHigh) {
                    return true;
                }
                i++;
                continue;
            }
            if (i + 1 >= end) {
                return openHigh;
            }
            if (b[i + 1] != 'u' || i + 6 > end) {
                if (openHigh) {
                    return true;
                }
                i += 2; // \" \\ \n ...: the escaped character is no backslash that starts an escape
                continue;
            }
            int unit = hex4(b, i + 2);
            if (unit < 0) {
                return false;
            }
            boolean high = unit >= 0xD800 && unit <= 0xDBFF;
            boolean low = unit >= 0xDC00 && unit <= 0xDFFF;
            if (openHigh != low) {
                return true; // a high half not followed by a low one, or a low half with no high one before it
            }
            openHigh = high;
            i += 6;
        }
        return openHigh;
    }

    private static int hex4(byte[] b, int at) {
        int v = 0;
        for (int k = 0; k < 4; k++) {
            int d = Character.digit(b[at + k], 16);
            if (d < 0) {
                return -1;
            }
            v = v << 4 | d;
        }
        return v;
    }
}
