package org.gapwatch.judge;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.gapwatch.track.TrackerSnapshot;

/**
 * Judges an engine's newest snapshot on a thread of its own, so the FX thread only reads the result: every
 * {@link #PERIOD_MILLIS} when the snapshot changed, and at least every {@link #IDLE_MILLIS} (staleness moves with
 * the clock even when nothing arrives). {@link #latest()} is the newest judgement, never blocking.
 */
public final class JudgeRunner implements AutoCloseable {
    public static final long PERIOD_MILLIS = 100;
    static final long IDLE_MILLIS = 250;

    private final Judge judge;
    private final Supplier<TrackerSnapshot> snapshots;
    private final LongSupplier clock;
    private final AtomicReference<Judgement> latest = new AtomicReference<>(Judgement.empty());
    private final Thread thread;
    private volatile boolean running = true;
    private long judgedVersion = -1;
    private long judgedAt = Long.MIN_VALUE;

    /** @param clock the time the judgement is made at (the wall clock live, the capture's time in a replay) */
    public JudgeRunner(Judge judge, Supplier<TrackerSnapshot> snapshots, LongSupplier clock, String name) {
        this.judge = judge;
        this.snapshots = snapshots;
        this.clock = clock;
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
    }

    public JudgeRunner start() {
        thread.start();
        return this;
    }

    private void run() {
        while (running) {
            try {
                step();
            } catch (RuntimeException e) {
                // A bug in a rule must not end judging: the next step judges afresh.
                System.err.println("gapwatch: judging failed: " + e);
            }
            try {
                Thread.sleep(PERIOD_MILLIS); // a period, not a wait for a condition
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Judges now if the snapshot changed or the idle time passed; returns the newest judgement. */
    public synchronized Judgement step() {
        TrackerSnapshot snap = snapshots.get();
        long now = clock.getAsLong();
        if (snap.version() != judgedVersion || now - judgedAt >= IDLE_MILLIS || now < judgedAt) {
            judgedVersion = snap.version();
            judgedAt = now;
            latest.set(judge.judge(snap, now));
        }
        return latest.get();
    }

    /** Judges {@code snap} at {@code now} at once (the last report of a command, after {@link #close}). */
    public synchronized Judgement judgeNow(TrackerSnapshot snap, long now) {
        judgedVersion = snap.version();
        judgedAt = now;
        Judgement j = judge.judge(snap, now);
        latest.set(j);
        return j;
    }

    public Judgement latest() {
        return latest.get();
    }

    public Judge judge() {
        return judge;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        if (thread.isAlive() && thread != Thread.currentThread()) {
            try {
                thread.join(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
