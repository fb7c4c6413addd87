package org.gapwatch.export;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;

/**
 * Serves {@code /metrics} (Prometheus text or OpenMetrics, as the scraper's Accept header asks) on exactly the
 * address given, with the Prometheus client's HTTP server and a registry of its own (nothing from the JVM's default
 * registry leaks in). Each scrape runs the collector on one of the server's threads.
 */
public final class MetricsServer implements AutoCloseable {
    private final HTTPServer server;
    private final InetSocketAddress address;

    private MetricsServer(HTTPServer server, InetSocketAddress address) {
        this.server = server;
        this.address = address;
    }

    /** Binds and starts; a port in use or an address not on this machine is an exception with one clear line. */
    public static MetricsServer start(InetSocketAddress address, MultiCollector collector) {
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(collector);
        try {
            HTTPServer server = HTTPServer.builder()
                    .inetAddress(address.getAddress())
                    .port(address.getPort())
                    .registry(registry)
                    .buildAndStart();
            return new MetricsServer(server, new InetSocketAddress(address.getAddress(), server.getPort()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve metrics on " + text(address) + ": " + e.getMessage(), e);
        }
    }

    /** The address bound, with the real port when 0 was asked for. */
    public InetSocketAddress address() {
        return address;
    }

    public String url() {
        return "http://" + text(address) + "/metrics";
    }

    static String text(InetSocketAddress a) {
        String host = a.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    @Override
    public void close() {
        server.close();
    }
}
