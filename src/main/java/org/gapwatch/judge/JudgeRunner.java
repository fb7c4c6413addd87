package org.gapwatch.judge;

import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.gapwatch.fault.ErrorLog;
import org.gapwatch.fault.Faults;
import org.gapwatch.fault.Idle;
import org.gapwatch.fault.LoopRunner;
import org.gapwatch.track.TrackerSnapshot;

/**
 * Judges an engine's newest snapshot on a thread of its own, so the FX thread only reads the result: every
 * {@link #PERIOD_MILLIS} when the snapshot changed, and at least every {@link #IDLE_MILLIS} (staleness moves with
 * the clock even when nothing arrives). {@link #latest()} is the newest judgement, never blocking. The loop runs
 * inside a fault boundary: a bug in a rule is counted and logged once, and the next round judges afresh.
 */
public final class JudgeRunner implements AutoCloseable {
    public static final long PERIOD_MILLIS = 100;
    static final long IDLE_MILLIS = 250;

    private final Judge judge;
    private final Supplier<TrackerSnapshot> snapshots;
    private final LongSupplier clock;
    private final AtomicReference<Judgement> latest = new AtomicReference<>(Judgement.empty());
    private final LoopRunner loop;
    private volatile Supplier<RemoteView> remote = () -> RemoteView.NONE;
    private volatile Runnable afterRound = () -> { };
    private long judgedVersion = -1;
    private long judgedAt = Long.MIN_VALUE;

    /** @param clock the time the judgement is made at (the wall clock live, the capture's time in a replay) */
    public JudgeRunner(Judge judge, Supplier<TrackerSnapshot> snapshots, LongSupplier clock, String name) {
        this(judge, snapshots, clock, name, new Faults(new ErrorLog(ErrorLog.defaultFile(),
                line -> System.getLogger("org.gapwatch.judge").log(System.Logger.Level.WARNING, line),
                InstantSource.system())));
    }

    /** The same, inside the given fault boundary (the receiver's, so that a failing judge is said with the rest). */
    public JudgeRunner(Judge judge, Supplier<TrackerSnapshot> snapshots, LongSupplier clock, String name,
                       Faults faults) {
        this.judge = judge;
        this.snapshots = snapshots;
        this.clock = clock;
        // A fixed period, not a wait for a condition: judging follows the clock as much as the data.
        this.loop = faults.runner(name, () -> {
            step();
            afterRound.run();
            return 0;
        }, Idle.park(PERIOD_MILLIS * 1_000_000L));
    }

    /** Where the judgement reads what remote probes see (a poller's newest view); any thread, from the next round. */
    public void consult(Supplier<RemoteView> remoteViews) {
        this.remote = remoteViews;
    }

    /**
     * Work to do on the judge's thread after each round (the alarm evaluation, so that it stays off the FX thread),
     * inside the same fault boundary; any thread, from the next round.
     */
    public void afterEachRound(Runnable work) {
        this.afterRound = work;
    }

    public JudgeRunner start() {
        loop.start();
        return this;
    }

    /** Judges now if the snapshot changed or the idle time passed; returns the newest judgement. */
    public synchronized Judgement step() {
        TrackerSnapshot snap = snapshots.get();
        long now = clock.getAsLong();
        if (snap.version() != judgedVersion || now - judgedAt >= IDLE_MILLIS || now < judgedAt) {
            judgedVersion = snap.version();
            judgedAt = now;
            latest.set(judge.judge(snap, remote.get(), now));
        }
        return latest.get();
    }

    /** Judges {@code snap} at {@code now} at once (the last report of a command, after {@link #close}). */
    public synchronized Judgement judgeNow(TrackerSnapshot snap, long now) {
        judgedVersion = snap.version();
        judgedAt = now;
        Judgement j = judge.judge(snap, remote.get(), now);
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
        loop.close(Duration.ofSeconds(1));
    }
}
