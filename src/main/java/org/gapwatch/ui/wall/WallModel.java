package org.gapwatch.ui.wall;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.gapwatch.judge.Judgement;
import org.gapwatch.judge.SourceState;
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
            new Cells(new byte[0], new int[0], new int[0], new WallLayout(0, 800, 200)), new Group[0], new int[0], 0);

    final SourceIndex index;
    final Judgement judgement;
    final Request request;
    final Cells cells;
    final Group[] groups;
    /** Cell of each source id, -1 for a source without a tile (filtered out, or summarised in an aggregate). */
    private final int[] cellOfId;
    /** Sources under the focus matching the filter (with a tile or summarised). */
    final int matched;

    private WallModel(SourceIndex index, Judgement judgement, Request request, Cells cells, Group[] groups,
                      int[] cellOfId, int matched) {
        this.index = index;
        this.judgement = judgement;
        this.request = request;
        this.cells = cells;
        this.groups = groups;
        this.cellOfId = cellOfId;
        this.matched = matched;
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

    int cellOf(int id) {
        return id >= 0 && id < cellOfId.length ? cellOfId[id] : -1;
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
     * The model of {@code index} judged by {@code j} for {@code r}. Shares {@code prev}'s arrangement when it is
     * the same. Linear in the sources under the focus; sorts only group sizes.
     */
    public static WallModel build(SourceIndex index, Judgement j, Request r, WallModel prev) {
        String focus = r.focus();
        String under = focus.isEmpty() ? "" : focus + "/";
        int n = index.size();
        int[] order = index.order();
        int[] members = new int[n];
        int matched = 0;
        List<String> keys = new ArrayList<>();
        List<int[]> counts = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        String key = null;
        int[] cur = null;
        for (int pos = 0; pos < n; pos++) {
            int id = order[pos];
            String src = index.name(id);
            if (!focus.isEmpty() && !src.startsWith(under) && !src.equals(focus)) {
                continue;
            }
            SourceState s = j.state(id);
            if (!r.filter().matchesName(src) || (r.filter().problemsOnly() && !s.isProblem())) {
                continue;
            }
            int slash = src.indexOf('/', under.length());
            int keyEnd = slash < 0 ? src.length() : slash;
            if (key == null || keyEnd != key.length() || !src.startsWith(key)) {
                key = src.substring(0, keyEnd);
                cur = new int[SourceState.values().length];
                keys.add(key);
                counts.add(cur);
                starts.add(matched);
            }
            cur[s.ordinal()]++;
            members[matched++] = id;
        }
        int groupCount = keys.size();
        int[] sizes = new int[groupCount];
        for (int g = 0; g < groupCount; g++) {
            sizes[g] = (g + 1 < groupCount ? starts.get(g + 1) : matched) - starts.get(g);
        }
        int back = focus.isEmpty() ? 0 : 1;
        double zoom = r.zoom();
        double fixed = r.tileWidth() * zoom;
        int capacity = fixed > 0 ? WallLayout.capacity(r.width(), r.height(), fixed) * FIXED_SCREENS
                : WallLayout.capacity(r.width(), r.height(), MIN_FIT_WIDTH * zoom);
        boolean[] collapsed = new boolean[groupCount];
        int[] shown = new int[groupCount];
        long cellsNeeded = back + groupCount + (long) matched;
        if (cellsNeeded > capacity) {
            Integer[] bySize = new Integer[groupCount];
            for (int g = 0; g < groupCount; g++) {
                bySize[g] = g;
            }
            Arrays.sort(bySize, (a, b) -> Integer.compare(sizes[b], sizes[a]));
            int collapsedCount = 0;
            for (int g : bySize) {
                if (cellsNeeded <= capacity) {
                    break;
                }
                collapsed[g] = true;
                collapsedCount++;
                cellsNeeded -= sizes[g]; // its header and tiles become one aggregate tile
            }
            // Room left goes to the collapsed groups' exceptions, an equal share each, the rest to whoever has more.
            long room = Math.max(0, capacity - cellsNeeded);
            long share = collapsedCount == 0 ? 0 : room / collapsedCount;
            for (int g = 0; g < groupCount; g++) {
                if (collapsed[g]) {
                    int ex = sizes[g] - counts.get(g)[SourceState.OK.ordinal()];
                    shown[g] = (int) Math.min(ex, share);
                    room -= shown[g];
                }
            }
            for (int g = 0; g < groupCount && room > 0; g++) {
                if (collapsed[g]) {
                    int ex = sizes[g] - counts.get(g)[SourceState.OK.ordinal()];
                    int more = (int) Math.min(ex - shown[g], room);
                    shown[g] += more;
                    room -= more;
                }
            }
        }
        int cellCount = back;
        for (int g = 0; g < groupCount; g++) {
            cellCount += 1 + (collapsed[g] ? shown[g] : sizes[g]);
        }
        byte[] kind = new byte[cellCount];
        int[] ref = new int[cellCount];
        int[] group = new int[cellCount];
        int[] cellOfId = new int[n];
        Arrays.fill(cellOfId, -1);
        int c = 0;
        if (back == 1) {
            kind[0] = BACK;
            ref[0] = -1;
            group[0] = -1;
            c = 1;
        }
        Group[] groups = new Group[groupCount];
        for (int g = 0; g < groupCount; g++) {
            String k = keys.get(g);
            String title = !focus.isEmpty() && k.length() > under.length() ? k.substring(under.length()) : k;
            groups[g] = new Group(k, title, sizes[g], counts.get(g), collapsed[g], shown[g],
                    summary(sizes[g], counts.get(g)));
            kind[c] = collapsed[g] ? AGGREGATE : HEADER;
            ref[c] = g;
            group[c] = g;
            c++;
            int from = starts.get(g);
            if (!collapsed[g]) {
                for (int i = from; i < from + sizes[g]; i++) {
                    kind[c] = TILE;
                    ref[c] = members[i];
                    group[c] = g;
                    cellOfId[members[i]] = c;
                    c++;
                }
            } else {
                // Its exceptions, worst state first, in path order within a state.
                int left = shown[g];
                for (SourceState s : SourceState.values()) {
                    if (s == SourceState.OK || left == 0) {
                        break;
                    }
                    if (counts.get(g)[s.ordinal()] == 0) {
                        continue;
                    }
                    for (int i = from; i < from + sizes[g] && left > 0; i++) {
                        if (j.state(members[i]) == s) {
                            kind[c] = TILE;
                            ref[c] = members[i];
                            group[c] = g;
                            cellOfId[members[i]] = c;
                            c++;
                            left--;
                        }
                    }
                }
            }
        }
        double tw = fixed > 0 ? fixed
                : WallLayout.fitWidth(cellCount, r.width(), r.height(), MIN_FIT_WIDTH * zoom, MAX_FIT_WIDTH * zoom);
        Cells cells = new Cells(kind, ref, group, new WallLayout(cellCount, r.width(), tw));
        if (prev != null && cells.sameAs(prev.cells)) {
            cells = prev.cells;
        }
        return new WallModel(index, j, r, cells, groups, cellOfId, matched);
    }

    /** "N sources" and the count of every state but OK, worst first: "3 STALE · 2 ALARM · 25 WARN", or "all OK". */
    static String summary(int size, int[] counts) {
        StringBuilder sb = new StringBuilder();
        for (SourceState s : SourceState.values()) {
            int k = counts[s.ordinal()];
            if (s != SourceState.OK && k > 0) {
                sb.append(sb.isEmpty() ? "" : " · ").append(String.format(Locale.ROOT, "%,d", k)).append(' ')
                        .append(s == SourceState.BADLY_LOSING ? "BAD LOSS" : s.word());
            }
        }
        return String.format(Locale.ROOT, "%,d %s", size, size == 1 ? "source" : "sources") + " | "
                + (sb.isEmpty() ? "all OK" : sb);
    }
}
