package org.gapwatch.ui.wall;

/**
 * Where tiles and group headers go. Tiles flow left to right in one grid; each group begins with a header cell the
 * size of a tile (its name and counts), so groups share rows and no space is lost to half-empty rows. Positions
 * are in content coordinates (before scrolling). Pure arithmetic, rebuilt when the set of tiles, the width or the
 * tile size changes.
 */
final class WallLayout {
    static final double GAP = 4;
    static final double ASPECT = 0.5;

    final double tileW;
    final double tileH;
    final double[] tileX;
    final double[] tileY;
    final double[] headerX;
    final double[] headerY;
    final double contentHeight;
    final int columns;

    /** @param groupSizes number of tiles in each group, in display order */
    WallLayout(int[] groupSizes, double width, double tileWidth) {
        columns = Math.max(1, (int) ((width - GAP) / (tileWidth + GAP)));
        // Spread spare width over the tiles so the wall has no ragged right edge.
        this.tileW = Math.max(20, Math.floor((width - GAP) / columns - GAP));
        this.tileH = Math.round(Math.max(tileW * ASPECT, Math.min(52, tileW * 0.62)));
        int total = 0;
        for (int n : groupSizes) {
            total += n;
        }
        tileX = new double[total];
        tileY = new double[total];
        headerX = new double[groupSizes.length];
        headerY = new double[groupSizes.length];
        int cell = 0;
        int k = 0;
        for (int gi = 0; gi < groupSizes.length; gi++) {
            headerX[gi] = x(cell);
            headerY[gi] = y(cell);
            cell++;
            for (int i = 0; i < groupSizes[gi]; i++) {
                tileX[k] = x(cell);
                tileY[k] = y(cell);
                cell++;
                k++;
            }
        }
        int rows = (cell + columns - 1) / columns;
        contentHeight = GAP + rows * (tileH + GAP);
    }

    private double x(int cell) {
        return GAP + (cell % columns) * (tileW + GAP);
    }

    private double y(int cell) {
        return GAP + (cell / columns) * (tileH + GAP);
    }

    /** The largest tile width (down to {@code min}) at which every tile fits in {@code height}. */
    static double fitWidth(int[] groupSizes, double width, double height, double min, double max) {
        double lo = min, hi = max;
        if (new WallLayout(groupSizes, width, lo).contentHeight > height) {
            return lo;
        }
        for (int i = 0; i < 20 && hi - lo > 1; i++) {
            double mid = (lo + hi) / 2;
            if (new WallLayout(groupSizes, width, mid).contentHeight <= height) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Index of the tile at content point (x, y), or -1. */
    int tileAt(double x, double y) {
        for (int i = 0; i < tileX.length; i++) {
            if (x >= tileX[i] && x < tileX[i] + tileW && y >= tileY[i] && y < tileY[i] + tileH) {
                return i;
            }
        }
        return -1;
    }
}
