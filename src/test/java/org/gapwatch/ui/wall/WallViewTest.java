package org.gapwatch.ui.wall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.scene.Scene;
import javafx.stage.Stage;
import org.gapwatch.judge.Judge;
import org.gapwatch.judge.Judgement;
import org.gapwatch.testutil.Await;
import org.gapwatch.testutil.ManySources;
import org.gapwatch.track.TrackerSnapshot;
import org.gapwatch.ui.SourceFilter;
import org.gapwatch.ui.model.SourceIndex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class WallViewTest {
    private WallView wall;

    @Start
    void start(Stage stage) {
        wall = new WallView();
        // Small tiles (the readable minimum scaled down): many cells on screen, as the counts below assume.
        wall.setZoom(90 / WallView.READABLE_TILE_WIDTH);
        stage.setScene(new Scene(wall, 960, 720));
        stage.sizeToScene(); // the primary stage is shared: a size another test class gave it must not stay
        stage.show();
    }

    private static String name(int i) {
        return new String[] {"plant", "grid", "hvac", "water", "fire"}[i % 5] + "/unit-" + (i / 64) + "/sensor-" + i;
    }

    /** As many exceptions at every size (40 alarms, 3 faults): what the wall shows must not grow with the rest. */
    private static String status(int i) {
        return i >= 1_000 ? "ok" : i % 25 == 0 ? "alarm" : i % 333 == 1 ? "fault" : "ok";
    }

    /** What {@code pulses} pulses of the wall look at and paint, after a first full paint, with {@code n} sources. */
    private long[] pulses(int n, int pulses) throws Exception {
        TrackerSnapshot snap = ManySources.snapshot(n, WallViewTest::name, WallViewTest::status);
        Judgement j = new Judge().judge(snap, ManySources.NOW);
        SourceIndex index = SourceIndex.of(snap, SourceIndex.empty(), false);
        return WaitForAsyncUtils.asyncFx(() -> {
            wall.reset();
            WallModel m = WallModel.build(index, j, wall.request(SourceFilter.ALL), null);
            wall.update(snap, j, m, ManySources.NOW);
            wall.takeCellsTouched();
            wall.takePaintCounts();
            for (int p = 1; p <= pulses; p++) {
                wall.update(snap, j, m, ManySources.NOW + p * 16L); // crosses one second: the age slices run
            }
            int[] painted = wall.takePaintCounts();
            return new long[] {wall.takeCellsTouched(), painted[0] + painted[1], m.cells.count(), m.tileCount()};
        }).get();
    }

    @Test
    void aPulseLooksAtTheCellsOnScreenWhateverTheNumberOfSources() throws Exception {
        long[] small = pulses(1_000, 70);
        long[] large = pulses(50_000, 70);
        // Both summarise into the same cells (5 aggregate tiles and the 43 exceptions): a pulse looks at those.
        assertEquals(5 + 43, small[2]);
        assertEquals(small[2], large[2], "the same cells at 1,000 and 50,000 sources");
        assertEquals(70 * small[2], small[0], "each pulse looks at each cell on screen once");
        assertEquals(small[0], large[0], "cells looked at: the same with 50 times the sources");
        assertEquals(small[1], large[1], "cells painted: the same with 50 times the sources");
        assertEquals(43, large[1], "the one-second repaint paints every source tile once");
    }

    @Test
    void aClickOnAnAggregateTileDrillsDownAndBackGoesUp(FxRobot robot) throws Exception {
        TrackerSnapshot snap = ManySources.snapshot(5_000, WallViewTest::name, WallViewTest::status);
        Judgement j = new Judge().judge(snap, ManySources.NOW);
        SourceIndex index = SourceIndex.of(snap, SourceIndex.empty(), false);
        Runnable pulse = () -> wall.update(snap, j, WallModel.build(index, j, wall.request(SourceFilter.ALL),
                wall.model()), ManySources.NOW);
        WaitForAsyncUtils.asyncFx(() -> {
            wall.reset();
            pulse.run();
        }).get();
        assertTrue(WaitForAsyncUtils.asyncFx(() -> wall.model().summarised()).get(), "5,000 sources summarise");
        var centre = WaitForAsyncUtils.asyncFx(() -> wall.localToScreen(wall.aggregateCentre("plant"))).get();
        assertNotNull(centre);
        robot.clickOn(centre);
        Await.fx("the click drilled into plant", () -> "plant".equals(wall.focus()));
        WaitForAsyncUtils.asyncFx(pulse).get();
        WallModel in = WaitForAsyncUtils.asyncFx(() -> wall.model()).get();
        assertEquals(1_000, in.matched, "the 1,000 sources under plant");
        assertEquals(WallModel.BACK, in.cells.kind[0]);
        assertTrue(in.groups[0].key().startsWith("plant/unit-"), in.groups[0].key());
        var back = WaitForAsyncUtils.asyncFx(() -> wall.localToScreen(wall.cellCentreForTest(0))).get();
        robot.clickOn(back);
        Await.fx("back up to all sources", () -> wall.focus().isEmpty());
    }
}
