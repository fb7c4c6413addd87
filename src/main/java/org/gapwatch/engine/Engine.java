package org.gapwatch.engine;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.gapwatch.protocol.DatagramDecoder;
import org.gapwatch.protocol.DecodeResult;
import org.gapwatch.track.Tracker;
import org.gapwatch.track.TrackerConfig;
import org.gapwatch.track.TrackerSnapshot;

/**
 * Decoder and tracker behind one writer thread, with the two ways other threads reach them without locking it:
 * {@link #snapshot()} (the newest published picture, for drawing) and {@link #query} (a function run on the writer
 * thread between batches, for history and commands). The writer is whatever drives the engine: the live receive
 * loop or a capture replay. It calls {@link #datagram}, then {@link #afterBatch} after each drained batch, and
 * waits no longer than {@link #millisUntilDue} when idle.
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

    /** Decodes and accounts one datagram. Writer thread only. */
    public void datagram(byte[] buf, int off, int len, InetSocketAddress sender, long arrivalMillis) {
        datagram(buf, off, len, sender, null, arrivalMillis);
    }

    /** As above, with the group and port it was sent to (null if unknown), for the loss episodes' evidence. */
    public void datagram(byte[] buf, int off, int len, InetSocketAddress sender, InetSocketAddress destination,
                         long arrivalMillis) {
        DecodeResult r = decoder.decode(buf, off, len);
        tracker.datagram(r, buf, off, len, sender, destination, arrivalMillis);
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
