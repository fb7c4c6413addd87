package org.gapwatch.ui.wall;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.gapwatch.judge.Judge;
import org.gapwatch.judge.Judgement;
import org.gapwatch.testutil.ManySources;
import org.gapwatch.track.TrackerSnapshot;
import org.gapwatch.ui.SourceFilter;
import org.gapwatch.ui.model.SourceIndex;
import org.junit.jupiter.api.Test;

class WallModelTest {
    /** a: 100 sources (every 40th faults, every other 15th alarms: 3 and 6), b: 5, c: 50 (two warn); names a/u-K/s-I. */
    private static final TrackerSnapshot SNAP = ManySources.snapshot(155, WallModelTest::name, WallModelTest::status);
    private static final Judgement JUDGED = new Judge().judge(SNAP, ManySources.NOW);
    private static final SourceIndex INDEX = SourceIndex.of(SNAP, SourceIndex.empty(), false);

    private static String name(int i) {
        String g = i < 100 ? "a" : i < 105 ? "b" : "c";
        return g + "/u-" + (i / 10) + "/s-" + i;
    }

    private static String status(int i) {
        if (i < 100) {
            return i % 40 == 0 ? "fault" : i % 15 == 0 ? "alarm" : "ok";
        }
        return i == 110 || i == 111 ? "warn" : "ok";
    }

    /** A viewport of {@code capacity} cells of 100 px (4 columns), at a fixed tile size (4 screens). */
    private static WallModel.Request fixed(String focus, int rows) {
        WallLayout one = new WallLayout(1, 4 * 104 + 4, 100);
        return new WallModel.Request(SourceFilter.ALL, focus, 4 * 104 + 4, 4 + rows * (one.tileH + 4), 100, 1);
    }

    @Test
    void everyTileShowsWhileTheyFit() {
        WallModel m = WallModel.build(INDEX, JUDGED, fixed("", 50), null); // 800 cells
        assertFalse(m.summarised());
        assertEquals(155, m.tileCount());
        assertEquals(3 + 155, m.cells.count(), "a header per group and a tile per source");
        assertEquals(List.of("a: 100 sources | 3 FAULT · 6 ALARM", "b: 5 sources | all OK",
                "c: 50 sources | 2 WARN"), m.groupSummaries());
    }

    @Test
    void aboveTheCapacityTheLargestGroupsCollapseWithExactCountsAndTheirExceptionsWorstFirst() {
        // 10 rows of 4 at a fixed size, 4 screens: 160 cells would fit 158; 9 rows (144) do not.
        assertFalse(WallModel.build(INDEX, JUDGED, fixed("", 10), null).summarised(), "158 cells fit in 160");
        WallModel m = WallModel.build(INDEX, JUDGED, fixed("", 9), null);
        assertTrue(m.summarised());
        // a collapses first (158 - 100 = 58 cells fit in 144): b and c keep their tiles.
        assertEquals(List.of("a (collapsed): 100 sources | 3 FAULT · 6 ALARM", "b: 5 sources | all OK",
                "c: 50 sources | 2 WARN"), m.groupSummaries());
        WallModel.Group a = m.groups[0];
        assertEquals(9, a.exceptions());
        assertEquals(9, a.shownExceptions(), "room for every exception");
        int[] ids = m.tileIds();
        assertEquals(9 + 5 + 50, ids.length);
        // a's exceptions right after its aggregate tile: the faults (0, 40, 80), then the alarms (15, 30, 45...).
        assertArrayEquals(new int[] {0, 40, 80, 15, 30, 45, 60, 75, 90}, java.util.Arrays.copyOf(ids, 9));
        assertEquals(WallModel.AGGREGATE, m.cells.kind[0]);
        assertEquals(-1, m.cellOf(1), "an OK source of a collapsed group has no tile");
        assertEquals(1, m.cellOf(0));
    }

    @Test
    void withLittleRoomOnlySomeExceptionsShowAndTheAggregateSaysHowManyMore() {
        WallModel m = WallModel.build(INDEX, JUDGED, fixed("", 1), null); // 16 cells
        assertEquals(List.of("a (collapsed): 100 sources | 3 FAULT · 6 ALARM", "b: 5 sources | all OK",
                "c (collapsed): 50 sources | 2 WARN"), m.groupSummaries());
        // 2 aggregates + header and 5 tiles of b = 8 cells; 8 left: 4 each, c has only 2, a takes the rest (6).
        assertEquals(6, m.groups[0].shownExceptions());
        assertEquals(2, m.groups[2].shownExceptions());
        assertEquals(16, m.cells.count());
    }

    @Test
    void drillingDownLaysOutTheSubGroupsOfTheFocusBehindABackCell() {
        WallModel m = WallModel.build(INDEX, JUDGED, fixed("a", 50), null);
        assertEquals(WallModel.BACK, m.cells.kind[0]);
        assertEquals(100, m.matched);
        assertEquals(10, m.groups.length, "a/u-0 .. a/u-9");
        assertEquals("u-0", m.groups[0].title());
        assertEquals("a/u-0", m.groups[0].key());
        assertEquals("u-0: 10 sources | 1 FAULT", m.groupSummaries().get(0));
        assertEquals("s-3", m.tileName(m.cellOf(3)), "a tile's name less its group's key");
        assertEquals(1 + 10 + 100, m.cells.count());
    }

    @Test
    void aModelOfTheSameArrangementSharesItsCells() {
        WallModel.Request r = fixed("", 9);
        WallModel m = WallModel.build(INDEX, JUDGED, r, null);
        WallModel again = WallModel.build(INDEX, new Judge().judge(SNAP, ManySources.NOW + 100), r, m);
        assertSame(m.cells, again.cells, "the FX thread tells by identity that nothing moved");
    }

    @Test
    void theFilterNarrowsTheGroupsAndTheirCounts() {
        WallModel m = WallModel.build(INDEX, JUDGED, new WallModel.Request(new SourceFilter("", true), "",
                1000, 1000, 0, 1), null);
        assertEquals(List.of("a: 9 sources | 3 FAULT · 6 ALARM"), m.groupSummaries(), "problems only");
    }
}
