package org.gapwatch.capture;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.gapwatch.engine.Engine;

/**
 * Plays a capture into an {@link Engine} as its writer thread, so every view works on a replay as on live data.
 * Arrival times are the capture's: history, rates and staleness are those of the moment recorded, and snapshots are
 * taken at the capture's clock ({@link Progress#positionNanos()}).
 *
 * <p>Speed 1x, any factor, or {@link #AS_FAST_AS_POSSIBLE}; pause and play; {@link #seek} to any moment (backwards
 * resets the engine and feeds again from the start, as fast as possible). Before playing, the file is read once to
 * learn its first and last time for a time slider. All control methods may be called from any thread.
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
        /** Share of the capture's time span played: 0..1. */
        public double fraction() {
            return endNanos <= startNanos ? (state == State.FINISHED ? 1 : 0)
                    : Math.min(1, Math.max(0, (double) (positionNanos - startNanos) / (endNanos - startNanos)));
        }
    }

    private final Path file;
    private final CaptureFilter filter;
    private final Engine engine;
    private final Thread thread;
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

    private volatile Progress progress = new Progress(State.LOADING, 0, 0, 0, 1, 0, 0, null);
    private volatile List<String> problems = List.of();

    public Replayer(Path file, CaptureFilter filter, Engine engine) {
        this.file = file;
        this.filter = filter;
        this.engine = engine;
        this.thread = new Thread(this::run, "gapwatch-replay");
        thread.setDaemon(true);
    }

    /** Starts the writer thread: load, then play (or stay paused if {@link #pause()} was called first). */
    public void start() {
        thread.start();
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

    @Override
    public void close() {
        command(() -> closeRequested = true);
        if (thread.isAlive() && Thread.currentThread() != thread) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
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

    private void run() {
        // A query only needs the loop to run once; it must not move the replay's clock anchor.
        engine.wakeupWith(this::wake);
        try {
            long[] span = scan();
            if (span == null) {
                return; // closed while loading
            }
            long start = span[0], end = span[1], total = span[2];
            progress = new Progress(State.PAUSED, start, end, start, speed(), 0, total, null);
            engine.reset(millis(start));
            rewind();
            loop(start, end, total);
        } catch (IOException | RuntimeException e) {
            String message = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            Progress p = progress;
            progress = new Progress(State.FAILED, p.startNanos(), p.endNanos(), p.positionNanos(), p.speed(), p.fed(),
                    p.total(), message);
        } finally {
            closeReader();
            if (progress.state() != State.FAILED) {
                Progress p = progress;
                progress = new Progress(State.CLOSED, p.startNanos(), p.endNanos(), p.positionNanos(), p.speed(),
                        p.fed(), p.total(), null);
            }
        }
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

    private void loop(long start, long end, long total) throws IOException {
        long position = start;
        long fed = 0;
        boolean paused = true;
        double currentSpeed = AS_FAST_AS_POSSIBLE;
        anchor(position);
        while (true) {
            long target;
            lock.lock();
            try {
                if (closeRequested) {
                    return;
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
                fed += feedUntil(target);
                position = target;
                engine.publish(millis(position));
                anchor(position);
            }
            boolean finished = pending == null;
            if (!paused && !finished) {
                long due = currentSpeed == AS_FAST_AS_POSSIBLE ? Long.MAX_VALUE : due(currentSpeed);
                int n = feedBatch(due);
                fed += n;
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
                continue;
            }
            long waitNanos = IDLE_WAIT_NANOS;
            if (state == State.PLAYING) {
                long dueWall = anchorWallNanos
                        + (long) ((pending.arrivalEpochNanos() - anchorCaptureNanos) / currentSpeed);
                waitNanos = Math.max(0, Math.min(waitNanos, dueWall - System.nanoTime()));
            }
            if (waitNanos > 0) {
                lock.lock();
                try {
                    if (!controlsChanged && !closeRequested && !woken) {
                        changed.awaitNanos(waitNanos);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } finally {
                    lock.unlock();
                }
            }
        }
    }

    private long lastFed;

    /** Feeds pending datagrams due by {@code dueNanos}, at most one batch. */
    private int feedBatch(long dueNanos) throws IOException {
        int n = 0;
        while (pending != null && pending.arrivalEpochNanos() <= dueNanos && n < BATCH) {
            feed(pending);
            n++;
            pending = reader.next();
        }
        return n;
    }

    /** Feeds everything up to {@code targetNanos}, running queued queries between batches. */
    private long feedUntil(long targetNanos) throws IOException {
        long n = 0;
        int batch;
        do {
            batch = feedBatch(targetNanos);
            n += batch;
            engine.afterBatch(millis(lastFed));
        } while (batch == BATCH);
        return n;
    }

    private void feed(CapturedDatagram d) {
        byte[] p = d.payload();
        engine.datagram(p, 0, p.length, d.sender(), d.destination(), d.arrivalEpochMillis());
        lastFed = d.arrivalEpochNanos();
    }

    private void rewind() throws IOException {
        closeReader();
        reader = CaptureReader.open(file, filter);
        pending = reader.next();
    }

    /** The capture time the clock has reached at {@code speed} since the anchor. */
    private long due(double speed) {
        return anchorCaptureNanos + (long) ((System.nanoTime() - anchorWallNanos) * speed);
    }

    private void anchor(long positionNanos) {
        anchorWallNanos = System.nanoTime();
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
