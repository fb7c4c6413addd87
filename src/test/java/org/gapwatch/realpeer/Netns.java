package org.gapwatch.realpeer;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.invoke.MethodHandle;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.gapwatch.capture.CaptureFilter;
import org.gapwatch.capture.CaptureReader;
import org.gapwatch.capture.CapturedDatagram;
import org.gapwatch.capture.PcapWriter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A network namespace with only a loopback device, for running real senders (ffmpeg, ptp4l, GStreamer) whose
 * multicast stays inside it: {@code ip netns add}, lo up, and a route for 224.0.0.0/4 on lo with source 127.0.0.1
 * (without {@code src} the datagrams leave from 0.0.0.0). Loss is made by an nftables table in it; the firewall's
 * own named counter is the oracle. Everything it made (processes it started, the namespace with its table) goes at
 * {@link #close}, also when a test fails, and on JVM exit if close never ran.
 *
 * <p>Where the drop must be: {@code tcpdump -i lo} keeps only the received copy of a loopback packet (libpcap skips
 * the outgoing copy on lo), which the packet tap takes in the receive path before netfilter's prerouting and input
 * hooks. So a drop in <b>prerouting</b> comes after the capture: the capture holds every datagram sent, a socket
 * gets those not dropped, and the difference is exactly the firewall's counter. A drop in <b>output</b> would come
 * before the packet reaches lo: the capture would miss it too, and the sender's sendto fails with EPERM, which a
 * real sender may report or retry. Hence prerouting.
 *
 * <p>Sockets inside the namespace are opened in this JVM from a thread that first enters the namespace with
 * setns(2) (through the FFM API); a socket stays in the namespace it was made in.
 */
final class Netns implements AutoCloseable {
    private static final AtomicInteger NEXT = new AtomicInteger();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String TABLE = "gapwatch";
    /** The NFLOG group of {@link #captureReceived} (each namespace has its own groups). */
    private static final int NFLOG_GROUP = 7;
    private static final int CLONE_NEWNET = 0x40000000;
    private static final int O_RDONLY_CLOEXEC = 0x80000;

    private final String name;
    private final Path dir;
    private final List<Process> processes = new ArrayList<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final Thread cleanup;
    private boolean closed;

    private Netns(String name, Path dir) {
        this.name = name;
        this.dir = dir;
        this.cleanup = new Thread(this::close, "netns-cleanup-" + name);
    }

    /** Creates a namespace named after the purpose, this process and a counter; logs go to {@code dir}. */
    static Netns create(String purpose, Path dir) throws IOException {
        String name = "gw-proto2-" + purpose + "-" + ProcessHandle.current().pid() + "-" + NEXT.incrementAndGet();
        Netns ns = new Netns(name, dir);
        Runtime.getRuntime().addShutdownHook(ns.cleanup);
        try {
            run("ip", "netns", "add", name);
            run("ip", "-n", name, "link", "set", "lo", "up");
            run("ip", "-n", name, "route", "add", "224.0.0.0/4", "dev", "lo", "src", "127.0.0.1");
            ns.nft("add table inet " + TABLE + "\n"
                    + "add chain inet " + TABLE + " prerouting { type filter hook prerouting priority -300; }\n");
        } catch (IOException | RuntimeException e) {
            ns.close();
            throw e;
        }
        return ns;
    }

    String name() {
        return name;
    }

    // ---- loss by nftables ----

    /**
     * Drops UDP datagrams to a port at random, {@code lessThan} of every {@code mod}
     * ({@code numgen random mod N < K counter drop}), counted in the named counter {@code drop<port>}.
     */
    void dropRandomly(int udpPort, int mod, int lessThan) throws IOException {
        nft("add counter inet " + TABLE + " drop" + udpPort + "\n"
                + "add rule inet " + TABLE + " prerouting udp dport " + udpPort + " numgen random mod " + mod + " < "
                + lessThan + " counter name \"drop" + udpPort + "\" drop\n");
    }

    /**
     * As {@link #dropRandomly(int, int, int)}, only datagrams that came in on {@code device} (a veth end: the
     * sender's own looped-back copies on the other end are not counted).
     */
    void dropRandomly(String device, int udpPort, int mod, int lessThan) throws IOException {
        nft("add counter inet " + TABLE + " drop" + udpPort + "\n"
                + "add rule inet " + TABLE + " prerouting iifname \"" + device + "\" udp dport " + udpPort
                + " numgen random mod " + mod + " < " + lessThan + " counter name \"drop" + udpPort + "\" drop\n");
    }

    /**
     * Counts the UDP datagrams to a port this namespace sends out of {@code device}, in the named counter
     * {@code sent<port>} of an output-hook chain: what the sender sent, before any drop (read with
     * {@link #counter}).
     */
    void countSent(String device, int udpPort) throws IOException {
        nft("add chain inet " + TABLE + " output { type filter hook output priority -300; }\n"
                + "add counter inet " + TABLE + " sent" + udpPort + "\n"
                + "add rule inet " + TABLE + " output oifname \"" + device + "\" udp dport " + udpPort
                + " counter name \"sent" + udpPort + "\"\n");
    }

    /**
     * A pair of veth devices, both inside this namespace, up, with an address each ({@code 10.x.y.z/24}), and the
     * multicast route moved to the first with its address as source: a sender that will not use lo (OLA) sends
     * out of {@code a} and a receiver joins on {@code b}. Nothing leaves the namespace: both ends are in it.
     */
    void vethPair(String a, String addressA, String b, String addressB) throws IOException {
        run("ip", "-n", name, "link", "add", a, "type", "veth", "peer", "name", b);
        run("ip", "-n", name, "addr", "add", addressA + "/24", "dev", a);
        run("ip", "-n", name, "addr", "add", addressB + "/24", "dev", b);
        run("ip", "-n", name, "link", "set", a, "up");
        run("ip", "-n", name, "link", "set", b, "up");
        run("ip", "-n", name, "route", "replace", "224.0.0.0/4", "dev", a, "src", addressA);
        // What arrives on b comes from an address of this host (a's): the kernel drops such a "martian" unless
        // b accepts local sources, and the reverse-path filter must not judge it either.
        for (String key : new String[] {"net.ipv4.conf.all.rp_filter=0", "net.ipv4.conf." + b + ".rp_filter=0",
            "net.ipv4.conf." + b + ".accept_local=1"}) {
            run("ip", "netns", "exec", name, "sysctl", "-q", "-w", key);
        }
    }

    /** Removes every drop rule; the counters keep what they counted. */
    void stopDropping() throws IOException {
        nft("flush chain inet " + TABLE + " prerouting\n");
    }

    /** Datagrams the firewall dropped to a port, read back from {@code nft -j list counter}. */
    long dropped(int udpPort) throws IOException {
        return counter("drop" + udpPort);
    }

    /** The packets a named counter of the namespace's table counted ({@code nft -j list counter}). */
    long counter(String counter) throws IOException {
        String json = run("ip", "netns", "exec", name, "nft", "-j", "list", "counter", "inet", TABLE, counter);
        for (JsonNode n : JSON.readTree(json).path("nftables")) {
            if (n.has("counter")) {
                return n.path("counter").path("packets").asLong();
            }
        }
        throw new IOException("no counter " + counter + " in: " + json);
    }

    private void nft(String script) throws IOException {
        Path f = Files.createTempFile(dir, "nft", ".nft");
        Files.writeString(f, script);
        try {
            run("ip", "netns", "exec", name, "nft", "-f", f.toString());
        } finally {
            Files.deleteIfExists(f);
        }
    }

    // ---- programs ----

    /** Starts a program inside the namespace; its output goes to {@code <dir>/<log>}. */
    Process start(String log, String... command) throws IOException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
        full.addAll(List.of(command));
        Process p = new ProcessBuilder(full).redirectErrorStream(true)
                .redirectOutput(dir.resolve(log).toFile()).start();
        synchronized (processes) {
            processes.add(p);
        }
        return p;
    }

    /** Waits for a program to end by itself, failing after the timeout (the program is then stopped). */
    static int await(Process p, long seconds, String what) throws InterruptedException {
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(what + " did not end within " + seconds + " s");
        }
        return p.exitValue();
    }

    /** Stops a program this namespace started (SIGTERM, then SIGKILL after 5 s) and waits for it. */
    static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(5, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    /**
     * Starts {@code tcpdump -i lo --immediate-mode -U -w file} for UDP to the ports and returns once the file holds
     * a probe datagram sent after it started, so nothing the test sends afterwards is missed.
     */
    Process capture(Path file, int... ports) throws Exception {
        int probePort = 9; // discard: no test sends there
        StringBuilder filter = new StringBuilder("udp and (dst port " + probePort);
        for (int port : ports) {
            filter.append(" or dst port ").append(port);
        }
        filter.append(')');
        Process p = start(file.getFileName() + ".log", "tcpdump", "-i", "lo", "--immediate-mode", "-U", "-n", "-s",
                "0", "-w", file.toString(), filter.toString());
        awaitProbe(p, file, probePort);
        return p;
    }

    /**
     * Starts a second tcpdump that captures what got past the firewall, i.e. what a receiver in the namespace gets:
     * a chain after the drop's (prerouting priority -200) logs UDP to the ports to NFLOG group {@value #NFLOG_GROUP},
     * and {@code tcpdump -i nflog:N --immediate-mode -U -w file} writes those (link type NFLOG, which {@code analyze}
     * reads). Returns once the file holds a probe datagram sent after it started. The capture of {@link #capture}
     * holds the drops too; this one is the tcpdump capture that must give the same figures as live.
     */
    Process captureReceived(Path file, int... ports) throws Exception {
        return captureReceived(file, null, ports);
    }

    /**
     * As {@link #captureReceived(Path, int...)}, only datagrams that came in on {@code device} (a veth end, where
     * the drop of {@link #dropRandomly(String, int, int, int)} is: the sender's own looped-back copies on the other
     * end are not what a receiver on this one gets). The probe is taken from any device.
     */
    Process captureReceived(Path file, String device, int... ports) throws Exception {
        int probePort = 9;
        java.util.StringJoiner set = new java.util.StringJoiner(", ", "{ ", " }");
        if (device == null) {
            set.add(Integer.toString(probePort));
        }
        for (int port : ports) {
            set.add(Integer.toString(port));
        }
        String onDevice = device == null ? "" : "iifname \"" + device + "\" ";
        nft("add chain inet " + TABLE + " received { type filter hook prerouting priority -200; }\n"
                + "add rule inet " + TABLE + " received " + onDevice + "udp dport " + set + " log group "
                + NFLOG_GROUP + "\n"
                + (device == null ? "" : "add rule inet " + TABLE + " received udp dport " + probePort
                        + " log group " + NFLOG_GROUP + "\n"));
        // -B: the netlink socket's buffer (libpcap sets SO_RCVBUF from it; the kernel caps it at rmem_max). At the
        // default 208 KiB a burst while the machine was busy once overflowed it, and the copy missed datagrams.
        Process p = start(file.getFileName() + ".log", "tcpdump", "-i", "nflog:" + NFLOG_GROUP, "--immediate-mode",
                "-B", "4096", "-U", "-n", "-s", "0", "-w", file.toString());
        awaitProbe(p, file, probePort);
        return p;
    }

    /** Sends a probe datagram to the port until the capture being written to {@code file} holds it. */
    private void awaitProbe(Process p, Path file, int probePort) throws Exception {
        try (DatagramChannel probe = open(() -> DatagramChannel.open(StandardProtocolFamily.INET))) {
            byte[] text = "probe".getBytes(StandardCharsets.US_ASCII);
            InetSocketAddress to = new InetSocketAddress(InetAddress.getLoopbackAddress(), probePort);
            awaitTrue(() -> {
                if (!p.isAlive()) {
                    throw new AssertionError("tcpdump ended: " + log(file.getFileName() + ".log"));
                }
                try {
                    probe.send(ByteBuffer.wrap(text), to);
                    return !read(file, probePort).isEmpty();
                } catch (IOException e) {
                    return false;
                }
            }, "tcpdump capturing in " + name);
        }
    }

    String log(String log) {
        try {
            return Files.readString(dir.resolve(log)).strip();
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** The UDP datagrams to a port in a capture file, read with the project's capture reader. */
    static List<CapturedDatagram> read(Path file, int port) throws IOException {
        List<CapturedDatagram> out = new ArrayList<>();
        if (!Files.exists(file) || Files.size(file) < 24) {
            return out;
        }
        try (CaptureReader r = CaptureReader.open(file, CaptureFilter.of(List.of(), List.of(port)))) {
            for (CapturedDatagram d = r.next(); d != null; d = r.next()) {
                out.add(d);
            }
        }
        return out;
    }

    /** Waits until every datagram to the port in the capture was either received or dropped by the firewall. */
    static void awaitAccounted(Receiver r, Path capture, int port, long dropped) {
        awaitTrue(() -> {
            try {
                return r.count() + dropped == read(capture, port).size();
            } catch (IOException e) {
                return false;
            }
        }, "received + dropped = captured on port " + port);
    }

    /** Waits until the capture holds {@code n} datagrams to the port (a capture of {@link #captureReceived}). */
    static void awaitCaptured(Path capture, int port, long n) {
        awaitTrue(() -> {
            try {
                return read(capture, port).size() >= n;
            } catch (IOException e) {
                return false;
            }
        }, n + " datagrams to port " + port + " in " + capture.getFileName());
    }

    /**
     * Per captured datagram, whether the receiver never got it. Both lists are in sending order (one sender, one
     * loopback device), so a walk through both finds them; fails if a received datagram is not in the capture.
     */
    static boolean[] missing(List<CapturedDatagram> all, List<Receiver.Datagram> got) {
        boolean[] missing = new boolean[all.size()];
        int r = 0;
        for (int i = 0; i < all.size(); i++) {
            if (r < got.size() && java.util.Arrays.equals(all.get(i).payload(), got.get(r).payload())) {
                r++;
            } else {
                missing[i] = true;
            }
        }
        if (r != got.size()) {
            throw new AssertionError("received datagram " + r + " of " + got.size() + " is not in the capture");
        }
        return missing;
    }

    // ---- sockets inside the namespace ----

    interface IoCallable<T> {
        T call() throws IOException;
    }

    /** Runs {@code body} on a thread inside the namespace (setns), e.g. to open a socket there. */
    <T> T open(IoCallable<T> body) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Thread.ofPlatform().name("in-" + name).start(() -> {
            try {
                enter(name);
                f.complete(body.call());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
            // The thread ends here, still inside the namespace; the JVM's other threads never were.
        });
        return f.get(10, TimeUnit.SECONDS);
    }

    private static void enter(String name) throws Throwable {
        Linker linker = Linker.nativeLinker();
        MethodHandle open = linker.downcallHandle(linker.defaultLookup().find("open").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT), Linker.Option.firstVariadicArg(2));
        MethodHandle setns = linker.downcallHandle(linker.defaultLookup().find("setns").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
        MethodHandle close = linker.downcallHandle(linker.defaultLookup().find("close").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        try (Arena arena = Arena.ofConfined()) {
            int fd = (int) open.invokeExact(arena.allocateFrom("/var/run/netns/" + name), O_RDONLY_CLOEXEC);
            if (fd < 0) {
                throw new IOException("cannot open /var/run/netns/" + name);
            }
            int rc = (int) setns.invokeExact(fd, CLONE_NEWNET);
            int ignored = (int) close.invokeExact(fd);
            if (rc != 0) {
                throw new IOException("setns into " + name + " failed");
            }
        }
    }

    /** A receiver inside the namespace, joined to the group on lo, keeping every datagram in arrival order. */
    Receiver receive(InetAddress group, int port) throws Exception {
        DatagramChannel ch = open(() -> {
            DatagramChannel c = DatagramChannel.open(StandardProtocolFamily.INET);
            c.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            c.setOption(StandardSocketOptions.SO_RCVBUF, 8 << 20);
            c.bind(new InetSocketAddress(port));
            c.join(group, NetworkInterface.getByName("lo"));
            return c;
        });
        Receiver r = new Receiver(ch, new InetSocketAddress(group, port));
        closeables.add(r);
        return r;
    }

    static final class Receiver implements AutoCloseable {
        record Datagram(long arrivalNanos, InetSocketAddress sender, byte[] payload) {
        }

        private final DatagramChannel channel;
        private final InetSocketAddress destination;
        private final List<Datagram> datagrams = new ArrayList<>();
        private final Thread reader;

        private Receiver(DatagramChannel channel, InetSocketAddress destination) {
            this.channel = channel;
            this.destination = destination;
            this.reader = Thread.ofPlatform().daemon().name("receiver-" + destination).start(this::read);
        }

        private void read() {
            ByteBuffer buf = ByteBuffer.allocate(65536);
            try {
                while (true) {
                    buf.clear();
                    InetSocketAddress from = (InetSocketAddress) channel.receive(buf);
                    buf.flip();
                    byte[] b = new byte[buf.remaining()];
                    buf.get(b);
                    java.time.Instant now = java.time.Instant.now();
                    Datagram d = new Datagram(now.getEpochSecond() * 1_000_000_000L + now.getNano(), from, b);
                    synchronized (datagrams) {
                        datagrams.add(d);
                    }
                }
            } catch (ClosedChannelException e) {
                // closed: done
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        int count() {
            synchronized (datagrams) {
                return datagrams.size();
            }
        }

        List<Datagram> datagrams() {
            synchronized (datagrams) {
                return List.copyOf(datagrams);
            }
        }

        /** Writes what was received to a pcap (the project's writer), e.g. for tshark. */
        void writePcap(Path file) throws IOException {
            try (PcapWriter w = new PcapWriter(file, reason -> { })) {
                for (Datagram d : datagrams()) {
                    w.datagram(d.payload(), 0, d.payload().length, d.sender(), destination, d.arrivalNanos());
                }
            }
        }

        @Override
        public void close() throws Exception {
            channel.close();
            reader.join(5000);
        }
    }

    // ---- helpers ----

    /** Polls until the condition holds, failing after 15 s. */
    static void awaitTrue(BooleanSupplier condition, String what) {
        awaitTrue(condition, what, 15);
    }

    /** Polls until the condition holds, failing after the given seconds. */
    static void awaitTrue(BooleanSupplier condition, String what, int seconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            LockSupport.parkNanos(20_000_000); // the polling interval, not a guess at a duration
        }
    }

    /** Runs a command to its end; its output, or an IOException with it when it fails. */
    static String run(String... command) throws IOException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + ": no end within 20 s");
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed (" + p.exitValue() + "): " + text.strip());
            }
            return text;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (AutoCloseable c : closeables) {
            try {
                c.close();
            } catch (Exception e) {
                // keep closing the rest
            }
        }
        synchronized (processes) {
            for (Process p : processes) {
                try {
                    stop(p);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        try {
            run("ip", "netns", "del", name); // takes the nftables table and the route with it
        } catch (IOException e) {
            // already gone, or never made
        }
        if (Thread.currentThread() != cleanup) {
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException e) {
                // the JVM is shutting down
            }
        }
    }
}
