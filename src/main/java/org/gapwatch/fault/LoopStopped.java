package org.gapwatch.fault;

/** Thrown by a {@link Duty} that cannot go on: its loop ends and says why, on screen and in {@code listen}. */
public final class LoopStopped extends RuntimeException {
    public LoopStopped(String reason) {
        super(reason);
    }

    public LoopStopped(String reason, Throwable cause) {
        super(reason, cause);
    }
}
