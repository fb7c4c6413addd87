package org.gapwatch.capture;

import java.net.InetSocketAddress;

/**
 * One UDP datagram read from a capture.
 *
 * @param arrivalEpochNanos when the capture saw it (for a reassembled datagram: its last fragment)
 * @param payload           the UDP payload; owned by the receiver of this record
 */
public record CapturedDatagram(long arrivalEpochNanos, InetSocketAddress sender, InetSocketAddress destination,
                               byte[] payload) {

    public long arrivalEpochMillis() {
        return Math.floorDiv(arrivalEpochNanos, 1_000_000L);
    }
}
