package org.gapwatch.engine;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import org.gapwatch.protocol.DatagramDecoder;
import org.gapwatch.protocol.DecodeResult;
import org.gapwatch.protocol.ProtocolDecoder;
import org.gapwatch.protocol.Protocols;
import org.gapwatch.protocol.Subscription;
import org.gapwatch.track.Tracker;
import org.gapwatch.track.TrackerConfig;
import org.gapwatch.track.TrackerSnapshot;

/**
 * Decoder and tracker behind one writer thread, with the two ways other threads reach them without locking it:
 * {@link #snapshot()} (the newest published picture, for drawing) and {@link #query} (a function run on the writer
 * thread between batches, for history and commands). The writer is whatever drives the engine: the live receive
 * loop or a capture replay. It calls {@link #datagram}, then {@link #afterBatch} after each drained batch, and
 * waits no longer than {@link #millisUntilDue} when idle.
 *
 * <p>Each datagram is decoded by the protocol of the subscription its destination (group and port) belongs to
 * ({@link #route}); a datagram to no routed destination is JSON v1, as before protocols had names.
 *
 * <p>Lifecycle: the driver {@link #start starts} the engine when its writer thread runs and {@link #close closes} it
 * when the writer is gone (closed, or stopped by a fault). A query or task handed to an engine that is not running
 * completes exceptionally at once, with the reason, instead of waiting for a writer that will never come; one that
 * fails completes exceptionally too and leaves the writer's loop alone.
 */
public final class Engine {
    /**
     * Default spacing of published snapshots: what arrives is in a snapshot within a millisecond, so the next 60 Hz
     * frame shows it. Views are made only for sources that changed, so a shorter spacing costs little more: at a
     * given update rate the same views are made, in smaller batches.
     */
    public static final long DEFAULT_PUBLISH_MILLIS = Long.getLong("gapwatch.publishMillis", 1);
    /**
     * A live writer that has caught up (nothing left in its input) publishes what changed as soon as the last
     * snapshot is this old, not at the next {@link #DEFAULT_PUBLISH_MILLIS} tick: an update that came just before
     * a frame is then in that frame's snapshot, instead of waiting up to a millisecond (rounded up to the next
     * whole millisecond of the clock, and to the next datagram's wake-up) and missing the frame. A flood that keeps
     * the writer busy never catches up and is published at the tick as before, so this costs nothing at 100,000
     * sources; at most this spacing bounds the snapshots of a trickle (4,000/s).
     */
    public static final long CAUGHT_UP_PUBLISH_NANOS = Long.getLong("gapwatch.caughtUpPublishMicros", 250) * 1_000L;
    /** How long an idle writer may wait when nothing is waiting to be published (queries wake it at once). */
    private static final long IDLE_WAIT_MILLIS = 50;

    /** The decode step, replaceable so that a test can make it fail. */
    @FunctionalInterface
    public interface Decoder {
        DecodeResult decode(byte[] buf, int off, int len);
    }

    /** A query or task queued for the writer thread. */
    private record Task(Consumer<Tracker> work, CompletableFuture<?> future) {
    }

    private Tracker tracker;
    private final Decoder decoder;
    private volatile String notRunning = "engine not started: no receiver or replay drives it";
    /** Destination to decoder; replaced whole (copy on write), as routes change from other threads. */
    private volatile Map<InetSocketAddress, ProtocolDecoder> routes = Map.of();
    /** What the routes were made from, so that a reset makes fresh decoders (they keep state: RTP names). */
    private final Map<Subscription, List<InetSocketAddress>> subscriptions = new java.util.LinkedHashMap<>();
    /** What decoders may read (jsonmap mappings), given by the layer that does I/O. */
    private volatile org.gapwatch.protocol.Resources resources = org.gapwatch.protocol.Resources.NONE;
    // The writer's last look-up: the receiver hands the same destination instance for every datagram of a socket.
    private InetSocketAddress lastDestination;
    private ProtocolDecoder lastDecoder;
    private Map<InetSocketAddress, ProtocolDecoder> lastRoutes;
    private final AtomicReference<TrackerSnapshot> latest = new AtomicReference<>(TrackerSnapshot.empty());
    private final ConcurrentLinkedQueue<Task> tasks = new ConcurrentLinkedQueue<>();
    private final long publishMillis;
    private volatile Runnable wakeup = () -> { };
    private long lastPublishMillis;
    private final java.util.function.LongSupplier nanoClock;
    private long lastPublishNanos;
    /** Arrival of the newest datagram accounted; whether the live writer's input still held more at its last batch. */
    private long newestArrivalMillis = Long.MIN_VALUE;
    private boolean behind;
    /** The bench's hop-by-hop latency instrument, or null (the normal case: nothing is stamped). */
    private volatile LatencyProbe probe;

    public Engine(TrackerConfig config) {
        this(config, DEFAULT_PUBLISH_MILLIS);
    }

    public Engine(TrackerConfig config, long publishMillis) {
        this(config, publishMillis, new DatagramDecoder(namesFor(config))::decode);
    }

    /**
     * How many source names the JSON decoder keeps: every source the tracker may have and a quarter more (names it
     * refuses), so that at the limit names are not forgotten and read again in turn.
     */
    private static int namesFor(TrackerConfig config) {
        return (int) Math.min(1 << 22, Math.max(1024, config.maxSources() + config.maxSources() / 4L));
    }

    /** An engine with its own decode step (a test's decoder that fails on purpose). */
    public Engine(TrackerConfig config, long publishMillis, Decoder decoder) {
        this(config, publishMillis, decoder, System::nanoTime);
    }

    /** An engine whose caught-up publishing ({@link #afterBatch(long, boolean)}) reads {@code nanoClock}. */
    public Engine(TrackerConfig config, long publishMillis, Decoder decoder, java.util.function.LongSupplier nanoClock) {
        this.tracker = new Tracker(config);
        this.publishMillis = publishMillis;
        this.decoder = decoder;
        this.nanoClock = nanoClock;
        this.lastPublishNanos = nanoClock.getAsLong() - CAUGHT_UP_PUBLISH_NANOS;
    }

    // ---- lifecycle (the driver) ----

    /**
     * The writer is running: queries and tasks are taken from now on, and {@code wakeup} is how they interrupt its
     * wait (e.g. {@code selector::wakeup}). A closed engine cannot be started again.
     */
    public void start(Runnable wakeup) {
        synchronized (tasks) {
            if (notRunning != null && notRunning.startsWith("engine closed")) {
                throw new IllegalStateException(notRunning);
            }
            this.wakeup = wakeup;
            notRunning = null;
        }
    }

    /** The same as {@link #start(Runnable)}: the older name, which drivers written before the lifecycle call. */
    public void wakeupWith(Runnable wakeup) {
        start(wakeup);
    }

    /**
     * The writer is gone: what is queued and whatever comes later completes exceptionally with {@code reason}
     * ("receiver closed", "processing stopped: ..."). Any thread; idempotent (the first reason stays).
     */
    public void close(String reason) {
        synchronized (tasks) {
            if (notRunning == null || !notRunning.startsWith("engine closed")) {
                notRunning = "engine closed: " + reason;
            }
        }
        failQueued();
    }

    /** Whether queries are taken (started and not closed). */
    public boolean running() {
        return notRunning == null;
    }

    private void failQueued() {
        Task t;
        while ((t = tasks.poll()) != null) {
            t.future().completeExceptionally(new IllegalStateException(notRunning));
        }
    }

    // ---- writer thread ----

    /** Decodes (as JSON v1) and accounts one datagram. Writer thread only. */
    public void datagram(byte[] buf, int off, int len, InetSocketAddress sender, long arrivalMillis) {
        newestArrivalMillis = Math.max(newestArrivalMillis, arrivalMillis);
        DecodeResult r = decoder.decode(buf, off, len);
        tracker.datagram(r, buf, off, len, sender, arrivalMillis);
    }

    /**
     * Decodes one datagram with the protocol routed for its destination (JSON v1 if none or null) and accounts it.
     * Writer thread only.
     */
    public void datagram(byte[] buf, int off, int len, InetSocketAddress sender, InetSocketAddress destination,
                         long arrivalNanos) {
        long arrivalMillis = Math.floorDiv(arrivalNanos, 1_000_000L);
        newestArrivalMillis = Math.max(newestArrivalMillis, arrivalMillis);
        LatencyProbe p = probe;
        if (p != null) {
            p.taken(arrivalNanos);
        }
        ProtocolDecoder d = decoderFor(destination);
        DecodeResult r = d == null ? decoder.decode(buf, off, len)
                : d.decode(buf, off, len, destination.getPort(), arrivalNanos);
        tracker.datagram(r, buf, off, len, sender, destination, arrivalMillis);
    }

    private ProtocolDecoder decoderFor(InetSocketAddress destination) {
        Map<InetSocketAddress, ProtocolDecoder> now = routes;
        if (destination == null || now.isEmpty()) {
            return null;
        }
        if (destination != lastDestination || now != lastRoutes) {
            lastDestination = destination;
            lastRoutes = now;
            lastDecoder = now.get(destination);
        }
        return lastDecoder;
    }

    /**
     * Decodes datagrams to these destinations (a subscription's group on each of its ports) with the subscription's
     * protocol, by one decoder made for it now. Any thread; a JSON subscription needs no route.
     */
    public synchronized void route(Subscription subscription, List<InetSocketAddress> destinations) {
        subscriptions.put(subscription, List.copyOf(destinations));
        rebuildRoutes();
    }

    /** What decoders may read (a jsonmap subscription's mapping file); the routes' decoders are made anew. */
    public synchronized void setResources(org.gapwatch.protocol.Resources r) {
        resources = r;
        rebuildRoutes();
    }

    /** Forgets the route of a subscription. Any thread. */
    public synchronized void unroute(Subscription subscription) {
        if (subscriptions.remove(subscription) != null) {
            rebuildRoutes();
        }
    }

    private void rebuildRoutes() {
        Map<InetSocketAddress, ProtocolDecoder> next = new HashMap<>();
        subscriptions.forEach((sub, destinations) -> {
            ProtocolDecoder d = decoder(sub);
            destinations.forEach(a -> next.put(a, d));
        });
        routes = Map.copyOf(next);
    }

    private ProtocolDecoder decoder(Subscription sub) {
        try {
            return Protocols.decoder(sub, resources);
        } catch (IllegalArgumentException e) {
            // Checked before it started (Protocol.check); this is a file that changed since: counted, not read.
            return new org.gapwatch.protocol.NotStartedDecoder();
        }
    }

    /** Runs queued queries and publishes a snapshot if one is due. Writer thread only. */
    public void afterBatch(long nowMillis) {
        behind = false; // a writer that does not say (a replay, a capture) knows its input up to now
        runTasksAndPublishIfDue(nowMillis, false);
    }

    /**
     * The same, for a live writer that says whether it has {@code caughtUp} (its input is empty): then what changed
     * is published as soon as the last snapshot is {@link #CAUGHT_UP_PUBLISH_NANOS} old. Writer thread only.
     */
    public void afterBatch(long nowMillis, boolean caughtUp) {
        behind = !caughtUp;
        runTasksAndPublishIfDue(nowMillis, caughtUp);
    }

    private void runTasksAndPublishIfDue(long nowMillis, boolean caughtUp) {
        Task task;
        while ((task = tasks.poll()) != null) {
            // The task completes its own future, also when it fails; nothing it throws reaches the writer's loop.
            task.work().accept(tracker);
        }
        if (nowMillis - lastPublishMillis >= publishMillis || caughtUp && tracker.hasUnpublishedChanges()
                && nanoClock.getAsLong() - lastPublishNanos >= CAUGHT_UP_PUBLISH_NANOS) {
            publish(nowMillis);
        }
    }

    /**
     * Forgets every source and counter and publishes the empty picture (a replay seeking backwards starts again
     * from the beginning). Writer thread only.
     */
    public void reset(long nowMillis) {
        Tracker old = tracker;
        tracker = new Tracker(old.config(), old.snapshot(nowMillis).version());
        newestArrivalMillis = Long.MIN_VALUE;
        synchronized (this) {
            rebuildRoutes();
        }
        publish(nowMillis);
    }

    /** Publishes a snapshot now. Writer thread only. */
    public void publish(long nowMillis) {
        // Behind, the snapshot knows its input only up to the newest arrival read: the judge judges it as of then.
        TrackerSnapshot s = tracker.snapshot(nowMillis, behind && newestArrivalMillis != Long.MIN_VALUE
                ? newestArrivalMillis : nowMillis);
        LatencyProbe p = probe;
        if (p != null) {
            p.published(s.version()); // before the snapshot is seen, so that a pulse never sees it unstamped
        }
        latest.set(s);
        lastPublishMillis = nowMillis;
        lastPublishNanos = nanoClock.getAsLong();
    }

    /** Stamps every datagram's way through this engine into {@code p} from now on (null: no more). Any thread. */
    public void probe(LatencyProbe p) {
        probe = p;
    }

    /**
     * How long a caught-up live writer may wait for input before the next snapshot is due, in nanoseconds: when
     * something waits to be published, until the last snapshot is {@link #CAUGHT_UP_PUBLISH_NANOS} old (then
     * {@link #afterBatch(long, boolean)} publishes it) or the millisecond tick is due, whichever is first; else the
     * idle wait.
     */
    public long nanosUntilDue(long nowMillis) {
        if (!tracker.hasUnpublishedChanges()) {
            return IDLE_WAIT_MILLIS * 1_000_000L;
        }
        long tick = Math.max(1, publishMillis - (nowMillis - lastPublishMillis)) * 1_000_000L;
        return Math.max(1_000L, Math.min(tick, CAUGHT_UP_PUBLISH_NANOS - (nanoClock.getAsLong() - lastPublishNanos)));
    }

    /** The tracker, for the writer thread only. */
    public Tracker trackerOnWriterThread() {
        return tracker;
    }

    // ---- any thread ----

    /** The newest published snapshot. Never blocks. */
    public TrackerSnapshot snapshot() {
        return latest.get();
    }

    /**
     * Runs {@code f} on the writer thread at its next batch boundary and completes with its result; completes
     * exceptionally with what {@code f} threw, or at once when the engine is not running.
     */
    public <T> CompletableFuture<T> query(Function<Tracker, T> f) {
        CompletableFuture<T> future = new CompletableFuture<>();
        return submit(new Task(t -> {
            try {
                future.complete(f.apply(t));
            } catch (Throwable e) {
                future.completeExceptionally(e);
            }
        }, future));
    }

    /** Runs {@code task} on the writer thread at its next batch boundary; the future says when it ran, or why not. */
    public CompletableFuture<Void> execute(Runnable task) {
        return query(t -> {
            task.run();
            return null;
        });
    }

    @SuppressWarnings("unchecked")
    private <T> CompletableFuture<T> submit(Task task) {
        String why = notRunning;
        if (why != null) {
            task.future().completeExceptionally(new IllegalStateException(why));
        } else {
            tasks.add(task);
            if (notRunning != null) {
                failQueued(); // closed meanwhile: the writer may never look at the queue again
            }
            wakeup.run();
        }
        return (CompletableFuture<T>) task.future();
    }
}
