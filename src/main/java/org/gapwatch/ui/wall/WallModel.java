package org.gapwatch.ui.wall;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import org.gapwatch.judge.Judgement;
import org.gapwatch.judge.SourceState;
import org.gapwatch.track.TrackerSnapshot;
import org.gapwatch.ui.SourceFilter;
import org.gapwatch.ui.model.SourceIndex;

/**
 * What the wall shows for one snapshot, its judgement and one request (filter, drill-down focus, viewport): the
 * cells in order (group headers, source tiles, aggregate tiles of collapsed groups), each group's exact counts per
 * state, the layout and a source-to-cell index. Immutable; built off the FX thread ({@link #build}), so that the FX
 * thread only paints the cells on screen.
 *
 * <p>When the sources under the focus need more cells than fit (at the smallest tile under "Fit", or in
 * {@link #FIXED_SCREENS} screens at a fixed tile size), the largest groups collapse into one aggregate tile each,
 * followed by as many of their exceptions (sources not OK, worst first) as there is room for. A click on an aggregate
 * tile drills down: the group becomes the focus, and its own sub-groups are laid out the same way.
 */
public final class WallModel {
    /** At a fixed tile size the wall scrolls through at most this many screens before groups collapse. */
    static final int FIXED_SCREENS = 4;
    /** "Fit" never goes below a tile readable from three metres (see WallView.READABLE_TILE_WIDTH). */
    static final double MIN_FIT_WIDTH = WallView.READABLE_TILE_WIDTH;
    static final double MAX_FIT_WIDTH = 2 * WallView.READABLE_TILE_WIDTH;

    static final byte TILE = 0;
    static final byte HEADER = 1;
    static final byte AGGREGATE = 2;
    /** The first cell while drilled down: back up one level. */
    static final byte BACK = 3;

    /** What the FX thread asks for: the filter, the focus ("" for all) and the viewport the wall has. */
    public record Request(SourceFilter filter, String focus, double width, double height, double tileWidth,
                          double zoom) {
        public static final Request NONE = new Request(SourceFilter.ALL, "", 800, 600, 0, 1);
    }

    /**
     * One group under the focus: its full key (the path prefix), its title (the key less the focus), how many of
     * its sources match the filter, and of those how many are in each state (exact, by {@link SourceState}
     * ordinal). {@code shownExceptions} of a collapsed group: how many of its exceptions have a tile of their own.
     */
    record Group(String key, String title, int size, int[] counts, boolean collapsed, int shownExceptions,
                 String summary) {
        int count(SourceState s) {
            return counts[s.ordinal()];
        }

        int exceptions() {
            return size - counts[SourceState.OK.ordinal()];
        }

        /** The worst state any of its sources is in (OK when empty). */
        SourceState worst() {
            for (SourceState s : SourceState.values()) {
                if (counts[s.ordinal()] > 0) {
                    return s;
                }
            }
            return SourceState.OK;
        }
    }

    /**
     * The arrangement: kind, reference (source id of a tile, group of a header or aggregate) and group of each
     * cell, and the layout. A model whose arrangement equals the previous one's shares it, so the FX thread sees by
     * identity that only states and values can have changed.
     */
    static final class Cells {
        final byte[] kind;
        final int[] ref;
        final int[] group;
        final WallLayout layout;

        Cells(byte[] kind, int[] ref, int[] group, WallLayout layout) {
            this.kind = kind;
            this.ref = ref;
            this.group = group;
            this.layout = layout;
        }

        int count() {
            return kind.length;
        }

        boolean sameAs(Cells o) {
            return o != null && o.layout.tileW == layout.tileW && o.layout.columns == layout.columns
                    && Arrays.equals(o.kind, kind) && Arrays.equals(o.ref, ref) && Arrays.equals(o.group, group);
        }
    }

    private static final WallModel EMPTY = new WallModel(SourceIndex.empty(), Judgement.empty(), Request.NONE,
            new Cells(new byte[0], new int[0], new int[0], new WallLayout(0, 800, 200)), new Group[0], null,
            new int[0], new int[0], new int[0], 0, 0);
    private static final SourceState[] STATES = SourceState.values();
    private static final int OK = SourceState.OK.ordinal();

    final SourceIndex index;
    final Judgement judgement;
    final Request request;
    final Cells cells;
    final Group[] groups;
    /** Which sources are on the wall in which group (null for the empty model); shared while index and request are. */
    private final Members members;
    /** Cell of each group's header or aggregate tile. */
    private final int[] firstCell;
    /** The tiles of collapsed groups' exceptions: source ids, ascending, and their cells. */
    private final int[] exceptionIds;
    private final int[] exceptionCells;
    /** Sources under the focus matching the filter (with a tile or summarised). */
    final int matched;
    /** Sources whose state this build read (all of them, or those of the judge's chunks that changed). */
    private final int examined;

    private WallModel(SourceIndex index, Judgement judgement, Request request, Cells cells, Group[] groups,
                      Members members, int[] firstCell, int[] exceptionIds, int[] exceptionCells, int matched,
                      int examined) {
        this.index = index;
        this.judgement = judgement;
        this.request = request;
        this.cells = cells;
        this.groups = groups;
        this.members = members;
        this.firstCell = firstCell;
        this.exceptionIds = exceptionIds;
        this.exceptionCells = exceptionCells;
        this.matched = matched;
        this.examined = examined;
    }

    public static WallModel empty() {
        return EMPTY;
    }

    public SourceIndex index() {
        return index;
    }

    public Judgement judgement() {
        return judgement;
    }

    public Request request() {
        return request;
    }

    /** How many sources' states this model's build read (tests hold the incremental builder's work by it). */
    public int examined() {
        return examined;
    }

    /** Cell of source {@code id}, -1 for a source without a tile (filtered out, or summarised in an aggregate). */
    int cellOf(int id) {
        if (members == null || id < 0 || id >= members.groupOfId.length || members.groupOfId[id] < 0) {
            return -1;
        }
        int g = members.groupOfId[id];
        if (!members.collapsed[g]) {
            return firstCell[g] + 1 + members.posInGroup[id];
        }
        int k = Arrays.binarySearch(exceptionIds, id);
        return k >= 0 ? exceptionCells[k] : -1;
    }

    /** Number of source tiles (sources shown one by one). */
    public int tileCount() {
        int n = 0;
        for (byte k : cells.kind) {
            n += k == TILE ? 1 : 0;
        }
        return n;
    }

    /** Source ids of the tiles in display order. */
    public int[] tileIds() {
        int[] out = new int[tileCount()];
        for (int c = 0, k = 0; c < cells.count(); c++) {
            if (cells.kind[c] == TILE) {
                out[k++] = cells.ref[c];
            }
        }
        return out;
    }

    /** Whether any group is collapsed into an aggregate tile. */
    public boolean summarised() {
        for (Group g : groups) {
            if (g.collapsed()) {
                return true;
            }
        }
        return false;
    }

    /** Title, source count and the counts per state of each group, for tests and diagnostics. */
    public List<String> groupSummaries() {
        List<String> out = new ArrayList<>();
        for (Group g : groups) {
            out.add(g.title() + (g.collapsed() ? " (collapsed)" : "") + ": " + g.summary());
        }
        return out;
    }

    /** The name a tile shows: the source's path less its group's key (the header or aggregate shows that). */
    String tileName(int cell) {
        String src = index.name(cells.ref[cell]);
        String key = groups[cells.group[cell]].key();
        return src.length() > key.length() + 1 && src.startsWith(key) && src.charAt(key.length()) == '/'
                ? src.substring(key.length() + 1) : src;
    }

    // ---- building (off the FX thread) ----

    /**
     * The model of {@code index} judged by {@code j} for {@code r}, made from nothing (linear in the sources under
     * the focus; sorts only group sizes). Shares {@code prev}'s arrangement when it is the same. A {@link Builder}
     * makes the same models, but reads only the states that changed since its previous one.
     */
    public static WallModel build(SourceIndex index, Judgement j, Request r, WallModel prev) {
        Members m = Members.of(index, j, r);
        Tally t = Tally.of(m, j);
        return assemble(m, t, j, r, prev, m.matched);
    }

    /**
     * Makes the wall's models one after another on one thread (the view-model thread), keeping what the previous
     * one was made of: while the index and the request stay the same (and the filter does not depend on the states,
     * as "problems only" does), a new judgement costs the sources of the judge's chunks that changed, the groups and
     * the cells, not a pass over every source (at 100,000 sources that pass was made ten times a second).
     */
    public static final class Builder {
        private WallModel last = EMPTY;
        private Tally tally;

        public WallModel build(SourceIndex index, Judgement j, Request r) {
            WallModel prev = last;
            Members m = prev.members;
            if (m != null && tally != null && m.index == index && m.request.equals(r) && !m.stateDependent) {
                int examined = tally.update(prev.judgement, j);
                last = assemble(m, tally, j, r, prev, examined);
            } else {
                m = Members.of(index, j, r);
                tally = Tally.of(m, j);
                last = assemble(m, tally, j, r, prev, m.matched);
            }
            return last;
        }

        /** Starts afresh (another engine). */
        public void reset() {
            last = EMPTY;
            tally = null;
        }
    }

    /**
     * Which sources are on the wall and in which group, for one index and request: the groups under the focus in
     * path order, their members, which groups collapse into an aggregate tile (by their sizes alone). Immutable.
     */
    private static final class Members {
        final SourceIndex index;
        final Request request;
        /** The filter shows problems only: who is on the wall depends on the states, so nothing is kept. */
        final boolean stateDependent;
        final String[] keys;
        final String[] titles;
        final int[] starts;
        final int[] sizes;
        /** Source ids in wall order, group after group. */
        final int[] ids;
        /** Group of each source id, -1 when not on the wall; its position within the group. */
        final int[] groupOfId;
        final int[] posInGroup;
        final boolean[] collapsed;
        final int collapsedCount;
        /** Cells the groups take before their exceptions are shown (back, headers, aggregates, tiles). */
        final long cellsNeeded;
        final int capacity;
        final int matched;
        final double fixed;

        private Members(SourceIndex index, Request r, List<String> keys, List<Integer> starts, int[] ids,
                        int matched, int[] groupOfId, int[] posInGroup) {
            this.index = index;
            this.request = r;
            this.stateDependent = r.filter().problemsOnly();
            String focus = r.focus();
            String under = focus.isEmpty() ? "" : focus + "/";
            int groupCount = keys.size();
            this.keys = keys.toArray(new String[0]);
            this.titles = new String[groupCount];
            this.starts = new int[groupCount];
            this.sizes = new int[groupCount];
            for (int g = 0; g < groupCount; g++) {
                String k = this.keys[g];
                titles[g] = !focus.isEmpty() && k.length() > under.length() ? k.substring(under.length()) : k;
                this.starts[g] = starts.get(g);
                sizes[g] = (g + 1 < groupCount ? starts.get(g + 1) : matched) - starts.get(g);
            }
            this.ids = ids;
            this.matched = matched;
            this.groupOfId = groupOfId;
            this.posInGroup = posInGroup;
            int back = focus.isEmpty() ? 0 : 1;
            double zoom = r.zoom();
            fixed = r.tileWidth() * zoom;
            capacity = fixed > 0 ? WallLayout.capacity(r.width(), r.height(), fixed) * FIXED_SCREENS
                    : WallLayout.capacity(r.width(), r.height(), MIN_FIT_WIDTH * zoom);
            collapsed = new boolean[groupCount];
            long needed = back + groupCount + (long) matched;
            int count = 0;
            if (needed > capacity) {
                Integer[] bySize = new Integer[groupCount];
                for (int g = 0; g < groupCount; g++) {
                    bySize[g] = g;
                }
                Arrays.sort(bySize, (a, b) -> Integer.compare(sizes[b], sizes[a]));
                for (int g : bySize) {
                    if (needed <= capacity) {
                        break;
                    }
                    collapsed[g] = true;
                    count++;
                    needed -= sizes[g]; // its header and tiles become one aggregate tile
                }
            }
            collapsedCount = count;
            cellsNeeded = needed;
        }

        /** Linear in the sources under the focus; reads states only for a "problems only" filter. */
        static Members of(SourceIndex index, Judgement j, Request r) {
            String focus = r.focus();
            String under = focus.isEmpty() ? "" : focus + "/";
            int n = index.size();
            int[] order = index.order();
            int[] ids = new int[n];
            int[] groupOfId = new int[n];
            int[] posInGroup = new int[n];
            Arrays.fill(groupOfId, -1);
            int matched = 0;
            List<String> keys = new ArrayList<>();
            List<Integer> starts = new ArrayList<>();
            String key = null;
            for (int pos = 0; pos < n; pos++) {
                int id = order[pos];
                String src = index.name(id);
                if (!focus.isEmpty() && !src.startsWith(under) && !src.equals(focus)) {
                    continue;
                }
                if (!r.filter().matchesName(src) || (r.filter().problemsOnly() && !j.state(id).isProblem())) {
                    continue;
                }
                int slash = src.indexOf('/', under.length());
                int keyEnd = slash < 0 ? src.length() : slash;
                if (key == null || keyEnd != key.length() || !src.startsWith(key)) {
                    key = src.substring(0, keyEnd);
                    keys.add(key);
                    starts.add(matched);
                }
                groupOfId[id] = keys.size() - 1;
                posInGroup[id] = matched - starts.get(starts.size() - 1);
                ids[matched++] = id;
            }
            return new Members(index, r, keys, starts, ids, matched, groupOfId, posInGroup);
        }
    }

    /**
     * The counts per state of each group and, for a collapsed group, which of its members are in each state but
     * OK (a bit per position in the group, so that its exceptions are found worst first in path order without a
     * pass over the group). Mutable: a {@link Builder} moves it from one judgement to the next.
     */
    private static final class Tally {
        final Members m;
        final int[][] counts;
        final BitSet[][] inState;
        /** Groups whose counts changed in the last update. */
        final boolean[] changed;

        private Tally(Members m) {
            this.m = m;
            int groupCount = m.keys.length;
            counts = new int[groupCount][STATES.length];
            inState = new BitSet[groupCount][];
            changed = new boolean[groupCount];
            for (int g = 0; g < groupCount; g++) {
                if (m.collapsed[g]) {
                    inState[g] = new BitSet[STATES.length];
                    for (int s = 0; s < STATES.length; s++) {
                        inState[g][s] = new BitSet();
                    }
                }
            }
        }

        static Tally of(Members m, Judgement j) {
            Tally t = new Tally(m);
            for (int g = 0; g < m.keys.length; g++) {
                for (int i = m.starts[g], end = i + m.sizes[g]; i < end; i++) {
                    t.add(g, i - m.starts[g], j.state(m.ids[i]).ordinal());
                }
            }
            Arrays.fill(t.changed, true);
            return t;
        }

        private void add(int g, int pos, int s) {
            counts[g][s]++;
            if (inState[g] != null && s != OK) {
                inState[g][s].set(pos);
            }
        }

        private void remove(int g, int pos, int s) {
            counts[g][s]--;
            if (inState[g] != null && s != OK) {
                inState[g][s].clear(pos);
            }
        }

        /** From {@code before}'s states to {@code now}'s, reading only chunks the judge changed; sources read. */
        int update(Judgement before, Judgement now) {
            Arrays.fill(changed, false);
            int n = m.groupOfId.length;
            int examined = 0;
            for (int c = 0, chunks = (n + TrackerSnapshot.CHUNK - 1) / TrackerSnapshot.CHUNK; c < chunks; c++) {
                if (now.sameStates(before, c)) {
                    continue;
                }
                for (int id = c * TrackerSnapshot.CHUNK, end = Math.min(n, id + TrackerSnapshot.CHUNK); id < end;
                     id++) {
                    examined++;
                    int g = m.groupOfId[id];
                    if (g < 0) {
                        continue;
                    }
                    SourceState was = before.state(id);
                    SourceState is = now.state(id);
                    if (was != is) {
                        remove(g, m.posInGroup[id], was.ordinal());
                        add(g, m.posInGroup[id], is.ordinal());
                        changed[g] = true;
                    }
                }
            }
            return examined;
        }
    }

    /**
     * The model of members {@code m} with the counts of {@code t}; linear in the groups and the cells only. It
     * carries {@code asked} (equal to the members' request) itself, so that a caller tells by identity what it is for.
     */
    private static WallModel assemble(Members m, Tally t, Judgement j, Request asked, WallModel prev, int examined) {
        int groupCount = m.keys.length;
        int back = m.request.focus().isEmpty() ? 0 : 1;
        int[] shown = new int[groupCount];
        if (m.collapsedCount > 0) {
            // Room left goes to the collapsed groups' exceptions, an equal share each, the rest to whoever has more.
            long room = Math.max(0, m.capacity - m.cellsNeeded);
            long share = room / m.collapsedCount;
            for (int g = 0; g < groupCount; g++) {
                if (m.collapsed[g]) {
                    int ex = m.sizes[g] - t.counts[g][OK];
                    shown[g] = (int) Math.min(ex, share);
                    room -= shown[g];
                }
            }
            for (int g = 0; g < groupCount && room > 0; g++) {
                if (m.collapsed[g]) {
                    int ex = m.sizes[g] - t.counts[g][OK];
                    int more = (int) Math.min(ex - shown[g], room);
                    shown[g] += more;
                    room -= more;
                }
            }
        }
        int cellCount = back;
        for (int g = 0; g < groupCount; g++) {
            cellCount += 1 + (m.collapsed[g] ? shown[g] : m.sizes[g]);
        }
        byte[] kind = new byte[cellCount];
        int[] ref = new int[cellCount];
        int[] group = new int[cellCount];
        int[] firstCell = new int[groupCount];
        int exceptions = 0;
        for (int g = 0; g < groupCount; g++) {
            exceptions += shown[g];
        }
        long[] exceptionAt = new long[exceptions]; // id << 32 | cell, sorted below
        int e = 0;
        int c = 0;
        if (back == 1) {
            kind[0] = BACK;
            ref[0] = -1;
            group[0] = -1;
            c = 1;
        }
        boolean samePrev = prev != null && prev.members == m;
        Group[] groups = new Group[groupCount];
        for (int g = 0; g < groupCount; g++) {
            Group before = samePrev ? prev.groups[g] : null;
            groups[g] = before != null && before.shownExceptions() == shown[g]
                    && Arrays.equals(before.counts(), t.counts[g]) ? before
                    : new Group(m.keys[g], m.titles[g], m.sizes[g], t.counts[g].clone(), m.collapsed[g], shown[g],
                            summary(m.sizes[g], t.counts[g]));
            firstCell[g] = c;
            kind[c] = m.collapsed[g] ? AGGREGATE : HEADER;
            ref[c] = g;
            group[c] = g;
            c++;
            int from = m.starts[g];
            if (!m.collapsed[g]) {
                for (int i = from; i < from + m.sizes[g]; i++) {
                    kind[c] = TILE;
                    ref[c] = m.ids[i];
                    group[c] = g;
                    c++;
                }
            } else {
                // Its exceptions, worst state first, in path order within a state.
                int left = shown[g];
                for (int s = 0; s < STATES.length && s != OK && left > 0; s++) {
                    BitSet in = t.inState[g][s];
                    for (int p = in.nextSetBit(0); p >= 0 && left > 0; p = in.nextSetBit(p + 1)) {
                        int id = m.ids[from + p];
                        kind[c] = TILE;
                        ref[c] = id;
                        group[c] = g;
                        exceptionAt[e++] = (long) id << 32 | c;
                        c++;
                        left--;
                    }
                }
            }
        }
        Arrays.sort(exceptionAt);
        int[] exceptionIds = new int[exceptions];
        int[] exceptionCells = new int[exceptions];
        for (int k = 0; k < exceptions; k++) {
            exceptionIds[k] = (int) (exceptionAt[k] >>> 32);
            exceptionCells[k] = (int) exceptionAt[k];
        }
        Request r = m.request;
        double zoom = r.zoom();
        double tw = m.fixed > 0 ? m.fixed
                : WallLayout.fitWidth(cellCount, r.width(), r.height(), MIN_FIT_WIDTH * zoom, MAX_FIT_WIDTH * zoom);
        Cells cells = new Cells(kind, ref, group, new WallLayout(cellCount, r.width(), tw));
        if (prev != null && cells.sameAs(prev.cells)) {
            cells = prev.cells;
        }
        return new WallModel(m.index, j, asked, cells, groups, m, firstCell, exceptionIds, exceptionCells, m.matched,
                examined);
    }

    /** A state's word in a group's counts: LOSS and BAD LOSS told apart. */
    static String word(SourceState s) {
        return s == SourceState.BADLY_LOSING ? "BAD LOSS" : s.word();
    }

    /** "N sources" and the count of every state but OK, worst first: "3 STALE · 2 ALARM · 25 WARN", or "all OK". */
    static String summary(int size, int[] counts) {
        StringBuilder sb = new StringBuilder();
        for (SourceState s : SourceState.values()) {
            int k = counts[s.ordinal()];
            if (s != SourceState.OK && k > 0) {
                sb.append(sb.isEmpty() ? "" : " · ").append(String.format(Locale.ROOT, "%,d", k)).append(' ')
                        .append(word(s));
            }
        }
        return String.format(Locale.ROOT, "%,d %s", size, size == 1 ? "source" : "sources") + " | "
                + (sb.isEmpty() ? "all OK" : sb);
    }
}
