package org.gapwatch.fault;

public enum LoopState {
    /** Created, its thread not yet running. */
    STARTING,
    RUNNING,
    /** Running but making no progress with work waiting (set by whoever watches its progress). */
    STALLED,
    /** Ended by itself: a {@link LoopStopped} or an error it could not survive. {@link LoopHealth#reason()} says why. */
    STOPPED,
    /** Ended because it was closed. */
    CLOSED
}
