package org.gapwatch.fault;

/**
 * What one worker loop is doing: its state, the errors it survived, and why it stopped or stalled (null while it
 * runs well).
 */
public record LoopHealth(String name, LoopState state, long errors, String reason) {
    /** True when an operator must be told: the loop stopped by itself or is stalled. */
    public boolean failing() {
        return state == LoopState.STOPPED || state == LoopState.STALLED;
    }
}
