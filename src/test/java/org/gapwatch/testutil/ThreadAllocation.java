package org.gapwatch.testutil;

import java.lang.management.ManagementFactory;

/**
 * Bytes the calling thread allocates while some work runs, as the JVM counts them per thread (the Threading MBean's
 * {@code getThreadAllocatedBytes}, through the platform MBean server, as JMX clients read it). Reading the counter
 * allocates a little itself: compare with {@link #ofNothing} rather than with 0.
 */
public final class ThreadAllocation {
    private ThreadAllocation() {
    }

    /** Bytes allocated by this thread while {@code work} ran. */
    public static long during(Runnable work) throws Exception {
        var server = ManagementFactory.getPlatformMBeanServer();
        var threading = new javax.management.ObjectName("java.lang:type=Threading");
        Object[] id = {Thread.currentThread().threadId()};
        String[] sig = {"long"};
        long before = (Long) server.invoke(threading, "getThreadAllocatedBytes", id, sig);
        work.run();
        return (Long) server.invoke(threading, "getThreadAllocatedBytes", id, sig) - before;
    }

    /**
     * Bytes this thread allocates in {@code rounds} runs of {@code round} after {@code warmUps} runs (what is made
     * once, the path compiled), less what reading the counter costs.
     */
    public static long inRounds(Runnable round, int warmUps, int rounds) throws Exception {
        for (int i = 0; i < warmUps; i++) {
            round.run();
        }
        long reading = ofNothing();
        return during(() -> {
            for (int i = 0; i < rounds; i++) {
                round.run();
            }
        }) - reading;
    }

    /** What {@link #during} counts for no work: the reading's own allocation. */
    public static long ofNothing() throws Exception {
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            least = Math.min(least, during(() -> { }));
        }
        return least;
    }
}
