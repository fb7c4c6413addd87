package org.gapwatch.protocol.rtps;

import java.util.Arrays;

/**
 * Values by GUID, looked up by the GUID's three numbers as a submessage holds them ({@link Submessage#writer()}
 * would make a {@link Guid} per submessage). Open addressing in a fixed array of twice {@code capacity} slots; at
 * most {@code capacity} entries: {@link #put} of a new GUID into a full map forgets every entry first
 * ({@link #clears()} counts it), so whatever arrives it holds at most {@code capacity}. Not thread-safe.
 */
final class GuidMap<V> {
    private final int capacity;
    private final long[] highs;
    /** prefixLow in the high half, entityId in the low half. */
    private final long[] lows;
    private final Object[] values;
    private final int mask;
    private int size;
    private long clears;

    GuidMap(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity " + capacity);
        }
        this.capacity = capacity;
        int slots = Integer.highestOneBit(capacity - 1 | 1) << 2;
        highs = new long[slots];
        lows = new long[slots];
        values = new Object[slots];
        mask = slots - 1;
    }

    /** The value of GUID (prefixHigh, prefixLow, entityId), or null. */
    @SuppressWarnings("unchecked")
    V get(long prefixHigh, int prefixLow, int entityId) {
        long low = low(prefixLow, entityId);
        for (int i = slot(prefixHigh, low); values[i] != null; i = (i + 1) & mask) {
            if (highs[i] == prefixHigh && lows[i] == low) {
                return (V) values[i];
            }
        }
        return null;
    }

    V get(Guid g) {
        return get(g.prefixHigh(), g.prefixLow(), g.entityId());
    }

    /** Sets the value of a GUID (not null); a new GUID into a full map clears it first. */
    void put(Guid g, V value) {
        long high = g.prefixHigh();
        long low = low(g.prefixLow(), g.entityId());
        int i = slot(high, low);
        for (; values[i] != null; i = (i + 1) & mask) {
            if (highs[i] == high && lows[i] == low) {
                values[i] = value;
                return;
            }
        }
        if (size == capacity) {
            clear();
            i = slot(high, low);
        }
        highs[i] = high;
        lows[i] = low;
        values[i] = value;
        size++;
    }

    int size() {
        return size;
    }

    /** How many times a new GUID found the map full and it forgot every entry. */
    long clears() {
        return clears;
    }

    private void clear() {
        clears++;
        Arrays.fill(values, null);
        size = 0;
    }

    private static long low(int prefixLow, int entityId) {
        return (long) prefixLow << 32 | (entityId & 0xFFFF_FFFFL);
    }

    private int slot(long high, long low) {
        long h = (high * 0x9E37_79B9_7F4A_7C15L) ^ low;
        h *= 0xC2B2_AE3D_27D4_EB4FL;
        return (int) (h ^ h >>> 32) & mask;
    }
}
