package org.gapwatch.ui.heatmap;

import java.util.Arrays;
import java.util.List;
import org.gapwatch.track.LossGrid;
import org.gapwatch.track.Tracker;

/**
 * What the heatmap asks of the tracker, run on the writer thread: per row, the received, lost and late counts of its
 * sources summed per column. Sources are fetched a block at a time so a large group never needs one huge grid.
 */
final class GridQuery {
    static final int BLOCK = 256;

    /** Counts for the rows asked for; arrays are [row][column], columns oldest first ending at {@code endSlot}. */
    record Result(List<String> keys, boolean perMinute, long endSlot, int[][] received, int[][] lost, int[][] late) {
    }

    private GridQuery() {
    }

    static Result run(Tracker t, List<String> keys, List<int[]> rowIds, boolean perMinute, int columns, long now) {
        int n = rowIds.size();
        int[][] rec = new int[n][columns];
        int[][] lost = new int[n][columns];
        int[][] late = new int[n][columns];
        long endSlot = perMinute ? Math.floorDiv(now, 60_000) : Math.floorDiv(now, 1000);
        for (int r = 0; r < n; r++) {
            int[] ids = rowIds.get(r);
            for (int from = 0; from < ids.length; from += BLOCK) {
                int[] block = Arrays.copyOfRange(ids, from, Math.min(ids.length, from + BLOCK));
                LossGrid g = t.lossGrid(block, perMinute, columns, now);
                endSlot = g.endSlot();
                for (int i = 0; i < block.length; i++) {
                    add(rec[r], g.received()[i]);
                    add(lost[r], g.lost()[i]);
                    add(late[r], g.late()[i]);
                }
            }
        }
        return new Result(List.copyOf(keys), perMinute, endSlot, rec, lost, late);
    }

    private static void add(int[] into, int[] from) {
        for (int c = 0; c < into.length; c++) {
            long s = (long) into[c] + from[c];
            into[c] = s > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) s;
        }
    }
}
