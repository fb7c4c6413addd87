package org.gapwatch.protocol.mpegts;

/**
 * Receives the continuity lanes of a stream, one call per checked packet, for a tracker that keeps the sequence
 * accounting itself: the PID is the lane, the continuity_counter its 4-bit sequence number, the flags those of
 * {@link ContinuityRule} ({@code NO_PAYLOAD}, {@code DUPLICATE_ALLOWED}, {@code DISCONTINUITY}). Not called for
 * the null PID, for packets with the transport error indicator or an invalid layout.
 */
@FunctionalInterface
public interface TsLaneSink {
    void packet(int pid, int continuityCounter, int flags);
}
