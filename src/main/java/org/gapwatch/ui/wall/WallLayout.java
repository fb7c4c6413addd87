package org.gapwatch.ui.wall;

/**
 * Where the cells of the wall go: one grid, left to right, every cell the size of a tile (a source's tile, a
 * group's header, a collapsed group's aggregate tile), so groups share rows and no space is lost to half-empty rows.
 * Positions are in content coordinates (before scrolling) and are arithmetic on the cell's number: nothing here
 * grows with the number of cells.
 */
final class WallLayout {
    static final double GAP = 4;
    static final double ASPECT = 0.5;

    final double tileW;
    final double tileH;
    final double contentHeight;
    final int columns;
    final int cells;

    WallLayout(int cells, double width, double tileWidth) {
        this.cells = cells;
        columns = columns(width, tileWidth);
        // Spread spare width over the tiles so the wall has no ragged right edge.
        this.tileW = Math.max(20, Math.floor((width - GAP) / columns - GAP));
        this.tileH = tileHeight(tileW);
        int rows = (cells + columns - 1) / columns;
        contentHeight = GAP + rows * (tileH + GAP);
    }

    private static int columns(double width, double tileWidth) {
        return Math.max(1, (int) ((width - GAP) / (tileWidth + GAP)));
    }

    private static double tileHeight(double tileW) {
        return Math.round(Math.max(tileW * ASPECT, Math.min(52, tileW * 0.62)));
    }

    /** How many cells of (about) {@code tileWidth} fit in {@code width} x {@code height} without scrolling. */
    static int capacity(double width, double height, double tileWidth) {
        WallLayout one = new WallLayout(1, width, tileWidth);
        int rows = Math.max(1, (int) ((height - GAP) / (one.tileH + GAP)));
        return one.columns * rows;
    }

    double x(int cell) {
        return GAP + (cell % columns) * (tileW + GAP);
    }

    double y(int cell) {
        return GAP + (cell / columns) * (tileH + GAP);
    }

    /** The first cell of the row at content height {@code y} (clamped to the cells). */
    int firstCellAt(double y) {
        int row = Math.max(0, (int) ((y - GAP) / (tileH + GAP)));
        return Math.min(cells, row * columns);
    }

    /** The cell at content point (x, y), or -1 (in a gap or past the last cell). */
    int cellAt(double x, double y) {
        if (x < GAP || y < GAP) {
            return -1;
        }
        int col = (int) ((x - GAP) / (tileW + GAP));
        int row = (int) ((y - GAP) / (tileH + GAP));
        if (col >= columns || x >= x(col) + tileW || y >= GAP + row * (tileH + GAP) + tileH) {
            return -1;
        }
        int cell = row * columns + col;
        return cell < cells ? cell : -1;
    }

    /** The largest tile width (down to {@code min}) at which {@code cells} cells fit in {@code height}. */
    static double fitWidth(int cells, double width, double height, double min, double max) {
        double lo = min, hi = max;
        if (new WallLayout(cells, width, lo).contentHeight > height) {
            return lo;
        }
        for (int i = 0; i < 20 && hi - lo > 1; i++) {
            double mid = (lo + hi) / 2;
            if (new WallLayout(cells, width, mid).contentHeight <= height) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
