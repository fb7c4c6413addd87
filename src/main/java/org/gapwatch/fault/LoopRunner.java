package org.gapwatch.fault;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs one {@link Duty} on its own daemon thread inside a {@code catch (Throwable)} boundary, after Agrona's
 * {@code AgentRunner}: an error, even an {@link Error}, is counted, logged once per distinct trace, and the loop goes
 * on (a monitor that says it struggles beats one that is gone); a {@link LoopStopped} ends the loop with its reason.
 * {@link #close(Duration)} never waits longer than it is told to. A duty that fails round after round is slowed
 * down (up to {@link #MAX_BACKOFF_NANOS} between rounds) so that it cannot burn the core the other loops need.
 */
public final class LoopRunner implements AutoCloseable {
    /** Longest pause between two rounds that both failed. */
    static final long MAX_BACKOFF_NANOS = 100_000_000L;
    private final String name;
    private final Duty duty;
    private final Idle idle;
    private final Faults faults;
    private final Thread thread;
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong rounds = new AtomicLong();
    private volatile boolean running = true;
    private volatile LoopState state = LoopState.STARTING;
    private volatile String reason;

    LoopRunner(String name, Duty duty, Idle idle, Faults faults) {
        this.name = name;
        this.duty = duty;
        this.idle = idle;
        this.faults = faults;
        this.thread = Thread.ofPlatform().name("gapwatch-" + name).daemon(true).unstarted(this::run);
    }

    public String name() {
        return name;
    }

    public Thread thread() {
        return thread;
    }

    public LoopRunner start() {
        return start(Thread::start);
    }

    /** Starts the loop's thread through {@code starter} (which calls {@code Thread.start}, from a thread it picks). */
    public LoopRunner start(java.util.function.Consumer<Thread> starter) {
        state = LoopState.RUNNING;
        starter.accept(thread);
        return this;
    }

    /** Ends an idle park early (more work arrived). */
    public void wake() {
        LockSupport.unpark(thread);
    }

    /** Whether the loop is still meant to run: a duty blocked in a wait checks this to give up when closed. */
    public boolean running() {
        return running;
    }

    /** Rounds of work done so far (for a watcher to see progress). */
    public long rounds() {
        return rounds.get();
    }

    public LoopHealth health() {
        return new LoopHealth(name, state, errors.get(), reason);
    }

    /** Marks the loop stalled (or running again) as a watcher sees it; says so to the listeners on a change. */
    public void stalled(boolean stalled, String why) {
        LoopState want = stalled ? LoopState.STALLED : LoopState.RUNNING;
        LoopState now = state;
        if ((now == LoopState.RUNNING || now == LoopState.STALLED) && now != want) {
            state = want;
            reason = stalled ? why : null;
            faults.changed(health());
        }
    }

    /**
     * Counts and logs an error the duty caught itself and went on from, e.g. one bad datagram in a batch, so that
     * it shows in {@link #health()} and the error log as if the round had thrown it. Any thread.
     */
    public void survived(Throwable t) {
        errors.incrementAndGet();
        faults.error(name, t);
    }

    private void run() {
        int failedInARow = 0;
        try {
            try {
                duty.onStart();
            } catch (Throwable t) {
                survived(t);
            }
            while (running) {
                int work;
                try {
                    work = duty.doWork();
                    rounds.incrementAndGet();
                    failedInARow = 0;
                } catch (LoopStopped e) {
                    stop(e.getMessage(), e);
                    return;
                } catch (Throwable t) {
                    survived(t);
                    // Do not idle after one error: the next round may find work waiting. After several in a row,
                    // back off (1 ms, 2 ms, 4 ms... up to 100 ms): a hot loop of failures helps nobody.
                    if (++failedInARow > 1) {
                        LockSupport.parkNanos(Math.min(MAX_BACKOFF_NANOS, 1_000_000L << Math.min(20, failedInARow - 2)));
                    }
                    work = 1;
                }
                idle.idle(work);
            }
        } finally {
            try {
                duty.onClose();
            } catch (Throwable t) {
                survived(t);
            }
            if (state != LoopState.STOPPED) {
                state = LoopState.CLOSED;
            }
        }
    }

    private void stop(String why, Throwable cause) {
        running = false;
        reason = why;
        state = LoopState.STOPPED;
        if (cause.getCause() != null) {
            faults.error(name, cause.getCause());
        }
        faults.changed(health());
    }

    /** Asks the loop to end and waits for it at most {@code wait}; returns whether it ended. */
    public boolean close(Duration wait) {
        running = false;
        if (state == LoopState.STARTING) {
            state = LoopState.CLOSED;
            return true;
        }
        LockSupport.unpark(thread);
        if (Thread.currentThread() == thread) {
            return false;  // it ends after this round
        }
        try {
            thread.join(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !thread.isAlive();
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(2));
    }
}
