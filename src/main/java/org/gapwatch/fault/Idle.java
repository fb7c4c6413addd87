package org.gapwatch.fault;

import java.util.concurrent.locks.LockSupport;

/** What a loop does after a round of work, after Agrona's {@code IdleStrategy}. */
@FunctionalInterface
public interface Idle {
    /** Called after each round with the work it did; may park when it did none. */
    void idle(int workCount);

    /** Parks for up to the given time when a round did nothing; {@link LoopRunner#wake()} ends the park early. */
    static Idle park(long nanos) {
        return work -> {
            if (work <= 0) {
                LockSupport.parkNanos(nanos);
            }
        };
    }

    /** Never waits: for duties that block by themselves (a selector, a blocking queue poll with a timeout). */
    static Idle none() {
        return work -> { };
    }
}
