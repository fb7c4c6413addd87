package org.gapwatch.ui.table;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.gapwatch.judge.Judgement;
import org.gapwatch.track.SourceView;
import org.gapwatch.track.TrackerSnapshot;
import org.gapwatch.ui.SourceFilter;
import org.gapwatch.ui.model.SourceIndex;

/**
 * The rows of the table for one snapshot, its judgement and one request (filters and sort order): the source ids
 * in display order and each source's row. Immutable; built off the FX thread ({@link #build}), so that the FX thread
 * only fills the rows on screen.
 */
public final class TableModel {
    /** A sort key: a column and its direction. */
    public record Sort(String column, boolean ascending) {
    }

    /**
     * What the FX thread asks for: the shared filter, each column's filter text (by column, in {@link Column}
     * order, "" for none) and the sort order.
     */
    public record Request(SourceFilter filter, List<String> columnFilters, List<Sort> sort) {
        public Request {
            columnFilters = List.copyOf(columnFilters);
            sort = List.copyOf(sort);
        }

        /** Whether rows can join, leave or move with the data alone (not only when the user changes something). */
        public boolean live() {
            if (filter.problemsOnly()) {
                return true;
            }
            for (String f : columnFilters) {
                if (!f.isBlank()) {
                    return true;
                }
            }
            for (Sort s : sort) {
                if (Column.of(s.column()).live) {
                    return true;
                }
            }
            return false;
        }
    }

    private static final TableModel EMPTY = new TableModel(SourceIndex.empty(), Judgement.empty(), null, new int[0],
            new int[0]);

    final SourceIndex index;
    final Judgement judgement;
    final Request request;
    /** Source ids in display order. */
    final int[] order;
    private final int[] rowOf;

    private TableModel(SourceIndex index, Judgement judgement, Request request, int[] order, int[] rowOf) {
        this.index = index;
        this.judgement = judgement;
        this.request = request;
        this.order = order;
        this.rowOf = rowOf;
    }

    public static TableModel empty() {
        return EMPTY;
    }

    public Request request() {
        return request;
    }

    public SourceIndex index() {
        return index;
    }

    public Judgement judgement() {
        return judgement;
    }

    public int size() {
        return order.length;
    }

    /** The row of source {@code id}, or -1 when it is filtered out: a look-up, not a scan. */
    public int rowOf(int id) {
        return id >= 0 && id < rowOf.length ? rowOf[id] : -1;
    }

    /**
     * The rows of {@code snap} (whose sources {@code index} orders) as judged by {@code j} at {@code now}: those
     * matching every filter, sorted by the request's keys, then by path. Linear in the sources, plus a sort when
     * the order is not by name.
     */
    public static TableModel build(SourceIndex index, TrackerSnapshot snap, Judgement j, Request r, long now,
                                   TableModel prev) {
        int n = Math.min(index.size(), snap.sourceCount());
        Column[] cols = Column.values();
        String[] needles = new String[cols.length];
        for (int c = 0; c < cols.length && c < r.columnFilters().size(); c++) {
            String q = r.columnFilters().get(c).trim();
            needles[c] = q.isEmpty() ? null : q.toLowerCase(Locale.ROOT);
        }
        int[] pathOrder = index.order();
        int[] kept = new int[n];
        int k = 0;
        for (int pos = 0; pos < pathOrder.length; pos++) {
            int id = pathOrder[pos];
            if (id >= n) {
                continue;
            }
            SourceView v = snap.source(id);
            if (!r.filter().matchesName(v.src()) || (r.filter().problemsOnly() && !j.state(id).isProblem())
                    || !columnsMatch(cols, needles, v, j, now)) {
                continue;
            }
            kept[k++] = id;
        }
        int[] order = Arrays.copyOf(kept, k);
        if (!byPathOnly(r.sort())) {
            order = sorted(order, index, snap, j, r.sort(), now);
        }
        if (prev != null && prev.index == index && Arrays.equals(prev.order, order)) {
            order = prev.order; // the same rows in the same order: the FX thread sees it by identity
        }
        int[] rowOf = new int[index.size()];
        Arrays.fill(rowOf, -1);
        for (int i = 0; i < order.length; i++) {
            rowOf[order[i]] = i;
        }
        return new TableModel(index, j, r, order, rowOf);
    }

    private static boolean byPathOnly(List<Sort> sort) {
        return sort.isEmpty() || (sort.getFirst().column().equals("src") && sort.getFirst().ascending());
    }

    private static boolean columnsMatch(Column[] cols, String[] needles, SourceView v, Judgement j, long now) {
        for (int c = 0; c < cols.length; c++) {
            String q = needles[c];
            if (q != null && !matches(cols[c], q, v, j, now)) {
                return false;
            }
        }
        return true;
    }

    /** A column filter: {@code >N} / {@code <N} on a number column, else a case-insensitive substring. */
    static boolean matches(Column c, String q, SourceView v, Judgement j, long now) {
        if (c.numeric && (q.startsWith(">") || q.startsWith("<"))) {
            try {
                double limit = Double.parseDouble(q.substring(1).trim());
                double x = c.number(v, j, now);
                return q.charAt(0) == '>' ? x > limit : x < limit;
            } catch (NumberFormatException e) {
                return true;
            }
        }
        String t = c.text(v, j, now);
        return t != null && t.toLowerCase(Locale.ROOT).contains(q);
    }

    private static int[] sorted(int[] ids, SourceIndex index, TrackerSnapshot snap, Judgement j, List<Sort> sort,
                                long now) {
        int m = ids.length;
        int[] rank = new int[index.size()];
        int[] path = index.order();
        for (int i = 0; i < path.length; i++) {
            rank[path[i]] = i;
        }
        Object[] keys = new Object[sort.size()];
        for (int s = 0; s < sort.size(); s++) {
            Column c = Column.of(sort.get(s).column());
            if (c == Column.SRC) {
                double[] d = new double[m];
                for (int i = 0; i < m; i++) {
                    d[i] = rank[ids[i]];
                }
                keys[s] = d;
            } else if (c.numeric || c == Column.STATUS) {
                double[] d = new double[m];
                for (int i = 0; i < m; i++) {
                    d[i] = c.number(snap.source(ids[i]), j, now);
                }
                keys[s] = d;
            } else {
                String[] t = new String[m];
                for (int i = 0; i < m; i++) {
                    t[i] = c.text(snap.source(ids[i]), j, now);
                }
                keys[s] = t;
            }
        }
        Integer[] pos = new Integer[m];
        for (int i = 0; i < m; i++) {
            pos[i] = i;
        }
        Arrays.sort(pos, (a, b) -> {
            for (int s = 0; s < keys.length; s++) {
                int cmp = keys[s] instanceof double[] d ? Double.compare(d[a], d[b])
                        : compareText(((String[]) keys[s])[a], ((String[]) keys[s])[b]);
                if (cmp != 0) {
                    return sort.get(s).ascending() ? cmp : -cmp;
                }
            }
            return Integer.compare(rank[ids[a]], rank[ids[b]]);
        });
        int[] out = new int[m];
        for (int i = 0; i < m; i++) {
            out[i] = ids[pos[i]];
        }
        return out;
    }

    private static int compareText(String a, String b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        return a.compareToIgnoreCase(b);
    }
}
