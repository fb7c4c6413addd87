package org.gapwatch.fault;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs one {@link Duty} on its own daemon thread inside a {@code catch (Throwable)} boundary, after Agrona's
 * {@code AgentRunner}: an error, even an {@link Error}, is counted, logged once per distinct trace, and the loop goes
 * on (a monitor that says it struggles beats one that is gone); a {@link LoopStopped} ends the loop with its reason.
 * {@link #close(Duration)} never waits longer than it is told to.
 */
public final class LoopRunner implements AutoCloseable {
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
        state = LoopState.RUNNING;
        thread.start();
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

    private void run() {
        try {
            while (running) {
                int work;
                try {
                    work = duty.doWork();
                    rounds.incrementAndGet();
                } catch (LoopStopped e) {
                    stop(e.getMessage(), e);
                    return;
                } catch (Throwable t) {
                    errors.incrementAndGet();
                    faults.error(name, t);
                    work = 1;  // do not idle after an error: the next round may find work waiting
                }
                idle.idle(work);
            }
        } finally {
            try {
                duty.onClose();
            } catch (Throwable t) {
                errors.incrementAndGet();
                faults.error(name, t);
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
