package org.gapwatch.net;

import java.net.InetSocketAddress;

/** Sees every datagram the receiver takes in, on the receive thread, before it is decoded (e.g. a recorder). */
@FunctionalInterface
public interface DatagramTap {
    /** Must not block or throw; {@code buf} is reused after the call returns. */
    void datagram(byte[] buf, int off, int len, InetSocketAddress sender, InetSocketAddress destination,
                  long arrivalEpochNanos);
}
