package org.gapwatch.protocol;

import java.util.Arrays;

/**
 * Returns the same String for the same characters, so that the names, units and statuses that every datagram
 * repeats are not allocated again for each one. Direct-mapped and bounded: a collision replaces the entry. Keeps
 * each entry's characters too, so that a hit is one vectorised array comparison.
 */
final class StringCache {
    private static final int MAX_CACHED_LENGTH = 256;
    private final String[] strings;
    private final char[][] chars;
    private final int[] hashes;
    private final int mask;

    StringCache(int sizePowerOfTwo) {
        strings = new String[sizePowerOfTwo];
        chars = new char[sizePowerOfTwo][];
        hashes = new int[sizePowerOfTwo];
        mask = sizePowerOfTwo - 1;
    }

    String get(char[] text, int off, int len) {
        if (len > MAX_CACHED_LENGTH) {
            return new String(text, off, len);
        }
        int h = len;
        for (int i = off, end = off + len; i < end; i++) {
            h = 31 * h + text[i];
        }
        int slot = (h ^ (h >>> 16)) & mask;
        char[] cached = chars[slot];
        if (cached != null && hashes[slot] == h && Arrays.equals(cached, 0, cached.length, text, off, off + len)) {
            return strings[slot];
        }
        String s = new String(text, off, len);
        strings[slot] = s;
        chars[slot] = Arrays.copyOfRange(text, off, off + len);
        hashes[slot] = h;
        return s;
    }
}
