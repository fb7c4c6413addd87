package org.gapwatch.net;

import java.nio.charset.StandardCharsets;

/** Builds a JSON update straight into a byte array, without a String per datagram. */
final class PayloadWriter {
    private final byte[] buf;
    private int pos;

    PayloadWriter(byte[] buf) {
        this.buf = buf;
    }

    PayloadWriter reset() {
        pos = 0;
        return this;
    }

    int length() {
        return pos;
    }

    PayloadWriter raw(String ascii) {
        for (int i = 0; i < ascii.length(); i++) {
            buf[pos++] = (byte) ascii.charAt(i);
        }
        return this;
    }

    PayloadWriter raw(byte[] bytes) {
        System.arraycopy(bytes, 0, buf, pos, bytes.length);
        pos += bytes.length;
        return this;
    }

    PayloadWriter number(long v) {
        if (v == Long.MIN_VALUE) {
            return raw(Long.toString(v));
        }
        if (v < 0) {
            buf[pos++] = '-';
            v = -v;
        }
        int start = pos;
        do {
            buf[pos++] = (byte) ('0' + (v % 10));
            v /= 10;
        } while (v != 0);
        for (int i = start, j = pos - 1; i < j; i++, j--) {
            byte t = buf[i];
            buf[i] = buf[j];
            buf[j] = t;
        }
        return this;
    }

    /** A number with two decimals. */
    PayloadWriter decimal2(double v) {
        long hundredths = Math.round(v * 100);
        if (hundredths < 0) {
            buf[pos++] = '-';
            hundredths = -hundredths;
        }
        number(hundredths / 100);
        buf[pos++] = '.';
        long frac = hundredths % 100;
        buf[pos++] = (byte) ('0' + frac / 10);
        buf[pos++] = (byte) ('0' + frac % 10);
        return this;
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
