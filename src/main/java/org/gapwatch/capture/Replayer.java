package org.gapwatch.capture;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.gapwatch.engine.Engine;
import org.gapwatch.fault.Duty;
import org.gapwatch.fault.Faults;
import org.gapwatch.fault.Idle;
import org.gapwatch.fault.LoopRunner;
import org.gapwatch.fault.LoopStopped;

/**
 * Plays a capture into an {@link Engine} as its writer thread, so every view works on a replay as on live data.
 * Arrival times are the capture's: history, rates and staleness are those of the moment recorded, and snapshots are
 * taken at the capture's clock ({@link Progress#positionNanos()}).
 *
 * <p>Speed 1x, any factor, or {@link #AS_FAST_AS_POSSIBLE}; pause and play; {@link #seek} to any moment (backwards
 * resets the engine and feeds again from the start, as fast as possible). Before playing, the file is read once to
 * learn its first and last time for a time slider. All control methods may be called from any thread.
 *
 * <p>The replay runs in a {@link LoopRunner} named "replay" (a fault boundary: an error is counted and logged once,
 * and the replay goes on; a capture that cannot be read ends it, FAILED with one line). Its pace follows an injected
 * clock, so a test drives it. {@link #close()} returns at once; the loop ends within one batch, also in the middle
 * of a seek.
 */
public final class Replayer implements AutoCloseable {
    public static final double AS_FAST_AS_POSSIBLE = Double.POSITIVE_INFINITY;
    private static final int BATCH = 4096;
    private static final long IDLE_WAIT_NANOS = 20_000_000L;

    public enum State { LOADING, PLAYING, PAUSED, FINISHED, FAILED, CLOSED }

    /**
     * Where a replay is.
     *
     * @param startNanos     first datagram's time (epoch nanos), or 0 while loading
     * @param endNanos       last datagram's time
     * @param positionNanos  the capture's clock now: everything up to it has been fed
     * @param fed            datagrams fed so far
     * @param total          datagrams in the capture (known after loading)
     * @param error          one line when FAILED, else null
     */
    public record Progress(State state, long startNanos, long endNanos, long positionNanos, double speed, long fed,
                           long total, String error) {
        /** The same place in another state. */
        public Progress withState(State state, String error) {
            return new Progress(state, startNanos, endNanos, positionNanos, speed, fed, total, error);
        }

        /** Share of the capture's time span played: 0..1. */
        public double fraction() {
            return endNanos <= startNanos ? (state == State.FINISHED ? 1 : 0)
                    : Math.min(1, Math.max(0, (double) (positionNanos - startNanos) / (endNanos - startNanos)));
        }
    }

    private static final System.Logger LOG = System.getLogger(Replayer.class.getName());

    private final Path file;
    private final CaptureFilter filter;
    private final Engine engine;
    private final InstantSource clock;
    private final LoopRunner loop;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();

    // Commands, guarded by lock.
    private boolean pauseRequested;
    private double speed = 1;
    private long seekTarget = Long.MIN_VALUE;
    private boolean closeRequested;
    private boolean controlsChanged;
    private boolean woken;

    // Writer-thread state.
    private CaptureReader reader;
    private CapturedDatagram pending;
    private long anchorWallNanos;
    private long anchorCaptureNanos;
    private boolean loaded;
    private long start;
    private long end;
    private long total;
    private long position;
    private long fed;
    private boolean paused = true;
    private double currentSpeed = AS_FAST_AS_POSSIBLE;
    private long lastFed;

    private volatile boolean started;
    private volatile Progress progress = new Progress(State.LOADING, 0, 0, 0, 1, 0, 0, null);
    private volatile List<String> problems = List.of();

    /** A replay paced by the monotonic clock, in a fault boundary of its own. */
    public Replayer(Path file, CaptureFilter filter, Engine engine) {
        this(file, filter, engine, monotonic(), CaptureFaults.create(LOG));
    }

    /**
     * @param clock  paces the replay (a test moves it by hand)
     * @param faults the fault boundary the "replay" loop belongs to
     */
    public Replayer(Path file, CaptureFilter filter, Engine engine, InstantSource clock, Faults faults) {
        this.file = file;
        this.filter = filter;
        this.engine = engine;
        this.clock = clock;
        this.loop = faults.runner("replay", new ReplayDuty(), Idle.none()); // the duty waits on its own condition
    }

    /** Wall time from {@link System#nanoTime()}: a replay's pace must not jump when the system clock is set. */
    static InstantSource monotonic() {
        Instant base = Instant.now();
        long baseNanos = System.nanoTime();
        return () -> base.plusNanos(System.nanoTime() - baseNanos);
    }

    /** Starts the writer thread: load, then play (or stay paused if {@link #pause()} was called first). */
    public void start() {
        started = true;
        loop.start();
    }

    public void play() {
        command(() -> pauseRequested = false);
    }

    public void pause() {
        command(() -> pauseRequested = true);
    }

    /** Replay speed: 1 is as it happened, 10 ten times faster, {@link #AS_FAST_AS_POSSIBLE} without waiting. */
    public void speed(double factor) {
        if (!(factor > 0)) {
            throw new IllegalArgumentException("replay speed must be more than 0, not " + factor);
        }
        command(() -> speed = factor);
    }

    /** Moves the replay's clock to {@code epochNanos} (clamped to the capture's span); play or pause is kept. */
    public void seek(long epochNanos) {
        command(() -> seekTarget = epochNanos);
    }

    public Progress progress() {
        return progress;
    }

    /** The capture's problems (skipped records by reason, truncation), one line each; complete once loaded. */
    public List<String> problems() {
        return problems;
    }

    /** Ends the replay: returns at once, the loop stops within one batch (also inside a seek) and closes the file. */
    @Override
    public void close() {
        command(() -> closeRequested = true);
        loop.close(Duration.ZERO);
        if (!started) {
            progress = progress.withState(State.CLOSED, null); // no loop will say so
        }
    }

    private void wake() {
        lock.lock();
        try {
            woken = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void command(Runnable r) {
        lock.lock();
        try {
            r.run();
            controlsChanged = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    // ---- writer thread ----

    private final class ReplayDuty implements Duty {
        @Override
        public int doWork() {
            try {
                if (!loaded) {
                    return load();
                }
                return round();
            } catch (IOException e) {
                String message = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
                progress = progress.withState(State.FAILED, message);
                throw new LoopStopped("replay of " + file + " failed: " + message);
            }
        }

        @Override
        public void onClose() {
            closeReader();
            if (progress.state() != State.FAILED) {
                progress = progress.withState(State.CLOSED, null);
            }
        }
    }

    private int load() throws IOException {
        // A query only needs the loop to run once; it must not move the replay's clock anchor.
        engine.wakeupWith(this::wake);
        long[] span = scan();
        if (span == null) {
            loop.close(Duration.ZERO); // closed while loading
            return 0;
        }
        start = span[0];
        end = span[1];
        total = span[2];
        progress = new Progress(State.PAUSED, start, end, start, speed(), 0, total, null);
        engine.reset(millis(start));
        rewind();
        position = start;
        anchor(position);
        loaded = true;
        return 1;
    }

    /** Reads the whole file once: {first time, last time, count}, or null if closed meanwhile. */
    private long[] scan() throws IOException {
        long first = 0, last = 0, count = 0;
        try (CaptureReader r = CaptureReader.open(file, filter)) {
            CapturedDatagram d;
            while ((d = r.next()) != null) {
                if (count++ == 0) {
                    first = d.arrivalEpochNanos();
                }
                last = Math.max(last, d.arrivalEpochNanos());
                if ((count & 0xFFFF) == 0 && closing()) {
                    return null;
                }
            }
            problems = r.stats().problemLines();
        }
        return new long[] {first, Math.max(first, last), count};
    }

    /** One round: take the commands, seek, feed what is due, publish, then wait until more is due. */
    private int round() throws IOException {
        long target;
        lock.lock();
        try {
            if (closeRequested) {
                return 0;
            }
            if (controlsChanged) {
                // The clock goes on from where the old speed had brought it, then at the new speed.
                if (!paused && pending != null && currentSpeed != AS_FAST_AS_POSSIBLE) {
                    position = Math.min(pending.arrivalEpochNanos(), Math.max(position, due(currentSpeed)));
                }
                anchor(position);
            }
            controlsChanged = false;
            woken = false;
            paused = pauseRequested;
            currentSpeed = speed;
            target = seekTarget;
            seekTarget = Long.MIN_VALUE;
        } finally {
            lock.unlock();
        }
        if (target != Long.MIN_VALUE) {
            target = Math.max(start, Math.min(end, target));
            if (target < position) {
                engine.reset(millis(start));
                rewind();
                fed = 0;
            }
            if (!feedUntil(target)) {
                return 0; // closed in the middle of the seek
            }
            position = target;
            engine.publish(millis(position));
            anchor(position);
        }
        boolean finished = pending == null;
        if (!paused && !finished) {
            long due = currentSpeed == AS_FAST_AS_POSSIBLE ? Long.MAX_VALUE : due(currentSpeed);
            feedBatch(due);
            position = currentSpeed == AS_FAST_AS_POSSIBLE
                    ? (pending == null ? end : Math.max(position, lastFed))
                    : Math.min(Math.max(position, due), pending == null ? end : pending.arrivalEpochNanos());
            if (pending == null) {
                position = end;
                engine.publish(millis(position));
            }
        }
        engine.afterBatch(millis(position));
        finished = pending == null;
        State state = finished ? State.FINISHED : paused ? State.PAUSED : State.PLAYING;
        progress = new Progress(state, start, end, position, currentSpeed, fed, total, null);
        if (state == State.PLAYING && currentSpeed == AS_FAST_AS_POSSIBLE) {
            return 1;
        }
        long waitNanos = IDLE_WAIT_NANOS;
        if (state == State.PLAYING) {
            long dueWall = anchorWallNanos
                    + (long) ((pending.arrivalEpochNanos() - anchorCaptureNanos) / currentSpeed);
            waitNanos = Math.max(0, Math.min(waitNanos, dueWall - wallNanos()));
        }
        if (waitNanos > 0) {
            lock.lock();
            try {
                if (!controlsChanged && !closeRequested && !woken) {
                    changed.awaitNanos(waitNanos);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                loop.close(Duration.ZERO);
            } finally {
                lock.unlock();
            }
        }
        return 1;
    }

    /** Feeds pending datagrams due by {@code dueNanos}, at most one batch. */
    private int feedBatch(long dueNanos) throws IOException {
        int n = 0;
        while (pending != null && pending.arrivalEpochNanos() <= dueNanos && n < BATCH) {
            CapturedDatagram d = pending;
            pending = reader.next(); // first: a datagram the engine fails on is not fed again and again
            n++;
            fed++;
            feed(d);
        }
        return n;
    }

    /**
     * Feeds everything up to {@code targetNanos}, running queued queries between batches; false when closed
     * meanwhile (a backwards seek reads again from the start: that can be the whole file).
     */
    private boolean feedUntil(long targetNanos) throws IOException {
        int batch;
        do {
            batch = feedBatch(targetNanos);
            engine.afterBatch(millis(lastFed));
            if (closing()) {
                return false;
            }
        } while (batch == BATCH);
        return true;
    }

    private void feed(CapturedDatagram d) {
        byte[] p = d.payload();
        engine.datagram(p, 0, p.length, d.sender(), d.destination(), d.arrivalEpochNanos());
        lastFed = d.arrivalEpochNanos();
    }

    private void rewind() throws IOException {
        closeReader();
        reader = CaptureReader.open(file, filter);
        pending = reader.next();
    }

    /** The capture time the clock has reached at {@code speed} since the anchor. */
    private long due(double speed) {
        return anchorCaptureNanos + (long) ((wallNanos() - anchorWallNanos) * speed);
    }

    private long wallNanos() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    private void anchor(long positionNanos) {
        anchorWallNanos = wallNanos();
        anchorCaptureNanos = positionNanos;
    }

    private boolean closing() {
        lock.lock();
        try {
            return closeRequested;
        } finally {
            lock.unlock();
        }
    }

    private double speed() {
        lock.lock();
        try {
            return speed;
        } finally {
            lock.unlock();
        }
    }

    private void closeReader() {
        if (reader != null) {
            try {
                reader.close();
            } catch (IOException ignored) {
                // Read-only file: nothing was lost.
            }
            reader = null;
        }
    }

    private static long millis(long nanos) {
        return Math.floorDiv(nanos, 1_000_000L);
    }
}
