package org.gapwatch.ui.heatmap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gapwatch.track.SourceView;

/** Builds the heatmap's rows: sources under their group (first level of src), in the order given. */
final class HeatRows {
    private HeatRows() {
    }

    static List<HeatRow> build(List<SourceView> sources, Set<String> collapsedGroups) {
        Map<String, List<SourceView>> byGroup = new LinkedHashMap<>();
        for (SourceView v : sources) {
            byGroup.computeIfAbsent(v.group(), g -> new ArrayList<>()).add(v);
        }
        List<HeatRow> rows = new ArrayList<>(sources.size() + byGroup.size());
        for (Map.Entry<String, List<SourceView>> e : byGroup.entrySet()) {
            List<SourceView> members = e.getValue();
            int[] ids = new int[members.size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = members.get(i).id();
            }
            boolean collapsed = collapsedGroups.contains(e.getKey());
            rows.add(HeatRow.group(e.getKey(), ids, collapsed));
            if (!collapsed) {
                for (SourceView v : members) {
                    rows.add(HeatRow.source(v.src(), e.getKey(), v.id()));
                }
            }
        }
        return rows;
    }
}
