package org.gapwatch.protocol;

import java.util.Arrays;

/**
 * Returns the same String for the same characters, so that the names, units and statuses that every datagram
 * repeats are not allocated again for each one. Two-way set-associative and bounded: a string goes into one of the
 * two slots of its pair, a miss puts it first and moves the pair's first entry second, dropping the second. Keeps
 * each entry's characters too, so that a hit is one vectorised array comparison.
 *
 * <p>It grows (doubling, up to {@link #MAX_SIZE} slots) once a quarter as many entries were dropped as it has
 * slots: with more names than slots nearly every name was a new String (4,096 slots at 100,000 sources made
 * some 100,000 Strings a second). One-off strings (text values) make it grow to the bound at most, 6 MiB, and are
 * dropped again as the names come back.
 */
final class StringCache {
    private static final int MAX_CACHED_LENGTH = 256;
    static final int MAX_SIZE = 1 << 19;
    private String[] strings;
    private char[][] chars;
    private int[] hashes;
    private int pairMask;
    private int dropped;
    private long misses;

    StringCache(int sizePowerOfTwo) {
        allocate(Math.max(2, sizePowerOfTwo));
    }

    private void allocate(int size) {
        strings = new String[size];
        chars = new char[size][];
        hashes = new int[size];
        pairMask = size - 2;
        dropped = 0;
    }

    private int pair(int h) {
        h *= 0x9E3779B9; // spreads names that differ in their last characters only
        return (h ^ (h >>> 15)) & pairMask;
    }

    String get(char[] text, int off, int len) {
        if (len > MAX_CACHED_LENGTH) {
            return new String(text, off, len);
        }
        int h = len;
        for (int i = off, end = off + len; i < end; i++) {
            h = 31 * h + text[i];
        }
        int p = pair(h);
        if (matches(p, h, text, off, len)) {
            return strings[p];
        }
        if (matches(p + 1, h, text, off, len)) {
            return strings[p + 1];
        }
        misses++;
        if (chars[p + 1] != null && ++dropped >= strings.length / 4 && strings.length < MAX_SIZE) {
            grow();
            p = pair(h);
        }
        String s = new String(text, off, len);
        strings[p + 1] = strings[p];
        chars[p + 1] = chars[p];
        hashes[p + 1] = hashes[p];
        strings[p] = s;
        chars[p] = Arrays.copyOfRange(text, off, off + len);
        hashes[p] = h;
        return s;
    }

    private boolean matches(int slot, int h, char[] text, int off, int len) {
        char[] cached = chars[slot];
        return cached != null && hashes[slot] == h && Arrays.equals(cached, 0, cached.length, text, off, off + len);
    }

    /** Twice the slots, the entries kept where there is room in their new pair. */
    private void grow() {
        String[] oldStrings = strings;
        char[][] oldChars = chars;
        int[] oldHashes = hashes;
        allocate(oldStrings.length * 2);
        for (int i = 0; i < oldStrings.length; i++) {
            if (oldChars[i] != null) {
                int p = pair(oldHashes[i]);
                int slot = chars[p] == null ? p : p + 1;
                if (chars[slot] == null) {
                    strings[slot] = oldStrings[i];
                    chars[slot] = oldChars[i];
                    hashes[slot] = oldHashes[i];
                }
            }
        }
    }

    /** Slots now. */
    int size() {
        return strings.length;
    }

    /** Strings made so far (every call that found no entry). */
    long misses() {
        return misses;
    }
}
