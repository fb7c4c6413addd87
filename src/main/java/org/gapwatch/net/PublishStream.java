package org.gapwatch.net;

/** What {@code gapwatch publish} sends, whatever the protocol: a round robin over sources, some numbers skipped. */
public interface PublishStream {
    int sources();

    /** Sequence numbers skipped on purpose so far (each one detectable, see {@link #closing}). */
    long skipped();

    /** The next datagram into {@code buf}: its length, or -1 when its sequence number is skipped on purpose. */
    int next(byte[] buf, long nowMillis);

    /** For a source whose last number was skipped, one more datagram so the skip shows; -1 when none is needed. */
    int closing(byte[] buf, int source, long nowMillis);

    /** A datagram of the protocol's control channel for a source (RTCP), or -1 when the protocol has none. */
    default int control(byte[] buf, int source, long nowMillis) {
        return -1;
    }
}
