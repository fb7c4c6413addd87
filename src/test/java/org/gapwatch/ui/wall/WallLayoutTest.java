package org.gapwatch.ui.wall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WallLayoutTest {
    private static final double FOUR_COLUMNS = 4 * (100 + WallLayout.GAP) + WallLayout.GAP;

    @Test
    void cellsFlowLeftToRightInRowsOfTheColumns() {
        WallLayout l = new WallLayout(7, FOUR_COLUMNS, 100);
        assertEquals(4, l.columns);
        // Cells: [0 1 2 3] [4 5 6]
        assertEquals(l.y(0), l.y(3));
        assertEquals(WallLayout.GAP, l.x(4));
        assertEquals(l.y(4), l.y(6));
        assertEquals(WallLayout.GAP + l.tileH + WallLayout.GAP, l.y(4));
        assertEquals(WallLayout.GAP + 2 * (l.tileH + WallLayout.GAP), l.contentHeight);
    }

    @Test
    void hitTestFindsTheCellUnderAPoint() {
        WallLayout l = new WallLayout(6, FOUR_COLUMNS, 100);
        assertEquals(0, l.cellAt(l.x(0) + 1, l.y(0) + 1));
        assertEquals(5, l.cellAt(l.x(5) + l.tileW - 1, l.y(5) + l.tileH - 1));
        assertEquals(-1, l.cellAt(l.x(0) + l.tileW + 1, l.y(0) + 1), "in the gap");
        assertEquals(-1, l.cellAt(l.x(7) + 1, l.y(7) + 1), "past the last cell");
        assertEquals(4, l.firstCellAt(l.y(5) + 1));
    }

    @Test
    void threeHundredTilesFitOneFullHdScreen() {
        int cells = 41 + 40 + 45 + 45 + 60 + 30 + 41 + 7; // tiles and a header per group
        double width = 1920 - 16;  // less the scroll bar
        double height = 1080 - 48 - 32; // less tool bar and status bar
        double w = WallLayout.fitWidth(cells, width, height, 90, 340);
        WallLayout l = new WallLayout(cells, width, w);
        assertTrue(l.contentHeight <= height, "fits: " + l.contentHeight);
        assertTrue(l.tileW >= 90 && l.tileH >= 50, "tiles stay legible: " + l.tileW + "x" + l.tileH);
    }

    @Test
    void capacityIsTheCellsThatFitWithoutScrolling() {
        WallLayout one = new WallLayout(1, FOUR_COLUMNS, 100);
        double height = WallLayout.GAP + 3 * (one.tileH + WallLayout.GAP) + 1;
        assertEquals(12, WallLayout.capacity(FOUR_COLUMNS, height, 100));
        assertTrue(new WallLayout(12, FOUR_COLUMNS, 100).contentHeight <= height);
    }
}
