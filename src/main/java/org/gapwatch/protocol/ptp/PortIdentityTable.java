package org.gapwatch.protocol.ptp;

/**
 * Dense numbers 0, 1, 2... for keys of a 64-bit clockIdentity and 32 more bits (portNumber, domain), in the order
 * first seen: open addressing, no boxing or key object per look-up. Not thread-safe.
 */
final class PortIdentityTable {
    private long[] clocks = new long[16];
    private int[] rests = new int[16];
    private int[] indexes = new int[16];
    private boolean[] used = new boolean[16];
    private int size;

    /** The number of a key, or -1 when it has none. */
    int find(long clock, int rest) {
        int i = slot(clock, rest);
        return used[i] ? indexes[i] : -1;
    }

    /** The number of a key, giving it the next one when it has none. */
    int add(long clock, int rest) {
        int i = slot(clock, rest);
        if (used[i]) {
            return indexes[i];
        }
        used[i] = true;
        clocks[i] = clock;
        rests[i] = rest;
        indexes[i] = size;
        if (++size * 2 > used.length) {
            grow();
        }
        return size - 1;
    }

    int size() {
        return size;
    }

    private int slot(long clock, int rest) {
        int mask = used.length - 1;
        long h = (clock ^ (long) rest << 32 ^ rest) * 0x9E3779B97F4A7C15L;
        int i = (int) (h ^ h >>> 32) & mask;
        while (used[i] && (clocks[i] != clock || rests[i] != rest)) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private void grow() {
        long[] oc = clocks;
        int[] or = rests;
        int[] oi = indexes;
        boolean[] ou = used;
        int n = ou.length * 2;
        clocks = new long[n];
        rests = new int[n];
        indexes = new int[n];
        used = new boolean[n];
        for (int k = 0; k < ou.length; k++) {
            if (ou[k]) {
                int i = slot(oc[k], or[k]);
                used[i] = true;
                clocks[i] = oc[k];
                rests[i] = or[k];
                indexes[i] = oi[k];
            }
        }
    }
}
