package org.gapwatch.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.MembershipKey;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.gapwatch.engine.Engine;

/**
 * Joins multicast groups and feeds every datagram to an {@link Engine}. Two threads, after Agrona's model: the
 * socket thread does nothing but move datagrams from the kernel into a {@link ReceiveRing} (so a pause of the
 * processing side, a JIT compilation or a collection, is absorbed by 32 MiB of ring instead of overflowing a socket
 * buffer the kernel capped at a few MiB); the processing thread drains the ring in batches into the engine, then
 * lets it run queries and publish a snapshot, then parks until more arrives or the next snapshot is due. A
 * housekeeping thread reads the kernel's drop counters and watches the interface, and has memberships rejoined
 * when it comes back.
 */
public final class MulticastReceiver implements AutoCloseable {
    private static final int MAX_DATAGRAM = 65_536;
    private static final int BATCH = 4_096;
    private static final int RING_SLOTS = 1 << 16;
    private static final int RING_BYTES = 32 << 20;
    private static final boolean LINUX = System.getProperty("os.name", "").toLowerCase().contains("linux");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final Engine engine;
    private final ReceiverConfig config;
    private final Selector selector;
    private final Map<GroupSpec, Membership> memberships = new LinkedHashMap<>();
    /** A copy of the memberships for the housekeeping thread; the map itself is the receive thread's. */
    private volatile List<Membership> current = List.of();
    private final ArrayDeque<String> events = new ArrayDeque<>();
    private final ScheduledExecutorService housekeeping;
    private final Thread thread;
    private final Thread processor;
    private final ReceiveRing ring = new ReceiveRing(RING_SLOTS, RING_BYTES);
    private final ConcurrentLinkedQueue<Runnable> socketTasks = new ConcurrentLinkedQueue<>();
    private volatile boolean processorParked;
    private volatile boolean running;
    private volatile DatagramTap tap;
    private volatile Consumer<String> eventListener = e -> { };
    private volatile ReceiverStatus status;

    // Written by the receive thread, or by the constructor before it starts.
    private volatile NetworkInterface networkInterface;
    private volatile long grantedBuffer = -1;
    private volatile long receiveErrors;
    private volatile long closedSocketDrops;

    // Written by housekeeping only.
    private volatile long socketDrops = SocketDrops.available() ? 0 : -1;
    private boolean interfaceWasUp = true;
    private volatile int interfaceIndex;

    private record Membership(GroupSpec spec, DatagramChannel channel, MembershipKey key,
                              InetSocketAddress destination) {
    }

    /** Opens and joins every configured group now, so that a bad address or interface fails here, in one line. */
    public MulticastReceiver(Engine engine, ReceiverConfig config) {
        this.engine = engine;
        this.config = config;
        this.networkInterface = Interfaces.resolve(config.networkInterface());
        this.interfaceIndex = networkInterface.getIndex();
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open selector: " + e.getMessage(), e);
        }
        try {
            for (GroupSpec g : config.groups()) {
                open(g);
            }
        } catch (RuntimeException e) {
            closeQuietly();
            throw e;
        }
        this.thread = Thread.ofPlatform().name("gapwatch-receive").daemon(true).unstarted(this::socketLoop);
        this.processor = Thread.ofPlatform().name("gapwatch-process").daemon(true).unstarted(this::processLoop);
        engine.wakeupWith(() -> LockSupport.unpark(processor));
        this.housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gapwatch-housekeeping");
            t.setDaemon(true);
            return t;
        });
        updateStatus();
    }

    public void start() {
        running = true;
        processor.start();
        thread.start();
        housekeeping.scheduleWithFixedDelay(this::housekeep, 0, 1, TimeUnit.SECONDS);
    }

    public void setTap(DatagramTap tap) {
        this.tap = tap;
    }

    public void setEventListener(Consumer<String> listener) {
        this.eventListener = listener;
    }

    public ReceiverStatus status() {
        return status;
    }

    public Engine engine() {
        return engine;
    }

    /** Joins a further group while running. */
    public CompletableFuture<Void> join(GroupSpec g) {
        return onReceiveThread(() -> open(g));
    }

    /** Leaves a group while running. */
    public CompletableFuture<Void> leave(GroupSpec g) {
        return onReceiveThread(() -> {
            Membership m = memberships.remove(g);
            current = List.copyOf(memberships.values());
            if (m != null) {
                long before = SocketDrops.read(Set.of(g.port()));
                closeChannel(m);
                long after = SocketDrops.read(Set.of(g.port()));
                if (before >= 0 && after >= 0) {
                    closedSocketDrops += before - after;
                }
                event("left " + g);
            }
        });
    }

    /** Switches every membership to another interface while running. */
    public CompletableFuture<Void> switchInterface(String nameOrAddress) {
        NetworkInterface ni = Interfaces.resolve(nameOrAddress);
        return onReceiveThread(() -> {
            networkInterface = ni;
            interfaceIndex = ni.getIndex();
            rejoinAll("interface changed to " + ni.getName());
        });
    }

    private CompletableFuture<Void> onReceiveThread(Runnable action) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Runnable task = () -> {
            try {
                action.run();
                updateStatus();
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        };
        if (running) {
            socketTasks.add(task);
            selector.wakeup();
        } else {
            task.run();
        }
        return done;
    }

    private void open(GroupSpec g) {
        if (memberships.containsKey(g)) {
            return;
        }
        DatagramChannel ch = null;
        try {
            ch = DatagramChannel.open(g.ipv6() ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
            ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            ch.setOption(StandardSocketOptions.SO_RCVBUF, config.receiveBufferBytes());
            grantedBuffer = ch.getOption(StandardSocketOptions.SO_RCVBUF);
            // On Linux, binding to the group address keeps other groups on the same port out of this socket.
            ch.bind(LINUX ? g.socketAddress() : new InetSocketAddress(g.port()));
            MembershipKey key = join(ch, g);
            ch.configureBlocking(false);
            Membership m = new Membership(g, ch, key, g.socketAddress());
            ch.register(selector, SelectionKey.OP_READ, g);
            memberships.put(g, m);
            current = List.copyOf(memberships.values());
        } catch (BindException e) {
            closeQuietly(ch);
            throw new IllegalArgumentException("cannot bind " + g + ": " + e.getMessage()
                    + (g.port() < 1024 ? " (ports below 1024 need privileges)" : ""));
        } catch (SocketException e) {
            closeQuietly(ch);
            throw new IllegalArgumentException("cannot join " + g + " on " + networkInterface.getName() + ": "
                    + e.getMessage());
        } catch (IOException e) {
            closeQuietly(ch);
            throw new IllegalArgumentException("cannot open " + g + ": " + e.getMessage());
        } catch (UnsupportedOperationException | IllegalStateException e) {
            closeQuietly(ch);
            throw new IllegalArgumentException("cannot join " + g + ": " + e.getMessage());
        }
    }

    private void socketLoop() {
        byte[] buf = new byte[MAX_DATAGRAM];
        ByteBuffer bb = ByteBuffer.wrap(buf);
        ArrivalClock clock = new ArrivalClock();
        try {
            while (running) {
                runSocketTasks();
                selector.select(100);
                Iterator<SelectionKey> it = selector.selectedKeys().iterator();
                while (it.hasNext()) {
                    SelectionKey key = it.next();
                    it.remove();
                    if (key.isValid()) {
                        Membership m = memberships.get((GroupSpec) key.attachment());
                        if (m != null) {
                            drain(m, buf, bb, clock);
                        }
                    }
                }
            }
            // Take what is already queued in the sockets, so a final summary misses nothing that arrived.
            for (Membership m : memberships.values()) {
                while (drain(m, buf, bb, clock) == BATCH) {
                    // keep draining
                }
            }
        } catch (ClosedSelectorException e) {
            // closed under us: shutting down
        } catch (IOException e) {
            event("receive loop stopped: " + e.getMessage());
        } finally {
            LockSupport.unpark(processor);
        }
    }

    private void runSocketTasks() {
        Runnable task;
        while ((task = socketTasks.poll()) != null) {
            task.run();
        }
    }

    /** Moves what the socket holds into the ring, up to a batch; waits for room rather than drop a datagram. */
    private int drain(Membership m, byte[] buf, ByteBuffer bb, ArrivalClock clock) {
        int n = 0;
        while (n < BATCH) {
            bb.clear();
            InetSocketAddress from;
            try {
                from = (InetSocketAddress) m.channel().receive(bb);
            } catch (IOException e) {
                receiveErrors++;
                break;
            }
            if (from == null) {
                break;
            }
            n++;
            long arrivalNanos = clock.epochNanos();
            while (!ring.offer(buf, bb.position(), from, m.destination(), arrivalNanos)) {
                // Full: the processing side is behind. The kernel's buffer holds what comes meanwhile.
                LockSupport.unpark(processor);
                LockSupport.parkNanos(50_000);
            }
        }
        if (n > 0 && processorParked) {
            LockSupport.unpark(processor);
        }
        return n;
    }

    private void processLoop() {
        ReceiveRing.Handler handler = this::process;
        while (true) {
            int n = ring.drain(handler, BATCH);
            long now = System.currentTimeMillis();
            engine.afterBatch(now);
            if (n == 0) {
                if (!running && !thread.isAlive() && ring.isEmpty()) {
                    break;
                }
                processorParked = true;
                if (ring.isEmpty()) {
                    LockSupport.parkNanos(engine.millisUntilDue(now) * 1_000_000L);
                }
                processorParked = false;
            }
        }
        engine.publish(System.currentTimeMillis());
    }

    private void process(byte[] data, int off, int len, InetSocketAddress sender, InetSocketAddress destination,
                         long arrivalNanos) {
        // One clock for the recording and the tracker, so a replay shows the same seconds as live did.
        DatagramTap t = tap;
        if (t != null) {
            try {
                t.datagram(data, off, len, sender, destination, arrivalNanos);
            } catch (RuntimeException e) {
                receiveErrors++;
            }
        }
        try {
            engine.datagram(data, off, len, sender, destination, arrivalNanos / 1_000_000);
        } catch (RuntimeException e) {
            // A bug must not stop monitoring: count it and go on with the next datagram.
            receiveErrors++;
        }
    }

    /** Test hook: runs {@code task} on the socket thread (e.g. to stall it). */
    void onSocketThread(Runnable task) {
        socketTasks.add(task);
        selector.wakeup();
    }

    private void housekeep() {
        try {
            Set<Integer> ports = new HashSet<>();
            for (Membership m : current) {
                ports.add(m.spec().port());
            }
            long drops = SocketDrops.read(ports);
            socketDrops = drops < 0 ? -1 : drops + closedSocketDrops;
            long d = socketDrops;
            engine.execute(() -> engine.trackerOnWriterThread().socketDrops(d));
            watchInterface();
            updateStatus();
        } catch (RuntimeException e) {
            event("housekeeping: " + e.getMessage());
        }
    }

    private void watchInterface() {
        NetworkInterface now;
        boolean up;
        try {
            now = NetworkInterface.getByName(networkInterface.getName());
            up = now != null && now.isUp();
        } catch (SocketException e) {
            now = null;
            up = false;
        }
        boolean keysLost = false;
        for (Membership m : current) {
            keysLost |= !m.key().isValid();
        }
        if (!up && interfaceWasUp) {
            event("interface " + networkInterface.getName() + " is down");
        }
        if (up && (!interfaceWasUp || now.getIndex() != interfaceIndex || keysLost)) {
            NetworkInterface ni = now;
            String why = !interfaceWasUp ? "interface " + ni.getName() + " is back"
                    : keysLost ? "membership lost" : "interface " + ni.getName() + " was re-created";
            onSocketThread(() -> {
                networkInterface = ni;
                interfaceIndex = ni.getIndex();
                rejoinAll(why);
                updateStatus();
            });
        }
        interfaceWasUp = up;
    }

    private MembershipKey join(DatagramChannel ch, GroupSpec g) throws IOException {
        return g.source() == null ? ch.join(g.group(), networkInterface)
                : ch.join(g.group(), networkInterface, g.source());
    }

    /** Drops and re-makes every membership on the current interface, keeping the sockets. Socket thread only. */
    void rejoinAll(String why) {
        int ok = 0;
        for (Map.Entry<GroupSpec, Membership> e : memberships.entrySet()) {
            Membership m = e.getValue();
            GroupSpec g = m.spec();
            try {
                if (m.key().isValid()) {
                    m.key().drop();
                }
                MembershipKey key = join(m.channel(), g);
                e.setValue(new Membership(g, m.channel(), key, m.destination()));
                ok++;
            } catch (IOException | RuntimeException ex) {
                event("rejoin of " + g + " failed: " + ex.getMessage());
            }
        }
        current = List.copyOf(memberships.values());
        event(why + ": rejoined " + ok + " group(s) on " + networkInterface.getName());
    }

    /** Test hook: drop every membership as if the kernel had lost it; housekeeping should rejoin. */
    void dropMembershipsForTest() {
        for (Membership m : current) {
            m.key().drop();
        }
    }

    private void event(String text) {
        String line = LocalTime.now().format(TIME) + " " + text;
        synchronized (events) {
            if (events.size() == 20) {
                events.removeFirst();
            }
            events.addLast(line);
        }
        eventListener.accept(text);
    }

    private void updateStatus() {
        List<String> groups = new ArrayList<>();
        for (Membership m : current) {
            groups.add(m.spec().toString());
        }
        long requested = config.receiveBufferBytes();
        // The JDK already halves Linux's doubled SO_RCVBUF figure, so this is the room asked for, as granted.
        long granted = grantedBuffer;
        String warning = granted >= 0 && granted < requested
                ? "receive buffer capped at " + mib(granted) + " (asked " + mib(requested) + "): raise it with "
                + "sysctl -w net.core.rmem_max=" + requested
                : null;
        List<String> ev;
        synchronized (events) {
            ev = List.copyOf(events);
        }
        status = new ReceiverStatus(groups, networkInterface.getName(), requested, granted, warning, socketDrops,
                receiveErrors, ev);
    }

    private static String mib(long bytes) {
        return bytes % (1 << 20) == 0 ? (bytes >> 20) + " MiB" : String.format("%.1f MiB", bytes / 1048576.0);
    }

    @Override
    public void close() {
        running = false;
        housekeeping.shutdownNow();
        selector.wakeup();
        LockSupport.unpark(processor);
        try {
            if (thread.isAlive() && Thread.currentThread() != thread) {
                thread.join(5_000);
            }
            if (processor.isAlive() && Thread.currentThread() != processor) {
                processor.join(5_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!thread.isAlive() && !processor.isAlive()) {
            // The last word on kernel drops, read before the sockets (and their counters) go away. The receive
            // thread has ended, so the tracker is this thread's to write.
            Set<Integer> ports = new HashSet<>();
            for (Membership m : current) {
                ports.add(m.spec().port());
            }
            long drops = SocketDrops.read(ports);
            if (drops >= 0) {
                socketDrops = drops + closedSocketDrops;
                engine.trackerOnWriterThread().socketDrops(socketDrops);
                engine.publish(System.currentTimeMillis());
            }
        }
        closeQuietly();
    }

    private void closeQuietly() {
        for (Membership m : memberships.values()) {
            closeChannel(m);
        }
        memberships.clear();
        try {
            selector.close();
        } catch (IOException | RuntimeException e) {
            // closing anyway
        }
    }

    private static void closeChannel(Membership m) {
        if (m == null) {
            return;
        }
        if (m.key().isValid()) {
            m.key().drop();
        }
        closeQuietly(m.channel());
    }

    private static void closeQuietly(DatagramChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException e) {
                // nothing more to do
            }
        }
    }
}
