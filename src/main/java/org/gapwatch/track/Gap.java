package org.gapwatch.track;

/**
 * A run of sequence numbers that did not arrive, detected when a higher one did. {@code recovered} of them came
 * late afterwards; the rest are lost.
 *
 * @param previousArrivalMillis arrival of the last update before the gap (0 when unknown): the gap spans the time
 *                              from it to {@code detectedMillis}
 * @param byCadence             counted by cadence (due times that passed without a message: collectd, JSON mapped
 *                              without seq), not from sequence numbers; views say "by cadence" beside it
 */
public record Gap(long first, long last, long detectedMillis, long recovered, long previousArrivalMillis,
                  boolean byCadence) {
    public Gap(long first, long last, long detectedMillis, long recovered) {
        this(first, last, detectedMillis, recovered, 0);
    }

    public Gap(long first, long last, long detectedMillis, long recovered, long previousArrivalMillis) {
        this(first, last, detectedMillis, recovered, previousArrivalMillis, false);
    }

    /** "by cadence" for a gap counted by cadence, "" for one of sequence numbers: the word views show beside it. */
    public String how() {
        return byCadence ? "by cadence" : "";
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
