package org.gapwatch.protocol.mpegts;

/**
 * Receives the continuity lanes of a stream, one call per checked packet, for a tracker that keeps the sequence
 * accounting itself: the PID is the lane, its number the PID's continuity count ({@link ContinuityCounter#counter}:
 * the 4-bit continuity_counter in its low bits, extended over the wraps, where a repeated counter with other bytes
 * is 16 on and a duplicate the same number), the flags those of {@link ContinuityRule} ({@code NO_PAYLOAD},
 * {@code DUPLICATE_ALLOWED}, {@code DISCONTINUITY}). Not called for the null PID, for packets with the transport
 * error indicator or an invalid layout.
 */
@FunctionalInterface
public interface TsLaneSink {
    void packet(int pid, long continuityCount, int flags);
}
