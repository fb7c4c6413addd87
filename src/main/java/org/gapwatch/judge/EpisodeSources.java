package org.gapwatch.judge;

import java.util.AbstractList;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.RandomAccess;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sources of an open loss episode in the order they joined it: appended by the judge's thread only, never removed.
 * {@link #list()} and {@link #set()} are immutable views of the sources joined so far that cost nothing to make and
 * that any thread may read while more join: a view reads only the first {@code size} names, which never change, and
 * its set's look-up counts an entry only below its size. So each judgement of a growing episode shares the names
 * instead of copying them all (a copy per judgement grew with the episode: 100,000 sources joining at 2,000 a round
 * cost most of the judge's time in copies).
 */
final class EpisodeSources {
    /** The position at which each source joined. Concurrent: readers look up while the judge's thread adds. */
    private final ConcurrentHashMap<String, Integer> joinedAt = new ConcurrentHashMap<>();
    /** The names by position; replaced by a longer copy when full, so the views made before keep theirs intact. */
    private String[] names = new String[16];
    private int size;

    /** Adds {@code src} unless it joined already; says whether it is new. The judge's thread only. */
    boolean add(String src) {
        if (joinedAt.containsKey(src)) { // a read, most of the time: putIfAbsent locks the bin
            return false;
        }
        joinedAt.put(src, size);
        if (size == names.length) {
            names = Arrays.copyOf(names, size * 2);
        }
        names[size++] = src;
        return true;
    }

    int size() {
        return size;
    }

    boolean contains(String src) {
        return joinedAt.containsKey(src);
    }

    /** The sources joined so far, in that order; unmodifiable, and unchanged as more join. */
    List<String> list() {
        return new Joined(names, size);
    }

    /** The same as a set. */
    Set<String> set() {
        return new JoinedSet(joinedAt, names, size);
    }

    /** Whether {@code sources} is such a view: an {@link Episode} keeps it as it is, not copied. */
    static boolean isView(List<String> sources) {
        return sources instanceof Joined;
    }

    /** The first {@code size} names of an array whose first {@code size} entries never change. */
    private static final class Joined extends AbstractList<String> implements RandomAccess {
        private final String[] names;
        private final int size;

        Joined(String[] names, int size) {
            this.names = names;
            this.size = size;
        }

        @Override
        public String get(int i) {
            java.util.Objects.checkIndex(i, size);
            return names[i];
        }

        @Override
        public int size() {
            return size;
        }
    }

    private static final class JoinedSet extends AbstractSet<String> {
        private final ConcurrentHashMap<String, Integer> joinedAt;
        private final Joined names;

        JoinedSet(ConcurrentHashMap<String, Integer> joinedAt, String[] names, int size) {
            this.joinedAt = joinedAt;
            this.names = new Joined(names, size);
        }

        @Override
        public boolean contains(Object o) {
            Integer at = o == null ? null : joinedAt.get(o);
            return at != null && at < names.size;
        }

        @Override
        public Iterator<String> iterator() {
            return names.iterator();
        }

        @Override
        public int size() {
            return names.size;
        }
    }
}
