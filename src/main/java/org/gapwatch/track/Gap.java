package org.gapwatch.track;

/**
 * A run of sequence numbers that did not arrive, detected when a higher one did. {@code recovered} of them came
 * late afterwards; the rest are lost.
 */
public record Gap(long first, long last, long detectedMillis, long recovered) {
    public long count() {
        return last - first + 1;
    }

    public long lost() {
        return count() - recovered;
    }
}
