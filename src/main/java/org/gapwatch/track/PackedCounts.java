package org.gapwatch.track;

/**
 * Counts (0 .. Integer.MAX_VALUE) kept in the narrowest width the largest of them needs: no array while all are
 * 0, then a byte, a char or an int each, widened as a count first needs it. Per-second and per-minute counts are
 * mostly small (a source sending once a second has 1 a second, 60 a minute, no loss, nothing late), so a full
 * history costs a byte or less a slot instead of the ten it took as int, int and char (docs/benchmarks.md, Engine).
 */
final class PackedCounts {
    private final int length;
    private byte[] bytes;
    private char[] chars;
    private int[] ints;

    PackedCounts(int length) {
        this.length = length;
    }

    int length() {
        return length;
    }

    int get(int i) {
        if (bytes != null) {
            return bytes[i] & 0xFF;
        }
        if (chars != null) {
            return chars[i];
        }
        return ints != null ? ints[i] : 0;
    }

    /** {@code v} in 0 .. Integer.MAX_VALUE. */
    void set(int i, int v) {
        if (bytes != null && v <= 0xFF) {
            bytes[i] = (byte) v;
        } else if (chars != null && v <= 0xFFFF) {
            chars[i] = (char) v;
        } else if (ints != null) {
            ints[i] = v;
        } else if (v != 0) {
            widenFor(v);
            set(i, v);
        }
    }

    /** Bytes of the array held (0 while every count is 0). */
    int width() {
        return bytes != null ? 1 : chars != null ? 2 : ints != null ? 4 : 0;
    }

    private void widenFor(int v) {
        if (v <= 0xFF) {
            bytes = new byte[length];
        } else if (v <= 0xFFFF) {
            chars = new char[length];
            for (int i = 0; bytes != null && i < length; i++) {
                chars[i] = (char) (bytes[i] & 0xFF);
            }
            bytes = null;
        } else {
            ints = new int[length];
            for (int i = 0; i < length && (bytes != null || chars != null); i++) {
                ints[i] = get(i);
            }
            bytes = null;
            chars = null;
        }
    }
}
