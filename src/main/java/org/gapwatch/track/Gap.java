package org.gapwatch.track;

/**
 * A run of sequence numbers that did not arrive, detected when a higher one did. {@code recovered} of them came
 * late afterwards; the rest are lost.
 *
 * @param previousArrivalMillis arrival of the last update before the gap (0 when unknown): the gap spans the time
 *                              from it to {@code detectedMillis}
 */
public record Gap(long first, long last, long detectedMillis, long recovered, long previousArrivalMillis) {
    public Gap(long first, long last, long detectedMillis, long recovered) {
        this(first, last, detectedMillis, recovered, 0);
    }

    /** Time between the last update before the gap and the one that revealed it; -1 when unknown. */
    public long spanMillis() {
        return previousArrivalMillis <= 0 ? -1 : Math.max(0, detectedMillis - previousArrivalMillis);
    }
    public long count() {
        return last - first + 1;
    }

    public long lost() {
        return count() - recovered;
    }
}
