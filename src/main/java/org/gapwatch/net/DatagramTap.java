package org.gapwatch.net;

import java.net.InetSocketAddress;

/**
 * Sees every datagram the receiver takes in, on the receive thread, before it is decoded (the recorder is one).
 * Must not block and must not throw; the buffer is only valid during the call.
 */
@FunctionalInterface
public interface DatagramTap {
    void datagram(byte[] buf, int off, int len, InetSocketAddress sender, InetSocketAddress destination,
                  long arrivalEpochNanos);
}
