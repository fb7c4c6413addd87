package org.gapwatch.protocol.collectd;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds collectd datagrams part by part, as collectd's network plugin writes them. */
final class Parts {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Parts string(int type, String s) {
        byte[] t = s.getBytes(StandardCharsets.UTF_8);
        header(type, 4 + t.length + 1);
        out.writeBytes(t);
        out.write(0);
        return this;
    }

    Parts number(int type, long v) {
        header(type, 12);
        be64(v);
        return this;
    }

    /** A VALUES part: types 0-3 and their raw 64 bits (a gauge as Double.doubleToLongBits). */
    Parts values(int[] types, long[] raw) {
        header(CollectdReader.VALUES, 6 + 9 * types.length);
        out.write(types.length >> 8);
        out.write(types.length);
        for (int t : types) {
            out.write(t);
        }
        for (int i = 0; i < types.length; i++) {
            be64(types[i] == 1 ? Long.reverseBytes(raw[i]) : raw[i]);
        }
        return this;
    }

    Parts gauges(double... v) {
        int[] t = new int[v.length];
        long[] r = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            t[i] = 1;
            r[i] = Double.doubleToLongBits(v[i]);
        }
        return values(t, r);
    }

    Parts raw(int... bytes) {
        for (int b : bytes) {
            out.write(b);
        }
        return this;
    }

    Parts header(int type, int length) {
        out.write(type >> 8);
        out.write(type);
        out.write(length >> 8);
        out.write(length);
        return this;
    }

    private void be64(long v) {
        for (int s = 56; s >= 0; s -= 8) {
            out.write((int) (v >>> s));
        }
    }

    byte[] bytes() {
        return out.toByteArray();
    }
}
