package org.gapwatch.protocol;

import java.util.Arrays;

/**
 * The source names one decoder has read: for the same characters the same String and the same small number (its id
 * here, 0 up), so that a name already known costs no allocation, and a consumer can keep what it knows of a name in
 * an array indexed by the id instead of hashing the String again ({@link Update#srcId()}). Open addressing on the
 * characters' hash; the characters of all names in one array (one object for the collector to mark, not one per
 * name), compared vectorised. Not thread-safe: one per decoder.
 * <p>Bounded whatever arrives: at most {@code maxNames} names of at most {@value #MAX_NAME_CHARS} UTF-16 units each
 * (a longer name gets a String of its own and no id), and at most {@value #MEAN_CHARS} characters a name on average.
 * When a new name finds the table full, the table forgets every name and starts again from id 0 ({@link #clears()}
 * counts it): an endless stream of new names costs one pass over the table per {@code maxNames} names, and ids are
 * then reused for other names, so a consumer must check that the id's name is still the same String (identity)
 * before it trusts what it kept for the id.
 */
public final class SourceNames {
    public static final int MAX_NAME_CHARS = 256;
    /** Names kept by default: the tracker's default source limit (100,000) and room to spare. */
    public static final int DEFAULT_MAX_NAMES = 1 << 17;
    /** Characters kept per name on average at most ({@code plant/unit-1234/sensor-123456} is 28). */
    private static final int MEAN_CHARS = 48;
    private static final int FIRST_NAMES = 1 << 10;

    private final int maxNames;
    /** The most characters kept, all names together: a stream of long names clears the table sooner. */
    private final int maxChars;
    /** (hash << 32) | (id + 1); 0 is an empty slot. Twice as many slots as names at most: short probes. */
    private long[] slots;
    private int mask;
    private String[] names;
    /** Name {@code id}'s characters are chars[starts[id] .. starts[id + 1]). */
    private int[] starts;
    private char[] chars;
    private int count;
    private long clears;

    public SourceNames() {
        this(DEFAULT_MAX_NAMES);
    }

    public SourceNames(int maxNames) {
        if (maxNames < 1) {
            throw new IllegalArgumentException("maxNames " + maxNames);
        }
        this.maxNames = maxNames;
        this.maxChars = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(MAX_NAME_CHARS, (long) maxNames * MEAN_CHARS));
        allocate(FIRST_NAMES);
        chars = new char[Math.min(maxChars, names.length * 16)];
    }

    /** The most names kept: every id is below this. */
    public int maxNames() {
        return maxNames;
    }

    /** Names kept now. */
    public int size() {
        return count;
    }

    /** How many times the table was full and forgot every name. */
    public long clears() {
        return clears;
    }

    /** The id of {@code text[off .. off + len)}, adding the name if new; -1 for a name too long to keep. */
    public int id(char[] text, int off, int len) {
        if (len > MAX_NAME_CHARS) {
            return -1;
        }
        int h = hash(text, off, len);
        long tag = (long) h << 32;
        for (int i = h & mask; ; i = (i + 1) & mask) {
            long e = slots[i];
            if (e == 0) {
                return add(text, off, len, h);
            }
            if ((e & 0xFFFF_FFFF_0000_0000L) == tag) {
                int id = (int) e - 1;
                int from = starts[id];
                if (starts[id + 1] - from == len && Arrays.equals(chars, from, from + len, text, off, off + len)) {
                    return id;
                }
            }
        }
    }

    /** The String of an id that {@link #id} returned since the last clear. */
    public String name(int id) {
        return names[id];
    }

    /** The one String for these characters while they are kept; a new String for a name too long to keep. */
    public String name(char[] text, int off, int len) {
        int id = id(text, off, len);
        return id < 0 ? new String(text, off, len) : names[id];
    }

    private int add(char[] text, int off, int len, int h) {
        if (count == names.length) {
            if (count == maxNames) {
                clear();
            } else {
                grow();
            }
        }
        int from = starts[count];
        if (from + len > maxChars) {
            clear();
            from = 0;
        }
        if (from + len > chars.length) {
            chars = Arrays.copyOf(chars, Math.min(maxChars, Math.max(from + len, chars.length * 2)));
        }
        int id = count;
        System.arraycopy(text, off, chars, from, len);
        starts[id + 1] = from + len;
        names[id] = new String(text, off, len);
        count = id + 1;
        insert(h, id);
        return id;
    }

    private void insert(int h, int id) {
        int i = h & mask;
        while (slots[i] != 0) {
            i = (i + 1) & mask;
        }
        slots[i] = (long) h << 32 | (id + 1L);
    }

    private void grow() {
        int capacity = (int) Math.min(maxNames, names.length * 2L);
        String[] oldNames = names;
        int[] oldStarts = starts;
        allocate(capacity);
        System.arraycopy(oldNames, 0, names, 0, count);
        System.arraycopy(oldStarts, 0, starts, 0, count + 1);
        for (int id = 0; id < count; id++) {
            int from = starts[id];
            insert(hash(chars, from, starts[id + 1] - from), id);
        }
    }

    /** Room for {@code capacity} names (at most maxNames) in twice as many slots. */
    private void allocate(int capacity) {
        capacity = Math.min(capacity, maxNames);
        slots = new long[Integer.highestOneBit(capacity - 1 | 1) << 2];
        mask = slots.length - 1;
        names = new String[capacity];
        starts = new int[capacity + 1];
    }

    private void clear() {
        clears++;
        Arrays.fill(slots, 0);
        Arrays.fill(names, 0, count, null);
        count = 0;
    }

    private static int hash(char[] text, int off, int len) {
        int h = len;
        for (int i = off, end = off + len; i < end; i++) {
            h = 31 * h + text[i];
        }
        return h ^ (h >>> 16);
    }
}
