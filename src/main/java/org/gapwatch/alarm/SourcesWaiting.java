package org.gapwatch.alarm;

import java.util.AbstractSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The sources with a row waiting for acknowledgement ({@link AlarmModel#unacknowledgedSources()}), kept as rows
 * change: a count per source on the model's thread, and for the readers an immutable set made of an older full copy
 * and the sources that came and went since. A publication copies only those, and the full copy is made again once
 * they are more than an eighth of it, so a set costs the changes since the last one, not the sources.
 */
final class SourcesWaiting {
    private final Map<String, Integer> rowsWaiting = new HashMap<>();
    private Set<String> base = Set.of();
    private final Set<String> added = new HashSet<>();
    private final Set<String> removed = new HashSet<>();
    private Set<String> shown = Set.of();
    private boolean changed;

    /** One more ({@code +1}) or one fewer ({@code -1}) row of {@code src} waits for acknowledgement. */
    void add(String src, int delta) {
        int n = rowsWaiting.getOrDefault(src, 0) + delta;
        if (n == 0) {
            rowsWaiting.remove(src);
            if (!added.remove(src)) {
                removed.add(src);
            }
            changed = true;
        } else {
            if (n == delta) { // came now
                if (!removed.remove(src)) {
                    added.add(src);
                }
                changed = true;
            }
            rowsWaiting.put(src, n);
        }
    }

    /** The set as it is now; the same object until it changes. */
    Set<String> view() {
        if (!changed) {
            return shown;
        }
        changed = false;
        if (added.size() + removed.size() > 64 + base.size() / 8) {
            base = Set.copyOf(rowsWaiting.keySet());
            added.clear();
            removed.clear();
            shown = base;
        } else {
            shown = new Layered(base, Set.copyOf(added), Set.copyOf(removed), rowsWaiting.size());
        }
        return shown;
    }

    /** {@code base} without {@code removed} (a subset of it) and with {@code added} (none of it). */
    private static final class Layered extends AbstractSet<String> {
        private final Set<String> base;
        private final Set<String> added;
        private final Set<String> removed;
        private final int size;

        Layered(Set<String> base, Set<String> added, Set<String> removed, int size) {
            this.base = base;
            this.added = added;
            this.removed = removed;
            this.size = size;
        }

        @Override
        public boolean contains(Object o) {
            return o != null && (added.contains(o) || base.contains(o) && !removed.contains(o));
        }

        @Override
        public Iterator<String> iterator() {
            return Stream.concat(base.stream().filter(s -> !removed.contains(s)), added.stream()).iterator();
        }

        @Override
        public int size() {
            return size;
        }
    }
}
