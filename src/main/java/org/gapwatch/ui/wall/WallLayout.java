package org.gapwatch.ui.wall;

/**
 * Where tiles and group headers go: groups one after another, each with a header row, tiles flowing left to right.
 * Positions are in content coordinates (before scrolling). Pure arithmetic, rebuilt when the set of tiles, the
 * width or the tile size changes.
 */
final class WallLayout {
    static final double GAP = 5;
    static final double ASPECT = 0.6;

    final double tileW;
    final double tileH;
    final double headerH;
    final double[] tileX;
    final double[] tileY;
    final double[] headerY;
    final double contentHeight;

    /** @param groupSizes number of tiles in each group, in display order */
    WallLayout(int[] groupSizes, double width, double tileWidth) {
        int columns = Math.max(1, (int) ((width - GAP) / (tileWidth + GAP)));
        // Spread spare width over the tiles so the wall has no ragged right edge.
        this.tileW = Math.max(20, (width - GAP) / columns - GAP);
        this.tileH = Math.round(tileW * ASPECT);
        this.headerH = Math.round(Math.max(18, Math.min(34, tileH * 0.32)));
        int total = 0;
        for (int n : groupSizes) {
            total += n;
        }
        tileX = new double[total];
        tileY = new double[total];
        headerY = new double[groupSizes.length];
        double y = GAP;
        int k = 0;
        for (int gi = 0; gi < groupSizes.length; gi++) {
            headerY[gi] = y;
            y += headerH;
            for (int i = 0; i < groupSizes[gi]; i++) {
                int c = i % columns;
                if (c == 0 && i > 0) {
                    y += tileH + GAP;
                }
                tileX[k] = GAP + c * (tileW + GAP);
                tileY[k] = y;
                k++;
            }
            if (groupSizes[gi] > 0) {
                y += tileH + GAP;
            }
        }
        contentHeight = y;
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
