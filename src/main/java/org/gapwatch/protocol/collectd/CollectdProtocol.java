package org.gapwatch.protocol.collectd;

import org.gapwatch.protocol.Protocol;
import org.gapwatch.protocol.ProtocolDecoder;
import org.gapwatch.protocol.Subscription;

/**
 * collectd's network plugin (binary protocol, version 5): {@code collectd://239.192.74.66} (port 25826 by default).
 * A source is one value list; loss is counted by cadence (docs/protocols.md, collectd).
 */
public final class CollectdProtocol implements Protocol {
    @Override
    public String scheme() {
        return "collectd";
    }

    @Override
    public String description() {
        return "collectd network plugin, loss by cadence (default port 25826)";
    }

    @Override
    public int[] defaultPorts() {
        return new int[] {CollectdReader.DEFAULT_PORT};
    }

    @Override
    public ProtocolDecoder newDecoder(Subscription subscription) {
        return new CollectdDecoder();
    }
}
