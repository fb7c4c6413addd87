package org.gapwatch.ui.heatmap;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gapwatch.track.SourceView;

/**
 * What the heatmap shows, built off the FX thread (the window's view-model thread, as the wall's and the table's
 * models): its rows (sources under their groups, collapsed as asked) from the sources the wall's filter lets
 * through. Immutable; the FX thread takes the newest by reference ({@link HeatmapView#setModel}) and draws only the
 * rows on screen, so its work does not grow with the number of sources.
 *
 * @param sources       the sources, in display order (the reference handed in)
 * @param rows          the rows, top to bottom
 * @param seen          every group seen by this model or one before it
 * @param autoCollapsed groups first seen with more than {@link HeatmapView#AUTO_COLLAPSE_ABOVE} sources: they start
 *                      collapsed
 * @param request       the collapse choice it was built for
 */
public record HeatRowsModel(List<SourceView> sources, List<HeatRow> rows, Set<String> seen, Set<String> autoCollapsed,
                            Request request) {
    /**
     * The operator's collapse choice: groups collapsed or expanded by hand (others follow {@code autoCollapsed}).
     * A new choice is a new object: the builder compares by identity.
     */
    public record Request(Map<String, Boolean> chosen) {
        public static final Request NONE = new Request(Map.of());

        boolean collapsed(String group, Set<String> autoCollapsed) {
            Boolean c = chosen.get(group);
            return c != null ? c : autoCollapsed.contains(group);
        }
    }

    static final HeatRowsModel EMPTY = new HeatRowsModel(List.of(), List.of(), Set.of(), Set.of(), Request.NONE);

    public static HeatRowsModel empty() {
        return EMPTY;
    }

    /** The rows of {@code sources} for {@code request}; {@code previous} carries the groups seen before. Any thread. */
    public static HeatRowsModel build(List<SourceView> sources, Request request, HeatRowsModel previous) {
        // With many sources a group seen for the first time starts collapsed: its row still shows its loss.
        boolean many = sources.size() > HeatmapView.AUTO_COLLAPSE_ABOVE;
        Set<String> seen = new HashSet<>(previous.seen());
        Set<String> auto = new HashSet<>(previous.autoCollapsed());
        Set<String> collapsed = new HashSet<>();
        for (SourceView v : sources) {
            String g = v.group();
            if (seen.add(g) && many) {
                auto.add(g);
            }
        }
        for (String g : seen) {
            if (request.collapsed(g, auto)) {
                collapsed.add(g);
            }
        }
        return new HeatRowsModel(sources, HeatRows.build(sources, collapsed), Set.copyOf(seen), Set.copyOf(auto),
                request);
    }

    /** Whether {@code group} is collapsed in this model's request. */
    public boolean collapsed(String group) {
        return request.collapsed(group, autoCollapsed);
    }
}
