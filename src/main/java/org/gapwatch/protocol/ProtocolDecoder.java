package org.gapwatch.protocol;

/**
 * Decodes the datagrams of one subscription. Made by its {@link Protocol}, owned by one writer thread; may keep
 * state across datagrams (RTP: the CNAME of each SSRC, jitter). No allocation per datagram on the hot path: the
 * result and its updates are the decoder's own holders, overwritten by the next call.
 */
public interface ProtocolDecoder {
    /**
     * Decodes one payload that arrived on {@code port} (one of the subscription's ports) at {@code arrivalNanos}
     * (epoch nanoseconds). Every update written names its protocol, lane and sequence space.
     */
    DecodeResult decode(byte[] data, int off, int len, int port, long arrivalNanos);
}
