package org.gapwatch.protocol;

/** Gapwatch's own wire protocol v1 (docs/protocol.md): one JSON update or an array of them per datagram. */
public final class JsonProtocol implements Protocol {
    @Override
    public String scheme() {
        return "json";
    }

    @Override
    public String description() {
        return "Gapwatch JSON v1 status updates";
    }

    @Override
    public ProtocolDecoder newDecoder(Subscription subscription) {
        DatagramDecoder d = new DatagramDecoder();
        return (data, off, len, port, arrivalNanos) -> d.decode(data, off, len);
    }
}
