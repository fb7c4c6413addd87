package org.gapwatch.protocol;

/**
 * A lone surrogate escape ({@code "\ud800"}) is valid JSON (RFC 8259, section 7), but Jackson refuses it in a
 * property name, which would throw away a whole datagram for one unknown field. No known field's name holds a
 * surrogate, so such a field is unknown whatever its name: a copy with those escapes in names replaced by
 * {@code \ufffd} (six bytes for six) decodes as the docs say. Values are left as they were.
 */
final class LoneSurrogateNames {
    private LoneSurrogateNames() {
    }

    /** True for the error Jackson raises for a lone surrogate escape in a property name. */
    static boolean isTheError(Exception e) {
        String m = e.getMessage();
        return m != null && m.contains("surrogate") && m.contains("property name");
    }

    /** A copy of {@code b[off, off+len)} with every lone surrogate escape in a property name replaced. */
    static byte[] replaced(byte[] b, int off, int len) {
        byte[] out = java.util.Arrays.copyOfRange(b, off, off + len);
        int i = 0;
        while (i < len) {
            if (out[i] != '"') {
                i++;
                continue;
            }
            int close = closingQuote(out, i + 1, len);
            if (close < 0) {
                return out; // unclosed: the parser reports it
            }
            if (isName(out, close + 1, len)) {
                replaceIn(out, i + 1, close);
            }
            i = close + 1;
        }
        return out;
    }

    /** Index of the quote that closes a string whose text starts at {@code i}, or -1. */
    private static int closingQuote(byte[] b, int i, int len) {
        while (i < len) {
            if (b[i] == '\\') {
                i += 2;
            } else if (b[i] == '"') {
                return i;
            } else {
                i++;
            }
        }
        return -1;
    }

    /** A string is a property name when the next byte that is not white space is a colon. */
    private static boolean isName(byte[] b, int i, int len) {
        while (i < len && DatagramDecoder.isWhiteSpace(b[i])) {
            i++;
        }
        return i < len && b[i] == ':';
    }

    private static void replaceIn(byte[] b, int from, int to) {
        int i = from;
        while (i < to) {
            if (b[i] != '\\') {
                i++;
                continue;
            }
            int c = escaped(b, i, to);
            if (c >= 0xD800 && c <= 0xDBFF && isLow(escaped(b, i + 6, to))) {
                i += 12; // a proper pair
            } else if (c >= 0xD800 && c <= 0xDFFF) {
                b[i + 2] = 'f';
                b[i + 3] = 'f';
                b[i + 4] = 'f';
                b[i + 5] = 'd';
                i += 6;
            } else {
                i += c >= 0 ? 6 : 2;
            }
        }
    }

    private static boolean isLow(int c) {
        return c >= 0xDC00 && c <= 0xDFFF;
    }

    /** The code unit of a {@code \\uXXXX} escape at {@code i}, or -1 if there is none. */
    private static int escaped(byte[] b, int i, int to) {
        if (i + 6 > to || b[i] != '\\' || b[i + 1] != 'u') {
            return -1;
        }
        int v = 0;
        for (int k = 2; k < 6; k++) {
            int d = Character.digit(b[i + k], 16);
            if (d < 0) {
                return -1;
            }
            v = v * 16 + d;
        }
        return v;
    }
}
