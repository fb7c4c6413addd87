package org.gapwatch.cli;

import java.net.InetSocketAddress;
import org.gapwatch.export.MetricsServer;
import org.gapwatch.export.SnapshotCollector;

/** The probe's metrics server, which a reload may move to another address or turn off. */
final class MetricsEndpoint implements AutoCloseable {
    private final SnapshotCollector collector;
    private MetricsServer server;

    MetricsEndpoint(SnapshotCollector collector, InetSocketAddress address) {
        this.collector = collector;
        this.server = address == null ? null : MetricsServer.start(address, collector);
    }

    /** Starts on the new address first, so that a failure leaves the old one serving. */
    synchronized void moveTo(InetSocketAddress address) {
        MetricsServer next = address == null ? null : MetricsServer.start(address, collector);
        if (server != null) {
            server.close();
        }
        server = next;
    }

    synchronized String url() {
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
