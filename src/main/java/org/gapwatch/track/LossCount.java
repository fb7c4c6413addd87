package org.gapwatch.track;

/**
 * A count of lost updates that saturates instead of wrapping: a hostile stream can claim gaps of 2^63-2 in session
 * after session, and their sum must not turn negative. {@link Long#MAX_VALUE} then reads "at least that many"; a late
 * arrival takes one off only while the count is exact, since a saturated one stays beyond the ceiling.
 */
final class LossCount {
    private long value;
    private boolean saturated;

    long value() {
        return value;
    }

    void add(long n) {
        if (n > Long.MAX_VALUE - value) {
            value = Long.MAX_VALUE;
            saturated = true;
        } else {
            value += n;
        }
    }

    /** One of the lost numbers came late after all. */
    void recoverOne() {
        if (!saturated && value > 0) {
            value--;
        }
    }

    void reset() {
        value = 0;
        saturated = false;
    }
}
