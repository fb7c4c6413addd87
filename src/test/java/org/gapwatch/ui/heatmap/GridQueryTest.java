package org.gapwatch.ui.heatmap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.gapwatch.testutil.Feed;
import org.gapwatch.track.Tracker;
import org.junit.jupiter.api.Test;

class GridQueryTest {
    private static final long T0 = 1_800_000_000_000L;

    @Test
    void groupRowSumsReceivedLostAndLateOfItsSources() {
        Feed feed = new Feed();
        feed.send(T0 + 100, "{\"src\":\"g/a\",\"seq\":1}").send(T0 + 200, "{\"src\":\"g/a\",\"seq\":3}")
                .send(T0 + 300, "{\"src\":\"g/a\",\"seq\":2}")                       // late
                .send(T0 + 100, "{\"src\":\"g/b\",\"seq\":1}").send(T0 + 200, "{\"src\":\"g/b\",\"seq\":2}")
                .send(T0 + 1100, "{\"src\":\"g/b\",\"seq\":5}");                     // 2 lost, next second
        Tracker t = feed.engine().trackerOnWriterThread();
        GridQuery.Result r = GridQuery.full(t, List.of("group:g", "g/a"), List.of(new int[] {0, 1}, new int[] {0}),
                false, 3, T0 + 1500);
        assertEquals(T0 / 1000 + 1, r.endSlot());
        assertArrayEquals(new int[] {0, 5, 1}, r.received()[0]);
        assertArrayEquals(new int[] {0, 1, 2}, r.lost()[0]);
        assertArrayEquals(new int[] {0, 1, 0}, r.late()[0]);
        assertArrayEquals(new int[] {0, 3, 0}, r.received()[1]);
        assertEquals(0.0, HeatColors.loss(5, 1, 1));
        assertEquals(2.0 / 3, HeatColors.loss(1, 2, 0), 1e-12);
        assertEquals(List.of("group:g", "g/a"), r.keys());
    }

    @Test
    void aWholeGroupsRowIsReadFromTheGroupsCountsAndAFilteredOneSumsItsSources() {
        Feed feed = new Feed();
        for (int i = 0; i < 300; i++) {
            feed.send(T0 + 100, "{\"src\":\"big/s" + i + "\",\"seq\":1}")
                    .send(T0 + 1200, "{\"src\":\"big/s" + i + "\",\"seq\":" + (2 + i % 3) + "}");
        }
        feed.send(T0 + 1300, "{\"src\":\"small/a\",\"seq\":7}");
        Tracker t = feed.engine().trackerOnWriterThread();
        int[] all = java.util.stream.IntStream.range(0, 300).toArray();
        int[] some = java.util.stream.IntStream.range(0, 100).toArray(); // a filter's share of the group
        List<String> keys = List.of("big", "small", "big (filtered)");
        List<String> groups = List.of("big", "small", "big");
        List<int[]> ids = List.of(all, new int[] {300}, some);
        int[] counts = {3, 3, 3};

        GridQuery.Partial p = GridQuery.run(t, keys, groups, ids, counts, false, 3, T0 + 1500);
        GridQuery.Partial summed = GridQuery.run(t, keys, null, ids, counts, false, 3, T0 + 1500);
        assertEquals(2, p.fromGroups(), "the two whole groups; the filtered row is summed");
        assertEquals(0, summed.fromGroups());
        assertEquals(summed.endSlot(), p.endSlot());
        for (int r = 0; r < 3; r++) {
            assertArrayEquals(summed.received()[r], p.received()[r], "received row " + r);
            assertArrayEquals(summed.lost()[r], p.lost()[r], "lost row " + r);
        }
        assertArrayEquals(new int[] {0, 300, 300}, p.received()[0]);
        assertArrayEquals(new int[] {0, 0, 300}, p.lost()[0], "s1, s4, ... lost 1 and s2, s5, ... lost 2");
        assertArrayEquals(new int[] {0, 100, 100}, p.received()[2]);
    }

    @Test
    void aLargeGroupCountsEverySource() {
        Feed feed = new Feed();
        int n = 2 * 256 + 7;
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            feed.send(T0 + 10, "{\"src\":\"big/s" + i + "\",\"seq\":1}");
            ids[i] = i;
        }
        GridQuery.Result r = GridQuery.full(feed.engine().trackerOnWriterThread(), List.of("group:big"),
                List.of(ids), true, 2, T0 + 10);
        assertArrayEquals(new int[] {0, n}, r.received()[0]);
    }

    @Test
    void fetchingOnlyTheNewestSlotsGivesWhatAFullFetchGives() {
        Feed feed = new Feed();
        String a = "{\"src\":\"g/a\",\"seq\":%d}";
        String b = "{\"src\":\"g/b\",\"seq\":%d}";
        feed.send(T0 + 100, a.formatted(1)).send(T0 + 1100, a.formatted(2)).send(T0 + 2100, a.formatted(5))
                .send(T0 + 100, b.formatted(1));
        Tracker t = feed.engine().trackerOnWriterThread();
        List<String> keys = List.of("group:g", "g/a");
        List<int[]> ids = List.of(new int[] {0, 1}, new int[] {0});
        GridQuery.Result first = GridQuery.full(t, keys, ids, false, 10, T0 + 2500);

        // Later: more in the same second as the first fetch's end, a late one, a gap, and a new row.
        feed.send(T0 + 2700, a.formatted(6)).send(T0 + 4200, a.formatted(3)).send(T0 + 6300, a.formatted(9))
                .send(T0 + 6400, b.formatted(2));
        List<String> keys2 = List.of("group:g", "g/a", "g/b");
        List<int[]> ids2 = List.of(new int[] {0, 1}, new int[] {0}, new int[] {1});
        int[] counts = GridQuery.plan(keys2, first, false, 10, T0 + 6500);
        assertArrayEquals(new int[] {5, 5, 10}, counts);
        GridQuery.Result merged = GridQuery.merge(first, GridQuery.run(t, keys2, null, ids2, counts, false, 10, T0 + 6500));
        GridQuery.Result full = GridQuery.full(t, keys2, ids2, false, 10, T0 + 6500);
        assertEquals(full.endSlot(), merged.endSlot());
        for (int r = 0; r < 3; r++) {
            assertArrayEquals(full.received()[r], merged.received()[r], "received row " + r);
            assertArrayEquals(full.lost()[r], merged.lost()[r], "lost row " + r);
            assertArrayEquals(full.late()[r], merged.late()[r], "late row " + r);
        }
        // Columns are the seconds T0-3 .. T0+6.
        assertArrayEquals(new int[] {0, 0, 0, 1, 1, 2, 0, 1, 0, 1}, merged.received()[1]);
        assertArrayEquals(new int[] {0, 0, 0, 0, 0, 2, 0, 0, 0, 2}, merged.lost()[1]);
        assertArrayEquals(new int[] {0, 0, 0, 0, 0, 0, 0, 1, 0, 0}, merged.late()[1]);
        assertArrayEquals(new int[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, merged.lost()[2]);
    }

    @Test
    void coloursTellNothingExpectedFromNoLossAndGrowWithLoss() {
        HeatColors c = HeatColors.DARK;
        assertEquals(0xff1d2024, c.argb(Double.NaN), "nothing expected: the panel colour");
        assertEquals(0xff3a4047, c.argb(0), "no loss: a quiet grey, no hue");
        assertEquals(0xff5c2a6b, c.argb(0.0001), "the least loss: the dim end of the loss colour");
        assertEquals(0xffe040fb, c.argb(0.1), "10 %: the loss colour itself");
        assertEquals(0xffffd9ff, c.argb(1));
        assertEquals(0xffd3d7dc, HeatColors.LIGHT.argb(0));
        assertEquals(0xfff4f6f8, HeatColors.LIGHT.argb(Double.NaN));
        assertEquals(HeatColors.FIRST_LOSS, HeatColors.scale(0.0001));
        assertEquals(0.5, HeatColors.scale(0.01), 0.01);
        double last = 0;
        for (double loss : new double[] {0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1}) {
            double s = HeatColors.scale(loss);
            assertEquals(true, s > last, "scale grows at " + loss);
            last = s;
        }
    }
}
