package org.gapwatch.ui.wall;

import static org.junit.jupiter.api.Assertions.assertEquals;

import javafx.scene.canvas.Canvas;
import javafx.scene.text.Font;
import org.gapwatch.judge.SourceState;
import org.gapwatch.testutil.Await;
import org.gapwatch.ui.Palette;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.gapwatch.ui.common.TextFit;

/**
 * An aggregate tile's exceptions read whole: every state's count and word, wrapped or smaller before anything is left
 * out, never a word cut in the middle, and the worst state first with "+N other" where even that is too little.
 */
@ExtendWith(ApplicationExtension.class)
class AggregateTileTest {
    private static final String SUMMARY = "40 sources | 2 STALE · 1 FAULT";

    private static int[] oneFaultTwoStale() {
        int[] counts = new int[SourceState.values().length];
        counts[SourceState.FAULT.ordinal()] = 1;
        counts[SourceState.STALE.ordinal()] = 2;
        counts[SourceState.OK.ordinal()] = 37;
        return counts;
    }

    private static String paint(double w, double h, int hidden) {
        return Await.onFx(() -> {
            Canvas c = new Canvas(w + 10, h + 10);
            return new TilePainter(new TextFit()).paintAggregate(c.getGraphicsContext2D(), Palette.DARK, "plant",
                    SourceState.STALE, SUMMARY, oneFaultTwoStale(), hidden, 5, 5, w, h, false);
        });
    }

    @Test
    void atTheFitTileOf1080pBothStatesShowWholeOnTwoLines() {
        // 264 x 132: the smallest tile "Fit" uses at 1920x1080 (names of 14 px capitals).
        assertEquals("PLANT | 40 sources | 2 STALE | 1 FAULT | +3 more ▸", paint(264, 132, 3));
    }

    @Test
    void withTheHistoryBandOpenTheTileIsLowerAndStillHoldsBothWhole() {
        // 264 x 128 with 22 exceptions without a tile: "+22 more ▸" goes beside the count (at the name's size), so the
        // two rows below are the states' whole width (it overlapped the bottom row's state once).
        assertEquals("PLANT | 40 sources | 2 STALE | 1 FAULT | +22 more ▸", paint(264, 128, 22));
    }

    @Test
    void onAWideTileBothStatesShareOneLine() {
        assertEquals("PLANT | 40 sources | 2 STALE · 1 FAULT | open ▸", paint(520, 132, 0));
    }

    @Test
    void onOneRowTheyGoSmallerBeforeAnythingIsLeftOut() {
        Await.onFx(() -> {
            ExceptionLines lines = new ExceptionLines(new TextFit());
            var parts = ExceptionLines.parts(oneFaultTwoStale());
            // Room for both on one row at the name's size (20) but not at the line's (24); no room for a second row.
            double room = lines.width(parts.get(0), 20) + ExceptionLines.gap(20) + lines.width(parts.get(1), 20);
            var layout = lines.fit(parts, oneFaultTwoStale(), room, room, 0, 24, 20);
            assertEquals("2 STALE · 1 FAULT", layout.text());
            assertEquals(20, layout.size(), 1e-9);
            return null;
        });
    }

    @Test
    void whereEvenThatIsTooLittleTheWorstStateShowsWholeWithHowManyMore() {
        Await.onFx(() -> {
            ExceptionLines lines = new ExceptionLines(new TextFit());
            var parts = ExceptionLines.parts(oneFaultTwoStale());
            // One row, room for the worst state and "+1 other" at the name's size, not for "1 FAULT" beside it.
            double room = lines.width(parts.get(0), 20) + ExceptionLines.gap(20)
                    + lines.width(new ExceptionLines.Part(null, "+1 other"), 20);
            assertEquals(true, room < lines.width(parts.get(0), 20) + ExceptionLines.gap(20)
                    + lines.width(parts.get(1), 20), "the room is too short for both states");
            var layout = lines.fit(parts, oneFaultTwoStale(), room, room, 0, 24, 20);
            assertEquals("2 STALE · +1 other", layout.text());
            assertEquals(20, layout.size(), 1e-9);
            return null;
        });
    }
}
