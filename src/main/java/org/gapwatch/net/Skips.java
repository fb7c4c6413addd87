package org.gapwatch.net;

import java.util.SplittableRandom;

/**
 * The numbers a publisher skips on purpose, per source: a share of them at random, counted, and for a source whose
 * last number was skipped one closing datagram more, so that every skip is detectable and the loss exact.
 */
final class Skips {
    private final double loss;
    private final SplittableRandom random;
    private final boolean[] lastSkipped;
    private long skipped;

    Skips(int sources, double loss, SplittableRandom random) {
        if (!(loss >= 0 && loss < 1)) {
            throw new IllegalArgumentException("loss must be a fraction in [0, 1)");
        }
        this.loss = loss;
        this.random = random;
        this.lastSkipped = new boolean[sources];
    }

    /** Decides the next number of {@code source}: true when it is skipped; {@code allowed} false never skips. */
    boolean skip(int source, boolean allowed) {
        if (allowed && loss > 0 && random.nextDouble() < loss) {
            skipped++;
            lastSkipped[source] = true;
            return true;
        }
        lastSkipped[source] = false;
        return false;
    }

    /** True (once) when the source's last number was skipped and a closing datagram must follow. */
    boolean needsClosing(int source) {
        boolean needed = lastSkipped[source];
        lastSkipped[source] = false;
        return needed;
    }

    long skipped() {
        return skipped;
    }
}
