package org.gapwatch.ui.heatmap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gapwatch.testutil.Feed;
import org.gapwatch.track.SourceView;
import org.gapwatch.track.TrackerSnapshot;
import org.junit.jupiter.api.Test;

class GroupHistoryQueryTest {
    private static final long T0 = 1_800_000_000_000L;

    @Test
    void groupsAsGroupOfEachSourceSaysInTheOrderGroupsFirstAppear() {
        Feed feed = new Feed();
        String[] names = {"plant/a", "plant/b/c", "grid/x", "plant", "plantx/y", "grid", "hvac/1", "plant/z"};
        for (String n : names) {
            feed.send(T0, "{\"src\":\"" + n + "\",\"seq\":1}");
        }
        TrackerSnapshot snap = feed.publish(T0);
        List<SourceView> views = new ArrayList<>();
        for (int id = 0; id < snap.sourceCount(); id++) {
            views.add(snap.source(id));
        }
        GroupHistoryQuery.Grouping g = GroupHistoryQuery.Grouping.of(views, null);

        Map<String, List<Integer>> expected = new LinkedHashMap<>();
        for (SourceView v : views) {
            expected.computeIfAbsent(v.group(), k -> new ArrayList<>()).add(v.id());
        }
        assertEquals(List.of("plant", "grid", "plantx", "hvac"), g.keys());
        assertEquals(List.copyOf(expected.keySet()), g.keys());
        int r = 0;
        for (List<Integer> ids : expected.values()) {
            assertArrayEquals(ids.stream().mapToInt(Integer::intValue).toArray(), g.ids().get(r++));
        }
    }

    @Test
    void theSameListIsGroupedOnceAtAnySize() {
        for (int n : new int[] {1_000, 50_000}) {
            Feed feed = new Feed();
            for (int i = 0; i < n; i++) {
                feed.send(T0, "{\"src\":\"g" + (i % 8) + "/s" + i + "\",\"seq\":1}");
            }
            TrackerSnapshot snap = feed.publish(T0);
            List<SourceView> views = new ArrayList<>();
            for (int id = 0; id < snap.sourceCount(); id++) {
                views.add(snap.source(id));
            }
            List<SourceView> list = List.copyOf(views);
            GroupHistoryQuery.Grouping first = GroupHistoryQuery.Grouping.of(list, null);
            assertEquals(8, first.keys().size());
            assertEquals(n, first.ids().stream().mapToInt(a -> a.length).sum());
            // Each later query of the same list: no source looked at again.
            assertSame(first, GroupHistoryQuery.Grouping.of(list, first));
            assertSame(first, GroupHistoryQuery.Grouping.of(list, first));
            // Another list (sources came, the filter changed) is grouped afresh.
            GroupHistoryQuery.Grouping other = GroupHistoryQuery.Grouping.of(List.copyOf(views), first);
            assertNotSame(first, other);
            assertEquals(first.keys(), other.keys());
        }
    }
}
