package org.gapwatch.track;

/**
 * Received, lost and late counts per time slot for a set of sources: the data behind the loss heatmap. Rows follow
 * {@code ids}; columns are oldest first and end at {@code endSlot} (epoch second or minute).
 */
public record LossGrid(int[] ids, boolean perMinute, long endSlot, int[][] received, int[][] lost, int[][] late) {

    /** Loss fraction of one cell, net of late arrivals; NaN where nothing was expected. */
    public double loss(int row, int column) {
        long r = received[row][column];
        long l = lost[row][column];
        long t = late[row][column];
        if (r + l == 0) {
            return Double.NaN;
        }
        return LossShare.of(r, l, t);
    }
}
