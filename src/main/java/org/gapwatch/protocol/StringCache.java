package org.gapwatch.protocol;

/**
 * Returns the same String for the same characters, so that the names, units and statuses that every datagram
 * repeats are not allocated again for each one. Direct-mapped and bounded: a collision replaces the entry.
 */
final class StringCache {
    private static final int MAX_CACHED_LENGTH = 256;
    private final String[] entries;
    private final int mask;

    StringCache(int sizePowerOfTwo) {
        entries = new String[sizePowerOfTwo];
        mask = sizePowerOfTwo - 1;
    }

    String get(char[] chars, int off, int len) {
        if (len > MAX_CACHED_LENGTH) {
            return new String(chars, off, len);
        }
        int h = 0;
        for (int i = off, end = off + len; i < end; i++) {
            h = 31 * h + chars[i];
        }
        int slot = (h ^ (h >>> 16)) & mask;
        String cached = entries[slot];
        if (cached != null && cached.hashCode() == h && sameChars(cached, chars, off, len)) {
            return cached;
        }
        String s = new String(chars, off, len);
        entries[slot] = s;
        return s;
    }

    private static boolean sameChars(String s, char[] chars, int off, int len) {
        if (s.length() != len) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (s.charAt(i) != chars[off + i]) {
                return false;
            }
        }
        return true;
    }
}
