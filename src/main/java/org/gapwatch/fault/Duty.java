package org.gapwatch.fault;

/**
 * One worker loop's duty cycle, after Agrona's {@code Agent}: the {@link LoopRunner} calls {@link #doWork()} again
 * and again on its own thread, and anything it throws is counted and logged once by the {@link Faults} the runner
 * belongs to, and the loop goes on. A duty that cannot go on throws {@link LoopStopped}.
 */
public interface Duty {
    /** Does one round of work and says how much was done; 0 lets the runner idle. */
    int doWork() throws Exception;

    /** Called once on the loop's thread before its first round; what it throws is counted, and the loop goes on. */
    default void onStart() {
    }

    /** Called once on the loop's thread when the loop ends, for whatever reason. */
    default void onClose() {
    }
}
