package org.gapwatch.export;

import java.net.InetSocketAddress;

/**
 * A metrics server that can be moved to another address or turned off while running: the probe's on a reload of
 * its config, the desktop's when its settings change. Null address: no server.
 */
public final class MetricsEndpoint implements AutoCloseable {
    private final SnapshotCollector collector;
    private MetricsServer server;

    public MetricsEndpoint(SnapshotCollector collector, InetSocketAddress address) {
        this.collector = collector;
        this.server = address == null ? null : MetricsServer.start(address, collector);
    }

    /** Starts on the new address first, so that a failure leaves the old one serving. */
    public synchronized void moveTo(InetSocketAddress address) {
        MetricsServer next = address == null ? null : MetricsServer.start(address, collector);
        if (server != null) {
            server.close();
        }
        server = next;
    }

    /** The URL served, or null when off. */
    public synchronized String url() {
        return server == null ? null : server.url();
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
