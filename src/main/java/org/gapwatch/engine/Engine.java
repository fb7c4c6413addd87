package org.gapwatch.engine;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
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
 */
public final class Engine {
    /**
     * Default spacing of published snapshots: what arrives is in a snapshot within a millisecond, so the next 60 Hz
     * frame shows it. Views are made only for sources that changed, so a shorter spacing costs little more: at a
     * given update rate the same views are made, in smaller batches.
     */
    public static final long DEFAULT_PUBLISH_MILLIS = Long.getLong("gapwatch.publishMillis", 1);
    /** How long an idle writer may wait when nothing is waiting to be published (queries wake it at once). */
    private static final long IDLE_WAIT_MILLIS = 50;

    private Tracker tracker;
    private final DatagramDecoder decoder = new DatagramDecoder();
    /** Destination to decoder; replaced whole (copy on write), as routes change from other threads. */
    private volatile Map<InetSocketAddress, ProtocolDecoder> routes = Map.of();
    /** What the routes were made from, so that a reset makes fresh decoders (they keep state: RTP names). */
    private final Map<Subscription, List<InetSocketAddress>> subscriptions = new java.util.LinkedHashMap<>();
    // The writer's last look-up: the receiver hands the same destination instance for every datagram of a socket.
    private InetSocketAddress lastDestination;
    private ProtocolDecoder lastDecoder;
    private Map<InetSocketAddress, ProtocolDecoder> lastRoutes;
    private final AtomicReference<TrackerSnapshot> latest = new AtomicReference<>(TrackerSnapshot.empty());
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final long publishMillis;
    private volatile Runnable wakeup = () -> { };
    private long lastPublishMillis;

    public Engine(TrackerConfig config) {
        this(config, DEFAULT_PUBLISH_MILLIS);
    }

    public Engine(TrackerConfig config, long publishMillis) {
        this.tracker = new Tracker(config);
        this.publishMillis = publishMillis;
    }

    // ---- writer thread ----

    /** Decodes (as JSON v1) and accounts one datagram. Writer thread only. */
    public void datagram(byte[] buf, int off, int len, InetSocketAddress sender, long arrivalMillis) {
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

    /** Forgets the route of a subscription. Any thread. */
    public synchronized void unroute(Subscription subscription) {
        if (subscriptions.remove(subscription) != null) {
            rebuildRoutes();
        }
    }

    private void rebuildRoutes() {
        Map<InetSocketAddress, ProtocolDecoder> next = new HashMap<>();
        subscriptions.forEach((sub, destinations) -> {
            ProtocolDecoder d = Protocols.decoder(sub);
            destinations.forEach(a -> next.put(a, d));
        });
        routes = Map.copyOf(next);
    }

    /** Runs queued queries and publishes a snapshot if one is due. Writer thread only. */
    public void afterBatch(long nowMillis) {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            task.run();
        }
        if (nowMillis - lastPublishMillis >= publishMillis) {
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
        synchronized (this) {
            rebuildRoutes();
        }
        publish(nowMillis);
    }

    /** Publishes a snapshot now. Writer thread only. */
    public void publish(long nowMillis) {
        latest.set(tracker.snapshot(nowMillis));
        lastPublishMillis = nowMillis;
    }

    /** How long the writer may wait for input before the next snapshot is due. */
    public long millisUntilDue(long nowMillis) {
        if (!tracker.hasUnpublishedChanges()) {
            return IDLE_WAIT_MILLIS;
        }
        return Math.max(1, publishMillis - (nowMillis - lastPublishMillis));
    }

    /** The driver's way to interrupt its wait when a query arrives (e.g. {@code selector::wakeup}). */
    public void wakeupWith(Runnable wakeup) {
        this.wakeup = wakeup;
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

    /** Runs {@code f} on the writer thread at its next batch boundary and completes with its result. */
    public <T> CompletableFuture<T> query(Function<Tracker, T> f) {
        CompletableFuture<T> future = new CompletableFuture<>();
        tasks.add(() -> {
            try {
                future.complete(f.apply(tracker));
            } catch (RuntimeException e) {
                future.completeExceptionally(e);
            }
        });
        wakeup.run();
        return future;
    }

    /** Runs {@code task} on the writer thread at its next batch boundary. */
    public void execute(Runnable task) {
        tasks.add(task);
        wakeup.run();
    }
}
