package org.gapwatch.alarm;

import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The sources with a row waiting for acknowledgement ({@link AlarmModel#unacknowledgedSources()}), kept as rows
 * change: a count per source on the model's thread, and for the readers an immutable set made of an older full copy
 * and layers of the sources that came and went since, one per publication. A publication copies only the changes
 * since the last one; a layer at least a quarter the size of the one below is merged into it (so there are few
 * layers, and a source is copied a few times at most), and the full copy is made again once the layers hold more
 * than an eighth of it. So a set costs about the changes since the last one, not the sources, however many rounds
 * of changes come before the next full copy (copying every change since the full copy at each publication grew to
 * an eighth of the sources a round in a storm).
 */
final class SourcesWaiting {
    private final Map<String, Integer> rowsWaiting = new HashMap<>();
    private Set<String> base = Set.of();
    /** Changes over {@link #base}, oldest first, as published; immutable, shared by the views. */
    private List<Delta> layers = List.of();
    private int inLayers;
    /** The changes since the last view. */
    private final Set<String> added = new HashSet<>();
    private final Set<String> removed = new HashSet<>();
    private Set<String> shown = Set.of();
    private boolean changed;

    /** Sources that came ({@code added}, not in the set below) and went ({@code removed}, in it). Immutable. */
    private record Delta(Set<String> added, Set<String> removed) {
        int size() {
            return added.size() + removed.size();
        }

        /** {@code newer} over this one, as one delta. */
        Delta then(Delta newer) {
            Set<String> a = new HashSet<>(added);
            a.removeAll(newer.removed);
            newer.added.stream().filter(s -> !removed.contains(s)).forEach(a::add); // went and came back: as below
            Set<String> r = new HashSet<>(removed);
            r.removeAll(newer.added);
            newer.removed.stream().filter(s -> !added.contains(s)).forEach(r::add); // came and went: not below
            return new Delta(Set.copyOf(a), Set.copyOf(r));
        }
    }

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
        if (added.isEmpty() && removed.isEmpty()) {
            return shown; // what came went again, or the other way round
        }
        if (inLayers + added.size() + removed.size() > 64 + base.size() / 8) {
            base = Set.copyOf(rowsWaiting.keySet());
            layers = List.of();
            inLayers = 0;
            shown = base;
        } else {
            List<Delta> ls = new ArrayList<>(layers);
            ls.add(new Delta(Set.copyOf(added), Set.copyOf(removed)));
            while (ls.size() >= 2 && ls.getLast().size() * 4 >= ls.get(ls.size() - 2).size()) {
                Delta newer = ls.removeLast();
                ls.add(ls.removeLast().then(newer));
            }
            layers = List.copyOf(ls);
            inLayers = layers.stream().mapToInt(Delta::size).sum();
            shown = new Layered(base, layers, rowsWaiting.size());
        }
        added.clear();
        removed.clear();
        return shown;
    }

    /** {@code base} with the changes of {@code layers}, the newest deciding for a source it names. */
    private static final class Layered extends AbstractSet<String> {
        private final Set<String> base;
        private final List<Delta> layers;
        private final int size;

        Layered(Set<String> base, List<Delta> layers, int size) {
            this.base = base;
            this.layers = layers;
            this.size = size;
        }

        @Override
        public boolean contains(Object o) {
            if (o == null) {
                return false;
            }
            for (int i = layers.size() - 1; i >= 0; i--) {
                Delta d = layers.get(i);
                if (d.added().contains(o)) {
                    return true;
                }
                if (d.removed().contains(o)) {
                    return false;
                }
            }
            return base.contains(o);
        }

        /** Whether a layer above {@code level} (-1: the base) names {@code s}. */
        private boolean namedAbove(int level, String s) {
            for (int i = level + 1; i < layers.size(); i++) {
                if (layers.get(i).added().contains(s) || layers.get(i).removed().contains(s)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public Iterator<String> iterator() {
            // Each source from the newest layer that names it, the base's from the base if none does.
            return Stream.concat(base.stream().filter(s -> !namedAbove(-1, s)),
                    IntStream.range(0, layers.size()).boxed().flatMap(
                            i -> layers.get(i).added().stream().filter(s -> !namedAbove(i, s)))).iterator();
        }

        @Override
        public int size() {
            return size;
        }
    }
}
