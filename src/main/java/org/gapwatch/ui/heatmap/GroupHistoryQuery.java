package org.gapwatch.ui.heatmap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gapwatch.track.SourceView;
import org.gapwatch.track.Tracker;

/**
 * What the status-history band asks of the tracker, run on the writer thread: the sources are put into their groups
 * (first level of src) here, off the FX thread, and each group's row is the sum of its sources' rows, through the
 * heatmap's {@link GridQuery}. The FX thread gets groups x columns, however many sources there are. A group with all
 * its sources in the list (no filter) is read from the tracker's counts of the group, so the writer's share does not
 * grow with the sources either.
 *
 * <p>As the heatmap does, a group already in {@code previous} (an immutable result, may be null) is fetched only
 * from its previous end on, so a second's query reads one or two slots per source, not the whole window. The
 * grouping itself is kept ({@link Grouping}) while the band is fed the same list, which it is until sources come or
 * the filter changes: grouping 100,000 sources once a second on the writer thread cost it some 80 ms each time.
 */
final class GroupHistoryQuery {
    private GroupHistoryQuery() {
    }

    /** The sources of one list by group, in the order the groups first appear; {@code of} is that list. */
    record Grouping(List<SourceView> of, List<String> keys, List<int[]> ids) {
        /** {@code previous} when it is of this very list, else a new grouping. */
        static Grouping of(List<SourceView> sources, Grouping previous) {
            if (previous != null && previous.of == sources) {
                return previous;
            }
            Map<String, Integer> rowOf = new HashMap<>();
            List<String> keys = new ArrayList<>();
            List<int[]> ids = new ArrayList<>();
            int[] sizes = new int[16];
            int[][] members = new int[16][];
            String key = null;
            int row = -1;
            for (SourceView v : sources) {
                String src = v.src();
                // Sources come in path order, so a group's sources follow each other: no new String, no hashing.
                if (key == null || !inGroup(src, key)) {
                    key = v.group();
                    Integer r = rowOf.get(key);
                    if (r == null) {
                        r = keys.size();
                        rowOf.put(key, r);
                        keys.add(key);
                        if (r == sizes.length) {
                            sizes = Arrays.copyOf(sizes, 2 * r);
                            members = Arrays.copyOf(members, 2 * r);
                        }
                        members[r] = new int[16];
                    }
                    row = r;
                }
                if (sizes[row] == members[row].length) {
                    members[row] = Arrays.copyOf(members[row], 2 * sizes[row]);
                }
                members[row][sizes[row]++] = v.id();
            }
            for (int r = 0; r < keys.size(); r++) {
                ids.add(Arrays.copyOf(members[r], sizes[r]));
            }
            return new Grouping(sources, List.copyOf(keys), List.copyOf(ids));
        }

        /** Whether {@code src}'s first level is {@code key} (what {@link SourceView#group} would say). */
        private static boolean inGroup(String src, String key) {
            return src.startsWith(key) && (src.length() == key.length() || src.charAt(key.length()) == '/');
        }
    }

    static GridQuery.Result run(Tracker t, Grouping g, GridQuery.Result previous, boolean perMinute,
                                int columns, long now) {
        int[] counts = GridQuery.plan(g.keys(), previous, perMinute, columns, now);
        // Each row is a group: read from the group's own counts when it has all its sources (an unfiltered band).
        return GridQuery.merge(previous, GridQuery.run(t, g.keys(), g.keys(), g.ids(), counts, perMinute, columns,
                now));
    }

    static GridQuery.Result run(Tracker t, List<SourceView> sources, GridQuery.Result previous, boolean perMinute,
                                int columns, long now) {
        return run(t, Grouping.of(sources, null), previous, perMinute, columns, now);
    }
}
