package org.gapwatch.protocol;

import java.util.Map;

/**
 * What a protocol's decoder is made for: one subscription {@code PROTO://ADDRESS:PORT[?KEY=VALUE&...]}, as text
 * (the protocol layer does no I/O and needs no resolved address).
 *
 * @param scheme  {@code json}, {@code rtp}, ...
 * @param address the group as written in a spec: {@code 239.1.1.1} or {@code [ff15::10]}
 * @param port    the subscription's port; 0 when it gave none and the protocol's default ports are joined
 * @param options what followed {@code ?}, checked by the protocol
 */
public record Subscription(String scheme, String address, int port, Map<String, String> options) {
    public Subscription {
        options = Map.copyOf(options);
    }

    /** {@code 239.1.1.1:5004}, the group's part of a source name ({@code rtp/239.1.1.1:5004/...}). */
    public String label() {
        return port == 0 ? address : address + ":" + port;
    }
}
