package org.gapwatch.ui.heatmap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gapwatch.track.SourceView;
import org.gapwatch.track.Tracker;

/**
 * What the status-history band asks of the tracker, run on the writer thread: the sources are put into their groups
 * (first level of src) here, off the FX thread, and each group's row is the sum of its sources' rows, through the
 * heatmap's {@link GridQuery}. The FX thread gets groups x columns, however many sources there are.
 *
 * <p>As the heatmap does, a group already in {@code previous} (an immutable result, may be null) is fetched only
 * from its previous end on, so a second's query reads one or two slots per source, not the whole window.
 */
final class GroupHistoryQuery {
    private GroupHistoryQuery() {
    }

    static GridQuery.Result run(Tracker t, List<SourceView> sources, GridQuery.Result previous, boolean perMinute,
                                int columns, long now) {
        Map<String, List<Integer>> byGroup = new LinkedHashMap<>();
        for (SourceView v : sources) {
            byGroup.computeIfAbsent(v.group(), g -> new ArrayList<>()).add(v.id());
        }
        List<String> keys = new ArrayList<>(byGroup.keySet());
        List<int[]> ids = new ArrayList<>(keys.size());
        for (List<Integer> members : byGroup.values()) {
            ids.add(members.stream().mapToInt(Integer::intValue).toArray());
        }
        int[] counts = GridQuery.plan(keys, previous, perMinute, columns, now);
        return GridQuery.merge(previous, GridQuery.run(t, keys, ids, counts, perMinute, columns, now));
    }
}
