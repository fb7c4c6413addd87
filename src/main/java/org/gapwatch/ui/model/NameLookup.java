package org.gapwatch.ui.model;

import java.util.HashMap;
import java.util.Map;

/**
 * Name to source id, immutable, made as sources are added: the names added since come as a small map of their own
 * over the older lookup, and a level is merged into the one below only when it has grown to half that one's size
 * (levels halve downwards, so there are at most log2 of the sources). Adding k names costs k entries now and then
 * their share of the merges, not a copy of every name (at 100,000 sources arriving in batches, a copy of a
 * 100,000-entry map for each index made).
 */
final class NameLookup {
    static final NameLookup EMPTY = new NameLookup(Map.of(), null, 0);

    private final Map<String, Integer> level;
    private final NameLookup below;
    /** Entries copied to make this lookup (tests hold the work by it). */
    final int copied;

    private NameLookup(Map<String, Integer> level, NameLookup below, int copied) {
        this.level = level;
        this.below = below;
        this.copied = copied;
    }

    /** Every id in a new lookup: {@code names[id]} for id 0 .. n-1. */
    static NameLookup of(String[] names, int n) {
        Map<String, Integer> m = new HashMap<>(Math.max(16, n * 2));
        for (int i = 0; i < n; i++) {
            m.put(names[i], i);
        }
        return new NameLookup(m, null, n);
    }

    /** This lookup and {@code names[from .. to-1]} (their ids are their indexes). */
    NameLookup plus(String[] names, int from, int to) {
        Map<String, Integer> top = new HashMap<>(Math.max(16, (to - from) * 2));
        for (int i = from; i < to; i++) {
            top.put(names[i], i);
        }
        int copied = to - from;
        NameLookup under = this;
        // Merge down while the level below is no more than twice as large: sizes halve downwards.
        while (under != null && under.level.size() <= 2 * top.size() && under != EMPTY) {
            Map<String, Integer> merged = new HashMap<>(Math.max(16, (under.level.size() + top.size()) * 2));
            merged.putAll(under.level);
            merged.putAll(top); // a later id for the same name wins, as a map filled in id order would say
            copied += merged.size();
            top = merged;
            under = under.below;
        }
        return new NameLookup(top, under == EMPTY ? null : under, copied);
    }

    /** The id of {@code src}, or -1. */
    int idOf(String src) {
        for (NameLookup l = this; l != null; l = l.below) {
            Integer id = l.level.get(src);
            if (id != null) {
                return id;
            }
        }
        return -1;
    }

    /** Levels searched at most (tests). */
    int depth() {
        int d = 0;
        for (NameLookup l = this; l != null && l != EMPTY; l = l.below) {
            d++;
        }
        return d;
    }
}
