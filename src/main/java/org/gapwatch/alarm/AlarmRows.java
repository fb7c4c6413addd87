package org.gapwatch.alarm;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;
import java.util.function.BiConsumer;

/**
 * The rows of an {@link AlarmModel} in id order (the order points first alarmed), each with the point that owns it,
 * in chunks of {@value #CHUNK}: a published list shares every chunk not written since, so publishing costs the
 * chunks, not the rows, and a change copies one chunk once per publication. Ids only grow: a new row goes at the
 * end, a row is found by its id by binary search. The rows in state normal are counted per chunk, so dropping the
 * oldest of them passes over chunks that hold none. Not thread-safe: the model's thread writes, readers get
 * {@link #view()}.
 *
 * @param <P> what owns a row (the model's alarm point)
 */
final class AlarmRows<P> {
    static final int CHUNK = 256;

    private Alarm[][] rows = new Alarm[0][];
    private Object[][] owners = new Object[0][];
    private int[] sizes = new int[0];
    /** The id of the first row ever put in each chunk: every row of it has this id or a greater one. */
    private long[] minId = new long[0];
    private int[] normal = new int[0];
    /** The publication in which each chunk was last copied: written again before the next one without copying. */
    private long[] copiedIn = new long[0];
    private int chunks;
    private int size;
    private long publication;

    int size() {
        return size;
    }

    /** Appends a row whose id is greater than every row's. */
    void append(Alarm a, P owner) {
        if (chunks == 0 || sizes[chunks - 1] == CHUNK) {
            addChunk(a.id());
        }
        int k = chunks - 1;
        writable(k);
        rows[k][sizes[k]] = a;
        owners[k][sizes[k]] = owner;
        sizes[k]++;
        size++;
        if (a.state() == AlarmState.NORMAL) {
            normal[k]++;
        }
    }

    /** Puts {@code a} in place of the row of the same id, which must be here. */
    void replace(Alarm a) {
        int pos = locate(a.id());
        int k = pos / CHUNK;
        int i = pos % CHUNK;
        writable(k);
        normal[k] += (a.state() == AlarmState.NORMAL ? 1 : 0) - (rows[k][i].state() == AlarmState.NORMAL ? 1 : 0);
        rows[k][i] = a;
    }

    /** The row with this id, or null. */
    Alarm row(long id) {
        int pos = locate(id);
        return pos < 0 ? null : rows[pos / CHUNK][pos % CHUNK];
    }

    /** The owner of the row with this id, or null. */
    @SuppressWarnings("unchecked")
    P owner(long id) {
        int pos = locate(id);
        return pos < 0 ? null : (P) owners[pos / CHUNK][pos % CHUNK];
    }

    /** Every row with its owner, in id order; {@code each} may {@link #replace} the row it is given. */
    @SuppressWarnings("unchecked")
    void forEach(BiConsumer<P, Alarm> each) {
        for (int k = 0; k < chunks; k++) {
            for (int i = 0; i < sizes[k]; i++) {
                each.accept((P) owners[k][i], rows[k][i]);
            }
        }
    }

    /**
     * Drops the oldest rows in state normal, at most {@code max} of them, telling {@code dropped} of each; returns
     * how many were dropped.
     */
    @SuppressWarnings("unchecked")
    int dropNormal(int max, BiConsumer<P, Alarm> dropped) {
        int n = 0;
        for (int k = 0; k < chunks && n < max; k++) {
            if (normal[k] == 0) {
                continue;
            }
            writable(k);
            int to = 0;
            for (int i = 0; i < sizes[k]; i++) {
                Alarm a = rows[k][i];
                if (n < max && a.state() == AlarmState.NORMAL) {
                    dropped.accept((P) owners[k][i], a);
                    normal[k]--;
                    n++;
                } else {
                    rows[k][to] = a;
                    owners[k][to++] = owners[k][i];
                }
            }
            Arrays.fill(rows[k], to, sizes[k], null);
            Arrays.fill(owners[k], to, sizes[k], null);
            size -= sizes[k] - to;
            sizes[k] = to;
        }
        if (n > 0 && chunks > 2 && size < (chunks - 1) * (CHUNK / 2)) {
            compact(); // most chunks half empty: pack them, so that chunks stay fewer than rows / 128
        }
        return n;
    }

    /**
     * The rows as they are now, in id order: an unmodifiable list that later writes leave alone (they copy a chunk
     * it shares first).
     */
    List<Alarm> view() {
        publication++;
        Alarm[][] shared = new Alarm[chunks][];
        int[] start = new int[chunks + 1];
        int used = 0;
        for (int k = 0; k < chunks; k++) {
            if (sizes[k] > 0) {
                shared[used] = rows[k];
                start[used + 1] = start[used] + sizes[k];
                used++;
            }
        }
        return new View(shared, Arrays.copyOf(start, used + 1), used);
    }

    /** Position (chunk * {@value #CHUNK} + index) of the row with this id, or -1. */
    private int locate(long id) {
        int lo = 0;
        int hi = chunks - 1;
        int k = -1;
        while (lo <= hi) { // the last chunk whose first id is at most id
            int mid = (lo + hi) >>> 1;
            if (minId[mid] <= id) {
                k = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        if (k < 0) {
            return -1;
        }
        int i = View.search(rows[k], sizes[k], id);
        return i < 0 ? -1 : k * CHUNK + i;
    }

    private void writable(int k) {
        if (copiedIn[k] != publication) {
            rows[k] = rows[k].clone();
            copiedIn[k] = publication;
        }
    }

    private void addChunk(long firstId) {
        if (chunks == rows.length) {
            int cap = Math.max(8, chunks * 2);
            rows = Arrays.copyOf(rows, cap);
            owners = Arrays.copyOf(owners, cap);
            sizes = Arrays.copyOf(sizes, cap);
            minId = Arrays.copyOf(minId, cap);
            normal = Arrays.copyOf(normal, cap);
            copiedIn = Arrays.copyOf(copiedIn, cap);
        }
        rows[chunks] = new Alarm[CHUNK];
        owners[chunks] = new Object[CHUNK];
        sizes[chunks] = 0;
        minId[chunks] = firstId;
        normal[chunks] = 0;
        copiedIn[chunks] = publication;
        chunks++;
    }

    private void compact() {
        Alarm[][] oldRows = rows;
        Object[][] oldOwners = owners;
        int[] oldSizes = sizes;
        int oldChunks = chunks;
        rows = new Alarm[0][];
        owners = new Object[0][];
        sizes = new int[0];
        minId = new long[0];
        normal = new int[0];
        copiedIn = new long[0];
        chunks = 0;
        size = 0;
        for (int k = 0; k < oldChunks; k++) {
            for (int i = 0; i < oldSizes[k]; i++) {
                @SuppressWarnings("unchecked")
                P owner = (P) oldOwners[k][i];
                append(oldRows[k][i], owner);
            }
        }
    }

    /** A publication's rows: the shared chunks and where each starts in the list. */
    private static final class View extends AbstractList<Alarm> implements RandomAccess {
        private final Alarm[][] chunks;
        private final int[] start;
        private final int count;

        View(Alarm[][] chunks, int[] start, int count) {
            this.chunks = chunks;
            this.start = start;
            this.count = count;
        }

        @Override
        public Alarm get(int index) {
            if (index < 0 || index >= size()) {
                throw new IndexOutOfBoundsException(index);
            }
            int k = Arrays.binarySearch(start, 0, count + 1, index); // ascending strictly: no empty chunk here
            if (k < 0) {
                k = -k - 2;
            }
            return chunks[k][index - start[k]];
        }

        @Override
        public int size() {
            return start[count];
        }

        /** The index of the row with {@code id} among the first {@code n} of {@code rows} (ascending ids), or -1. */
        static int search(Alarm[] rows, int n, long id) {
            int lo = 0;
            int hi = n - 1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                long m = rows[mid].id();
                if (m < id) {
                    lo = mid + 1;
                } else if (m > id) {
                    hi = mid - 1;
                } else {
                    return mid;
                }
            }
            return -1;
        }
    }
}
