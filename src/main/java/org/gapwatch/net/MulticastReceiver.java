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
import java.time.Duration;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.gapwatch.concurrent.DatagramRing;
import org.gapwatch.engine.Engine;
import org.gapwatch.fault.Duty;
import org.gapwatch.fault.ErrorLog;
import org.gapwatch.fault.Faults;
import org.gapwatch.fault.Idle;
import org.gapwatch.fault.LoopHealth;
import org.gapwatch.fault.LoopRunner;
import org.gapwatch.fault.LoopState;
import org.gapwatch.fault.LoopStopped;

/**
 * Joins multicast groups and feeds every datagram to an {@link Engine}. Three loops, after Agrona's model, each a
 * {@link Duty} in a {@link LoopRunner} of this receiver's {@link Faults}, so that an error is counted and logged once
 * and the loop goes on, and a loop that cannot go on says so ({@link #status()}, {@link #faults()}):
 * <ul>
 * <li>socket: moves datagrams from the kernel into a {@link DatagramRing} and nothing else (so a pause of the
 * processing side, a JIT compilation or a collection, is absorbed by 32 MiB of ring instead of overflowing a socket
 * buffer the kernel capped at a few MiB); it also runs membership changes;</li>
 * <li>processing: drains the ring in batches into the engine, lets it run queries and publish a snapshot, then
 * parks until more arrives or the next snapshot is due;</li>
 * <li>housekeeping: reads the kernel's drop counters, watches the interface and retries groups not joined, and is
 * the processing loop's heartbeat: no progress for {@link #STALL_MILLIS} with datagrams waiting marks it stalled.</li>
 * </ul>
 */
public final class MulticastReceiver implements AutoCloseable {
    /** No progress of the processing loop for this long, with datagrams waiting, and it is marked stalled. */
    public static final long STALL_MILLIS = 2_000;
    private static final System.Logger LOG = System.getLogger(MulticastReceiver.class.getName());
    private static final int MAX_DATAGRAM = 65_536;
    private static final int BATCH = 4_096;
    /**
     * How long the processing loop works through a backlog before it publishes what it did (a round ends sooner when
     * the ring is empty, or after {@link #BATCH} datagrams). Rounds bounded only by 4,096 datagrams took 0.2-0.3 s
     * at 50 µs a datagram (100,000 sources in 20-update datagrams on a slow 2-core machine): once behind, the writer
     * published 3 to 10 snapshots a second and the wall showed news 0.3 s or more late. Publishing at every 1 ms
     * tick while behind cost more CPU a datagram (17.3-18.6 µs against 15.8-17.2 at 100,000 sources, two runs each),
     * so a backlog is published about once a frame (docs/benchmarks.md, "The bench's own stall").
     */
    static final long PROCESSING_ROUND_NANOS = Long.getLong("gapwatch.processingRoundMicros", 16_000) * 1_000L;
    /** The ring is drained in steps of this many datagrams, the round's clock read between them. */
    static final int PROCESSING_BATCH = Integer.getInteger("gapwatch.processingBatch", 64);
    /**
     * Between the socket and the processing thread: a backlog waits here, then in the kernel's buffer, and only then
     * is dropped. Started into a flood of 100,000 sources (300,000 updates/s in 20-update datagrams), a 2-core VM's
     * processing thread fell behind for its first 5-7 s while the heap first grew; 65,536 slots and 32 MiB then
     * overflowed and 0.6-1.1 million updates were lost, where this depth held the backlog (1.8-2.8 s at its
     * deepest) and lost none (docs/benchmarks.md, "Starting into a flood of 100,000 sources"). Some 138 MB of heap.
     */
    static final int RING_SLOTS = Integer.getInteger("gapwatch.ringSlots", 1 << 18);
    private static final int RING_BYTES = Integer.getInteger("gapwatch.ringMiB", 128) << 20;
    private static final long HOUSEKEEPING_NANOS = 250_000_000L;
    /** How long closing lets a loop finish what it holds; the processing loop, while it progresses, up to a minute. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(3);
    private static final long CLOSE_LIMIT_NANOS = 60_000_000_000L;
    private static final boolean LINUX = System.getProperty("os.name", "").toLowerCase().contains("linux");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final Engine engine;
    private final ReceiverConfig config;
    private final Faults faults;
    private final Selector selector;
    private final Map<GroupSpec, Membership> memberships = new LinkedHashMap<>();
    /** A copy of the memberships for the housekeeping thread; the map itself is the socket thread's. */
    private volatile List<Membership> current = List.of();
    private final ArrayDeque<String> events = new ArrayDeque<>();
    private final LoopRunner socket;
    private final LoopRunner processing;
    private final LoopRunner housekeeping;
    private final DatagramRing ring = new DatagramRing(RING_SLOTS, RING_BYTES);
    /** The socket and processing threads run ahead of every other thread of the process (when enabled). */
    private final ReceivePathPriority priority = ReceivePathPriority.process();
    private final ConcurrentLinkedQueue<SocketTask> socketTasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean closeStarted = new AtomicBoolean();
    private final CompletableFuture<Boolean> closed = new CompletableFuture<>();
    private volatile boolean processorParked;
    private volatile boolean started;
    /** Set by close: a wait for ring room gives up at {@link #closeDeadlineNanos}. */
    private volatile boolean closing;
    private volatile long closeDeadlineNanos;
    private volatile DatagramTap tap;
    /** The always-on recent ring's tap, beside the operator's recording. */
    private volatile DatagramTap recentTap;
    private volatile Consumer<String> eventListener = e -> { };
    private volatile ReceiverStatus status;
    /** Test hook: thrown by the processing loop at its next round. */
    private volatile Throwable processingFault;

    // The socket thread's own.
    private final byte[] buf = new byte[MAX_DATAGRAM];
    private final ByteBuffer bb = ByteBuffer.wrap(buf);
    private final ArrivalClock arrivalClock = new ArrivalClock();

    // Written by the socket thread, or by the constructor before it starts.
    private volatile NetworkInterface networkInterface;
    private volatile long grantedBuffer = -1;
    private volatile int interfaceIndex;
    /** Drops counted by the kernel at sockets since closed (left groups, re-opened sockets). */
    private final AtomicLong closedSocketDrops = new AtomicLong();
    /** Datagrams taken from a socket but not handed on: the processing loop stopped, or did not make room in time. */
    private final AtomicLong undelivered = new AtomicLong();

    // Written by housekeeping only (and by the closer once housekeeping has ended).
    private volatile long socketDrops = SocketDrops.available() ? 0 : -1;
    private boolean interfaceWasUp = true;
    private long lastSecondNanos = Long.MIN_VALUE / 2;
    private long lastConsumed = -1;
    private long lastProgressNanos;

    /**
     * One socket of a configured subscription: {@code spec} is its own port, {@code subscription} what was asked
     * (RTP: two sockets for one); its socket and membership key, or, while it is not joined, null for both and the
     * reason.
     */
    private record Membership(GroupSpec spec, DatagramChannel channel, MembershipKey key,
                              InetSocketAddress destination, GroupSpec subscription, String problem) {
        boolean joined() {
            return problem == null;
        }
    }

    /** Work for the socket thread; {@code internal} ones (rejoins) are the receiver's own, and a failure is a bug. */
    private record SocketTask(Runnable action, CompletableFuture<Void> done, boolean internal) {
    }

    /** Opens and joins every configured group now, so that a bad address or interface fails here, in one line. */
    public MulticastReceiver(Engine engine, ReceiverConfig config) {
        this(engine, config, Faults.toDefaultLog(line -> LOG.log(System.Logger.Level.WARNING, line)));
    }

    /** The same, with the fault boundary given (e.g. one whose log echoes to stderr, for {@code listen}). */
    public MulticastReceiver(Engine engine, ReceiverConfig config, Faults faults) {
        this.engine = engine;
        this.config = config;
        this.faults = faults;
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
            closeChannelsAndSelector();
            throw e;
        }
        this.processing = faults.runner("processing", new ProcessingDuty(), Idle.none());
        this.socket = faults.runner("socket", new SocketDuty(), Idle.none());
        this.housekeeping = faults.runner("housekeeping", this::housekeep, Idle.park(HOUSEKEEPING_NANOS));
        faults.onChange(h -> updateStatus()); // a loop that stops or stalls is in the status at once
        updateStatus();
    }

    public void start() {
        started = true;
        engine.start(processing::wake);
        processing.start(priority::start);
        socket.start(priority::start);
        housekeeping.start();
    }

    public void setTap(DatagramTap tap) {
        this.tap = tap;
    }

    /** A second tap for the recent ring, so that it and a recording ({@link #setTap}) both see every datagram. */
    public void setRecentTap(DatagramTap tap) {
        this.recentTap = tap;
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

    /** This receiver's fault boundary: its loops' health, errors, and listeners for a loop that stops or stalls. */
    public Faults faults() {
        return faults;
    }

    /** Joins a further group while running. */
    public CompletableFuture<Void> join(GroupSpec g) {
        return onSocketThread(() -> open(g), false);
    }

    /** Leaves a group while running. */
    public CompletableFuture<Void> leave(GroupSpec subscription) {
        return onSocketThread(() -> {
            engine.unroute(subscription.subscription());
            for (GroupSpec g : subscription.sockets()) {
                Membership m = memberships.remove(g);
                current = List.copyOf(memberships.values());
                if (m != null) {
                    retire(m);
                    event("left " + g);
                }
            }
        }, false);
    }

    /** Switches every membership to another interface while running. */
    public CompletableFuture<Void> switchInterface(String nameOrAddress) {
        NetworkInterface ni = Interfaces.resolve(nameOrAddress);
        return onSocketThread(() -> {
            networkInterface = ni;
            interfaceIndex = ni.getIndex();
            rejoinAll("interface changed to " + ni.getName());
        }, false);
    }

    /** Test hook: runs {@code task} on the socket thread (e.g. to stall it). */
    void onSocketThread(Runnable task) {
        onSocketThread(task, true);
    }

    private CompletableFuture<Void> onSocketThread(Runnable action, boolean internal) {
        SocketTask task = new SocketTask(action, new CompletableFuture<>(), internal);
        if (closing) {
            task.done().completeExceptionally(new IllegalStateException("receiver closed"));
        } else if (!started) {
            run(task);
        } else {
            socketTasks.add(task);
            if (closing) {
                failSocketTasks(); // closed meanwhile: the socket loop may not look again
            }
            selector.wakeup();
        }
        return task.done();
    }

    private int runSocketTasks() {
        int n = 0;
        SocketTask task;
        while ((task = socketTasks.poll()) != null) {
            run(task);
            n++;
        }
        return n;
    }

    private void run(SocketTask task) {
        try {
            task.action().run();
            updateStatus();
            task.done().complete(null);
        } catch (Throwable e) {
            task.done().completeExceptionally(e);
            if (task.internal() && started) {
                socket.survived(e);
            }
        }
    }

    private void failSocketTasks() {
        SocketTask task;
        while ((task = socketTasks.poll()) != null) {
            task.done().completeExceptionally(new IllegalStateException("receiver closed"));
        }
    }

    // ---- memberships (socket thread, or the constructor) ----

    /** Opens a socket per port of the subscription and routes them to its protocol's decoder. */
    private void open(GroupSpec subscription) {
        for (GroupSpec g : subscription.sockets()) {
            openSocket(g, subscription);
        }
        if (!subscription.json()) {
            engine.route(subscription.subscription(), subscription.destinations());
        }
    }

    private void openSocket(GroupSpec g, GroupSpec subscription) {
        if (memberships.containsKey(g)) {
            return;
        }
        try {
            Membership m = openChannel(g, subscription);
            memberships.put(g, m);
            current = List.copyOf(memberships.values());
        } catch (BindException e) {
            throw new IllegalArgumentException("cannot bind " + g + ": " + e.getMessage()
                    + (g.port() < 1024 ? " (ports below 1024 need privileges)" : ""));
        } catch (SocketException e) {
            throw new IllegalArgumentException("cannot join " + g + " on " + networkInterface.getName() + ": "
                    + e.getMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot open " + g + ": " + e.getMessage());
        } catch (UnsupportedOperationException | IllegalStateException e) {
            throw new IllegalArgumentException("cannot join " + g + ": " + e.getMessage());
        }
    }

    /** A socket bound to {@code g}, joined on the current interface and registered with the selector. */
    private Membership openChannel(GroupSpec g, GroupSpec subscription) throws IOException {
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
            ch.register(selector, SelectionKey.OP_READ, g);
            return new Membership(g, ch, key, g.socketAddress(), subscription, null);
        } catch (IOException | RuntimeException | Error e) {
            closeQuietly(ch);
            throw e;
        }
    }

    private MembershipKey join(DatagramChannel ch, GroupSpec g) throws IOException {
        return g.source() == null ? ch.join(g.group(), networkInterface)
                : ch.join(g.group(), networkInterface, g.source());
    }

    /** Drops and re-makes every membership on the current interface. Socket thread only. */
    void rejoinAll(String why) {
        int ok = 0;
        for (Map.Entry<GroupSpec, Membership> e : memberships.entrySet()) {
            Membership m = rejoin(e.getValue());
            e.setValue(m);
            ok += m.joined() ? 1 : 0;
        }
        current = List.copyOf(memberships.values());
        event(why + ": rejoined " + ok + " group(s) on " + networkInterface.getName()
                + (ok < memberships.size() ? ", " + (memberships.size() - ok) + " not joined, retrying" : ""));
    }

    private Membership rejoin(Membership m) {
        if (m.channel() != null) {
            try {
                dropKey(m.key());
                return new Membership(m.spec(), m.channel(), join(m.channel(), m.spec()), m.destination(),
                        m.subscription(), null);
            } catch (IOException | RuntimeException | Error e) {
                // Typically the interface was deleted: the kernel forgot the membership, and the JDK's drop() then
                // fails (an AssertionError around "Cannot assign requested address") and leaves the key registered,
                // so this socket cannot join again. A new socket can.
            }
        }
        return reopen(m);
    }

    /** Closes the membership's socket and opens a new one; a group that cannot be joined now is marked so. */
    private Membership reopen(Membership m) {
        retire(m);
        try {
            return openChannel(m.spec(), m.subscription());
        } catch (IOException | RuntimeException | Error e) {
            return notJoined(m.spec(), m.subscription(), ErrorLog.describe(e));
        }
    }

    private static Membership notJoined(GroupSpec g, GroupSpec subscription, String reason) {
        return new Membership(g, null, null, g.socketAddress(), subscription, reason);
    }

    /**
     * Marks every group not joined (the interface is down or gone). The sockets stay: what they hold is still taken,
     * and a link that comes back up is rejoined on them.
     */
    private void markAllNotJoined(String reason) {
        for (Map.Entry<GroupSpec, Membership> e : memberships.entrySet()) {
            Membership m = e.getValue();
            e.setValue(new Membership(m.spec(), m.channel(), m.key(), m.destination(), m.subscription(), reason));
        }
        current = List.copyOf(memberships.values());
    }

    /** Tries again every group not joined; says so once each time one is joined. */
    private void retryNotJoined() {
        boolean changed = false;
        for (Map.Entry<GroupSpec, Membership> e : memberships.entrySet()) {
            Membership m = e.getValue();
            if (m.joined()) {
                continue;
            }
            Membership again = rejoin(m);
            if (again.joined()) {
                event(m.spec() + " joined on " + networkInterface.getName());
            }
            changed |= !again.equals(m);
            e.setValue(again);
        }
        if (changed) {
            current = List.copyOf(memberships.values());
        }
    }

    /** Closes a membership's socket, keeping the kernel's drop count of it. */
    private void retire(Membership m) {
        if (m.channel() == null) {
            return;
        }
        if (started && Thread.currentThread() == socket.thread()) {
            drainAll(m); // what arrived before the change is counted, not thrown away with the socket
        }
        Set<Integer> port = Set.of(m.spec().port());
        long before = SocketDrops.read(port);
        closeChannel(m);
        long after = SocketDrops.read(port);
        if (before >= 0 && after >= 0) {
            closedSocketDrops.addAndGet(before - after);
        }
    }

    /** Test hook: drop every membership as if the kernel had lost it; housekeeping should rejoin. */
    void dropMembershipsForTest() {
        for (Membership m : current) {
            dropKey(m.key());
        }
    }

    // ---- socket loop ----

    private final class SocketDuty implements Duty {
        @Override
        public void onStart() {
            priority.join();
        }

        @Override
        public int doWork() throws IOException {
            int work = runSocketTasks();
            try {
                selector.select(100);
            } catch (ClosedSelectorException e) {
                if (closing) {
                    return 0;
                }
                throw new LoopStopped("selector closed", e);
            }
            Iterator<SelectionKey> it = selector.selectedKeys().iterator();
            while (it.hasNext()) {
                SelectionKey key = it.next();
                it.remove();
                if (key.isValid()) {
                    Membership m = memberships.get((GroupSpec) key.attachment());
                    if (m != null && m.channel() == key.channel()) {
                        work += drain(m);
                    }
                }
            }
            return work;
        }

        @Override
        public void onClose() {
            // Take what is already queued in the sockets, so a final summary misses nothing that arrived.
            for (Membership m : memberships.values()) {
                drainAll(m);
            }
            failSocketTasks();
            processing.wake();
            priority.leave();
        }
    }

    private void drainAll(Membership m) {
        if (m.channel() != null && m.channel().isOpen()) {
            while (drain(m) == BATCH) {
                // keep draining
            }
        }
    }

    /** Moves what the socket holds into the ring, up to a batch; waits for room rather than drop a datagram. */
    private int drain(Membership m) {
        int n = 0;
        while (n < BATCH) {
            bb.clear();
            InetSocketAddress from;
            try {
                from = (InetSocketAddress) m.channel().receive(bb);
            } catch (IOException e) {
                socket.survived(e);
                break;
            }
            if (from == null) {
                break;
            }
            n++;
            long arrivalNanos = arrivalClock.epochNanos();
            while (!ring.offer(buf, 0, bb.position(), from, m.destination(), arrivalNanos)) {
                // Full: the processing side is behind. The kernel's buffer holds what comes meanwhile. Unless the
                // processing loop is gone, or it is stalled while closing: then this one is counted, not kept.
                if (!processing.running() || (closing && giveUpWaiting())) {
                    undelivered.incrementAndGet();
                    break;
                }
                processing.wake();
                LockSupport.parkNanos(50_000);
            }
        }
        if (n > 0 && processorParked) {
            processing.wake();
        }
        return n;
    }

    /** While closing: the processing loop is stalled (no progress for 2 s), or closing has gone on too long. */
    private boolean giveUpWaiting() {
        return processing.health().state() == LoopState.STALLED || System.nanoTime() - closeDeadlineNanos > 0;
    }

    // ---- processing loop ----

    private final class ProcessingDuty implements Duty {
        private final DatagramRing.Handler handler = MulticastReceiver.this::process;

        @Override
        public void onStart() {
            priority.join();
        }

        @Override
        public int doWork() {
            Throwable fault = processingFault;
            if (fault != null) {
                processingFault = null;
                if (fault instanceof Error e) {
                    throw e;
                }
                throw fault instanceof RuntimeException r ? r : new IllegalStateException(fault);
            }
            int n = ring.drainFor(handler, PROCESSING_BATCH, BATCH, PROCESSING_ROUND_NANOS, System::nanoTime);
            long now = System.currentTimeMillis();
            // Caught up (the ring empty): what changed is published now, not at the next millisecond's tick.
            engine.afterBatch(now, ring.isEmpty());
            if (n == 0) {
                processorParked = true;
                if (ring.isEmpty() && processing.running()) {
                    LockSupport.parkNanos(engine.nanosUntilDue(now));
                }
                processorParked = false;
            }
            return n;
        }

        @Override
        public void onClose() {
            try {
                finish();
            } finally {
                priority.leave();
            }
        }

        private void finish() {
            LoopHealth h = processing.health();
            if (h.state() == LoopState.STOPPED) {
                // Stopped by itself: whatever waits for this engine must know now, not at close.
                engine.close("processing stopped: " + h.reason());
                return;
            }
            // Closed: the socket loop has ended (close waits for it first); take what it left in the ring.
            while (ring.drain(handler, BATCH) > 0) {
                engine.afterBatch(System.currentTimeMillis());
            }
            engine.afterBatch(System.currentTimeMillis());
            engine.publish(System.currentTimeMillis());
        }
    }

    private void process(byte[] data, int off, int len, InetSocketAddress sender, InetSocketAddress destination,
                         long arrivalNanos) {
        // One clock for the recording and the tracker, so a replay shows the same seconds as live did.
        tapInto(tap, data, off, len, sender, destination, arrivalNanos);
        tapInto(recentTap, data, off, len, sender, destination, arrivalNanos);
        try {
            engine.datagram(data, off, len, sender, destination, arrivalNanos);
        } catch (Throwable e) {
            // A bug must not stop monitoring: count it and go on with the next datagram.
            processing.survived(e);
        }
    }

    private void tapInto(DatagramTap t, byte[] data, int off, int len, InetSocketAddress sender,
                         InetSocketAddress destination, long arrivalNanos) {
        if (t != null) {
            try {
                t.datagram(data, off, len, sender, destination, arrivalNanos);
            } catch (Throwable e) {
                // A failing recorder must not stop monitoring: count it and go on with the tracking.
                processing.survived(e);
            }
        }
    }

    /** Test hook: the processing loop throws {@code fault} at its next round (a dead processor, or an Error). */
    void failProcessingForTest(Throwable fault) {
        processingFault = fault;
        processing.wake();
    }

    // ---- housekeeping loop ----

    private int housekeep() {
        long now = System.nanoTime();
        heartbeat(now);
        priority.lowerOthers(); // threads new since the last round (the JIT's, the collector's) go below the receive path
        if (now - lastSecondNanos < 1_000_000_000L) {
            return 0;
        }
        lastSecondNanos = now;
        Set<Integer> ports = new HashSet<>();
        for (Membership m : current) {
            ports.add(m.spec().port());
        }
        long drops = SocketDrops.read(ports);
        socketDrops = drops < 0 ? -1 : drops + closedSocketDrops.get();
        long d = socketDrops;
        engine.execute(() -> engine.trackerOnWriterThread().socketDrops(d));
        watchInterface();
        updateStatus();
        return 0;
    }

    /** The processing loop's heartbeat: progress is datagrams taken from the ring. */
    private void heartbeat(long now) {
        long consumed = ring.consumed();
        long backlog = ring.backlog();
        if (consumed != lastConsumed || backlog == 0) {
            lastConsumed = consumed;
            lastProgressNanos = now;
            if (processing.health().state() == LoopState.STALLED) {
                processing.stalled(false, null);
                event("processing goes on");
                updateStatus();
            }
        } else if (now - lastProgressNanos >= STALL_MILLIS * 1_000_000L
                && processing.health().state() == LoopState.RUNNING) {
            processing.stalled(true, "no progress for " + (now - lastProgressNanos) / 1_000_000_000L + " s with "
                    + backlog + " datagrams waiting");
            event("processing stalled");
            updateStatus();
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
        boolean notJoined = false;
        for (Membership m : current) {
            keysLost |= m.joined() && !m.key().isValid();
            notJoined |= !m.joined();
        }
        if (!up && interfaceWasUp) {
            String name = networkInterface.getName();
            event("interface " + name + " is down");
            onSocketThread(() -> markAllNotJoined("interface " + name + (" is down")));
        }
        if (up && (!interfaceWasUp || now.getIndex() != interfaceIndex || keysLost)) {
            NetworkInterface ni = now;
            String why = !interfaceWasUp ? "interface " + ni.getName() + " is back"
                    : keysLost ? "membership lost" : "interface " + ni.getName() + " was re-created";
            onSocketThread(() -> {
                networkInterface = ni;
                interfaceIndex = ni.getIndex();
                rejoinAll(why);
            });
        } else if (up && notJoined) {
            onSocketThread(this::retryNotJoined);
        }
        interfaceWasUp = up;
    }

    // ---- status ----

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
        List<String> notJoined = new ArrayList<>();
        for (Membership m : current) {
            String g = m.subscription().toString();
            if (!groups.contains(g)) {
                groups.add(g);
            }
            if (!m.joined()) {
                notJoined.add(m.spec() + " not joined: " + m.problem() + ", retrying");
            }
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
                faults.errors(), ev, notJoined, faults.health(), undelivered.get());
    }

    private static String mib(long bytes) {
        return bytes % (1 << 20) == 0 ? (bytes >> 20) + " MiB" : String.format("%.1f MiB", bytes / 1048576.0);
    }

    // ---- closing ----

    /**
     * Closes in the background and returns at once: the caller (the FX thread, a signal handler) is never held up.
     * See {@link #closeAsync()}.
     */
    @Override
    public void close() {
        closeAsync();
    }

    /**
     * Starts closing and returns at once. The socket loop takes what its sockets still hold, the processing loop
     * feeds it to the engine and publishes a last snapshot, then the kernel's last drop count goes in. Closing waits
     * for the processing loop while it makes progress (a backlog takes time), and gives up once it is stalled (no
     * progress for {@link #STALL_MILLIS}) or after a minute. Completes with true when every loop ended in time (the tracker is then the caller's
     * to read), false when one did not (use the last published snapshot).
     */
    public CompletableFuture<Boolean> closeAsync() {
        if (!closeStarted.compareAndSet(false, true)) {
            return closed;
        }
        closeDeadlineNanos = System.nanoTime() + CLOSE_LIMIT_NANOS;
        closing = true;
        failSocketTasks();
        if (!started) {
            closeChannelsAndSelector();
            engine.close("receiver closed");
            closed.complete(true);
            return closed;
        }
        Thread.ofPlatform().name("gapwatch-close").daemon(true).start(this::finishClose);
        return closed;
    }

    private void finishClose() {
        boolean ended = false;
        try {
            // Housekeeping goes last: its heartbeat tells a processing loop that works through a backlog (wait for
            // it) from one that is stuck (give up).
            selector.wakeup();
            boolean socketEnded = socket.close(CLOSE_WAIT);
            processing.close(Duration.ofSeconds(1));
            while (processing.thread().isAlive() && !giveUpWaiting()) {
                processing.thread().join(100);
            }
            boolean processingEnded = !processing.thread().isAlive();
            housekeeping.close(CLOSE_WAIT);
            ended = socketEnded && processingEnded && !housekeeping.thread().isAlive();
            if (ended) {
                // The last word on kernel drops, read before the sockets (and their counters) go away. The loops
                // have ended, so the tracker is this thread's to write.
                Set<Integer> ports = new HashSet<>();
                for (Membership m : current) {
                    ports.add(m.spec().port());
                }
                long drops = SocketDrops.read(ports);
                if (drops >= 0) {
                    socketDrops = drops + closedSocketDrops.get();
                    engine.trackerOnWriterThread().socketDrops(socketDrops);
                    engine.publish(System.currentTimeMillis());
                }
            }
        } catch (Throwable e) {
            faults.log().log("close", e);
        } finally {
            if (!socket.thread().isAlive()) {
                closeChannelsAndSelector();
            }
            engine.close("receiver closed");
            updateStatus();
            closed.complete(ended);
        }
    }

    private void closeChannelsAndSelector() {
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

    private static void dropKey(MembershipKey key) {
        if (key != null && key.isValid()) {
            key.drop();
        }
    }

    private static void closeChannel(Membership m) {
        if (m == null || m.channel() == null) {
            return;
        }
        try {
            dropKey(m.key());
        } catch (RuntimeException | Error e) {
            // The membership is gone with its interface (see rejoin); closing the socket is all that is left.
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
