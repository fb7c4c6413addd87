package org.gapwatch.track;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;
import org.gapwatch.protocol.SourceNames;

/**
 * The sources of the names a decoder's {@link SourceNames} has read, by the names' ids: a look-up is one array
 * element and no hashing, where the map of all sources by name costs a hash, a node and a String comparison. A hit
 * counts only if the source still has the same String instance as its name: the table reuses ids after it forgets
 * its names, and a source may be renamed, and in both cases the identity check fails and the caller asks the map.
 * Bounded: one array per table, no longer than the table's own limit, and a few tables (decoders are made again
 * when the routes change): beyond {@value #MAX_TABLES} all are dropped and found again.
 */
final class NameIndex {
    private static final int MAX_TABLES = 8;

    private final Map<SourceNames, SourceState[]> byTable = new IdentityHashMap<>();
    private SourceNames lastTable;
    private SourceState[] last = new SourceState[0];

    /** The source {@code names} last gave under {@code id}, if its name is still {@code src}; otherwise null. */
    SourceState get(SourceNames names, int id, String src) {
        SourceState[] a = names == lastTable ? last : switchTo(names);
        if (id < a.length) {
            SourceState s = a[id];
            if (s != null && s.src == src) {
                return s;
            }
        }
        return null;
    }

    /** Remembers that name {@code id} of {@code names} is source {@code s} (whose name is that id's String). */
    void put(SourceNames names, int id, SourceState s) {
        SourceState[] a = names == lastTable ? last : switchTo(names);
        if (id >= a.length) {
            a = Arrays.copyOf(a, (int) Math.min(names.maxNames(), Math.max(id + 1L, 2L * a.length + 16)));
            byTable.put(names, a);
            last = a;
        }
        a[id] = s;
    }

    private SourceState[] switchTo(SourceNames names) {
        SourceState[] a = byTable.get(names);
        if (a == null) {
            if (byTable.size() == MAX_TABLES) {
                byTable.clear();
            }
            a = new SourceState[0];
            byTable.put(names, a);
        }
        lastTable = names;
        last = a;
        return a;
    }
}
