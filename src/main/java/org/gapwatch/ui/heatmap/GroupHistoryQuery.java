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
 */
final class GroupHistoryQuery {
    private GroupHistoryQuery() {
    }

    static GridQuery.Result run(Tracker t, List<SourceView> sources, boolean perMinute, int columns, long now) {
        Map<String, List<Integer>> byGroup = new LinkedHashMap<>();
        for (SourceView v : sources) {
            byGroup.computeIfAbsent(v.group(), g -> new ArrayList<>()).add(v.id());
        }
        List<String> keys = new ArrayList<>(byGroup.keySet());
        List<int[]> ids = new ArrayList<>(keys.size());
        for (List<Integer> members : byGroup.values()) {
            ids.add(members.stream().mapToInt(Integer::intValue).toArray());
        }
        return GridQuery.full(t, keys, ids, perMinute, columns, now);
    }
}
