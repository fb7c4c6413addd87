package org.gapwatch.realpeer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two network namespaces joined by a veth pair, for two vantage points on one path: site A ({@code vva},
 * {@value #A_ADDRESS}) and site B ({@code vvb}, {@value #B_ADDRESS}). Multicast sent through {@code vva} in A
 * crosses the link to B, where an nftables table in B's prerouting drops some of it; A's own sockets get the looped
 * copy before the link. Nothing is made in the host's namespace: the veth pair is created with both ends already in
 * the new namespaces, and TCP between A and B (the probes' metrics) crosses the same link untouched by the drop,
 * which matches only the stream's UDP port. Everything goes at {@link #close}, also on JVM exit.
 *
 * <p>Beside {@link Netns} (one namespace, lo only, for real senders), whose run/stop helpers it shares.
 */
final class VantagePair implements AutoCloseable {
    static final String A_ADDRESS = "10.213.0.1";
    static final String B_ADDRESS = "10.213.0.2";
    static final String A_DEVICE = "vva";
    static final String B_DEVICE = "vvb";
    private static final String TABLE = "gapwatch_vantage";
    private static final AtomicInteger NEXT = new AtomicInteger();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String a;
    private final String b;
    private final Path dir;
    private final List<Process> processes = new ArrayList<>();
    private final Thread cleanup;
    private boolean closed;

    private VantagePair(String a, String b, Path dir) {
        this.a = a;
        this.b = b;
        this.dir = dir;
        this.cleanup = new Thread(this::close, "vantage-cleanup-" + a);
    }

    static VantagePair create(Path dir) throws IOException {
        String base = "gw-vantage-" + ProcessHandle.current().pid() + "-" + NEXT.incrementAndGet();
        VantagePair p = new VantagePair(base + "-a", base + "-b", dir);
        Runtime.getRuntime().addShutdownHook(p.cleanup);
        try {
            Netns.run("ip", "netns", "add", p.a);
            Netns.run("ip", "netns", "add", p.b);
            Netns.run("ip", "link", "add", A_DEVICE, "netns", p.a, "type", "veth", "peer", "name", B_DEVICE,
                    "netns", p.b);
            for (String[] side : new String[][] {{p.a, A_DEVICE, A_ADDRESS}, {p.b, B_DEVICE, B_ADDRESS}}) {
                Netns.run("ip", "-n", side[0], "link", "set", "lo", "up");
                Netns.run("ip", "-n", side[0], "addr", "add", side[2] + "/30", "dev", side[1]);
                Netns.run("ip", "-n", side[0], "link", "set", side[1], "up");
            }
            p.nft(p.b, "add table inet " + TABLE + "\n"
                    + "add chain inet " + TABLE + " prerouting { type filter hook prerouting priority -300; }\n");
        } catch (IOException | RuntimeException e) {
            p.close();
            throw e;
        }
        return p;
    }

    String a() {
        return a;
    }

    String b() {
        return b;
    }

    /** In B: drops UDP datagrams to the port at random, {@code lessThan} in {@code mod}, counted in {@code drop}. */
    void dropRandomly(int udpPort, int mod, int lessThan) throws IOException {
        nft(b, "add counter inet " + TABLE + " dropped\n"
                + "add rule inet " + TABLE + " prerouting udp dport " + udpPort + " numgen random mod " + mod + " < "
                + lessThan + " counter name \"dropped\" drop\n");
    }

    void stopDropping() throws IOException {
        nft(b, "flush chain inet " + TABLE + " prerouting\n");
    }

    /** Datagrams B's firewall dropped, from its named counter. */
    long dropped() throws IOException {
        String json = Netns.run("ip", "netns", "exec", b, "nft", "-j", "list", "counter", "inet", TABLE, "dropped");
        for (JsonNode n : JSON.readTree(json).path("nftables")) {
            if (n.has("counter")) {
                return n.path("counter").path("packets").asLong();
            }
        }
        throw new IOException("no counter in: " + json);
    }

    private void nft(String ns, String script) throws IOException {
        Path f = Files.createTempFile(dir, "nft", ".nft");
        Files.writeString(f, script);
        try {
            Netns.run("ip", "netns", "exec", ns, "nft", "-f", f.toString());
        } finally {
            Files.deleteIfExists(f);
        }
    }

    /** Starts a program inside namespace {@code ns}; its output (both streams) goes to {@code <dir>/<log>}. */
    Process start(String ns, String log, List<String> command) throws IOException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        full.addAll(command);
        Process p = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(dir.resolve(log).toFile())
                .start();
        synchronized (processes) {
            processes.add(p);
        }
        return p;
    }

    String log(String log) {
        try {
            return Files.readString(dir.resolve(log));
        } catch (IOException e) {
            return "";
        }
    }

    /** This test run's java with its class path, running {@code mainClass}: a JVM of the code under test. */
    static List<String> java(String mainClass, String... args) {
        List<String> c = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx192m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), mainClass));
        c.addAll(List.of(args));
        return c;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        synchronized (processes) {
            for (Process p : processes) {
                try {
                    Netns.stop(p);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        for (String ns : new String[] {a, b}) {
            try {
                Netns.run("ip", "netns", "del", ns); // takes the veth pair and the table with it
            } catch (IOException e) {
                // never made, or already gone
            }
        }
        if (Thread.currentThread() != cleanup) {
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException e) {
                // shutting down
            }
        }
    }
}
