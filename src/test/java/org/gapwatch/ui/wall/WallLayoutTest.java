package org.gapwatch.ui.wall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WallLayoutTest {
    @Test
    void groupsShareRowsAndEachStartsWithAHeaderCell() {
        WallLayout l = new WallLayout(new int[] {3, 2}, 4 * (100 + WallLayout.GAP) + WallLayout.GAP, 100);
        assertEquals(4, l.columns);
        // Cells: [H0 t0 t1 t2] [H1 t3 t4]
        assertEquals(l.headerY[0], l.tileY[2]);
        assertEquals(l.headerX[1], WallLayout.GAP);
        assertEquals(l.tileY[3], l.headerY[1]);
        assertEquals(WallLayout.GAP + 2 * (l.tileH + WallLayout.GAP), l.contentHeight);
    }

    @Test
    void hitTestFindsTheTileUnderAPoint() {
        WallLayout l = new WallLayout(new int[] {3}, 4 * (100 + WallLayout.GAP) + WallLayout.GAP, 100);
        assertEquals(0, l.tileAt(l.tileX[0] + 1, l.tileY[0] + 1));
        assertEquals(2, l.tileAt(l.tileX[2] + l.tileW - 1, l.tileY[2] + l.tileH - 1));
        assertEquals(-1, l.tileAt(l.headerX[0] + 5, l.headerY[0] + 5));
        assertEquals(-1, l.tileAt(l.tileX[0] + l.tileW + 1, l.tileY[0] + 1));
    }

    @Test
    void threeHundredTilesFitOneFullHdScreen() {
        int[] groups = {41, 40, 45, 45, 60, 30, 41};
        double width = 1920 - 16;  // less the scroll bar
        double height = 1080 - 48 - 32; // less tool bar and status bar
        double w = WallLayout.fitWidth(groups, width, height, 90, 340);
        WallLayout l = new WallLayout(groups, width, w);
        assertTrue(l.contentHeight <= height, "fits: " + l.contentHeight);
        assertTrue(l.tileW >= 90 && l.tileH >= 50, "tiles stay legible: " + l.tileW + "x" + l.tileH);
    }
}
