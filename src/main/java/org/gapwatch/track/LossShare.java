package org.gapwatch.track;

/**
 * The one formula for a share lost: updates lost net of those that came late after all, over the updates expected.
 * The judgement ({@code org.gapwatch.judge}) and the heatmap's cells use it; nothing else computes a loss share.
 */
public final class LossShare {
    private LossShare() {
    }

    /** Share of the expected updates lost, net of late arrivals: 0..1 (0 when nothing was expected). */
    public static double of(long received, long lost, long late) {
        // In doubles: received + lost may exceed Long.MAX_VALUE when the loss saturated.
        double netLost = Math.max(0, (double) lost - late);
        double expected = Math.max(0, (double) received - late) + lost;
        return expected == 0 ? 0 : Math.min(1.0, netLost / expected);
    }

    /** Updates lost net of late arrivals. */
    public static long netLost(long lost, long late) {
        return Math.max(0, lost - late);
    }

    /** Updates expected: received (net of late ones, counted lost first) plus lost. */
    public static long expected(long received, long lost, long late) {
        long counted = Math.max(0, received - late);
        return lost > Long.MAX_VALUE - counted ? Long.MAX_VALUE : counted + lost;  // saturates with the loss
    }
}
