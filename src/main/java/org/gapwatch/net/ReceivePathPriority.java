package org.gapwatch.net;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntPredicate;

/**
 * The receive path (socket and processing threads) first, on Linux: every other thread of the process runs
 * {@link #steps()} nice steps lower, so that when the cores are short (100,000 new sources flooding a 2-core
 * machine: the JIT, the collector, judging and drawing all want them at once) it is the screen that slows down,
 * not the counting. Measured: 0 datagrams lost where the same flood lost about a million at equal priority
 * (docs/benchmarks.md, "The receive path first").
 * <p>
 * An unprivileged process can lower a thread's priority but never raise it again, and a new thread inherits the
 * nice value of the thread that starts it. So receive-path threads are started by a spawner thread that stays at
 * the process's own nice value ({@link #start}), and a pass over {@code /proc/self/task} ({@link #lowerOthers}, run
 * by each receiver's housekeeping) lowers each other thread once. Off (steps 0), or where nice values cannot be
 * set, threads start as usual and nothing is changed.
 */
public final class ReceivePathPriority {
    /** Nice steps between the receive path and the rest, unless {@code -Dgapwatch.receivePathPriority} says. */
    public static final int DEFAULT_STEPS = 5;
    private static final int LOWEST = 19;
    private static final System.Logger LOG = System.getLogger(ReceivePathPriority.class.getName());
    private static final ReceivePathPriority OFF = new ReceivePathPriority(0);
    private static volatile ReceivePathPriority process = OFF;

    private final int steps;
    private final int baseNice;
    private final ExecutorService spawner;
    private final Set<Integer> receivePath = ConcurrentHashMap.newKeySet();
    /** Threads already looked at by a pass (lowered, or left alone as receive path at the time). */
    private final Set<Integer> seen = new HashSet<>();
    private int spawnerTid = -1;
    private long refused;
    /** Receive-path threads started that have not joined yet: a pass now could take one for another thread. */
    private final java.util.concurrent.atomic.AtomicInteger starting = new java.util.concurrent.atomic.AtomicInteger();

    /** Steps 0, or nice values not settable here: off. Else a spawner thread starts, at the caller's nice value. */
    ReceivePathPriority(int steps) {
        int base = ThreadNice.available() ? ThreadNice.nice(ThreadNice.currentTid()) : Integer.MIN_VALUE;
        boolean on = steps > 0 && base != Integer.MIN_VALUE && base < LOWEST;
        this.steps = on ? Math.min(steps, LOWEST - base) : 0;
        this.baseNice = on ? base : 0;
        if (on) {
            spawner = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("gapwatch-receive-spawner")
                    .daemon(true).factory());
            spawnerTid = CompletableFuture.supplyAsync(ThreadNice::currentTid, spawner).join();
        } else {
            spawner = null;
        }
    }

    /**
     * Turns the receive path's priority on for this process (the launcher calls it first thing, from a thread that
     * still has the process's nice value); 0 steps leaves it off.
     */
    public static void enable(int steps) {
        ReceivePathPriority p = new ReceivePathPriority(steps);
        process = p;
        if (p.steps > 0) {
            LOG.log(System.Logger.Level.DEBUG, "receive path at nice " + p.baseNice + ", other threads at "
                    + (p.baseNice + p.steps));
        }
    }

    /** {@link #enable} with {@code -Dgapwatch.receivePathPriority} (steps), else {@link #DEFAULT_STEPS}. */
    public static void enableFromProperties() {
        enable(Integer.getInteger("gapwatch.receivePathPriority", DEFAULT_STEPS));
    }

    /** This process's setting (off until {@link #enable}). */
    public static ReceivePathPriority process() {
        return process;
    }

    public int steps() {
        return steps;
    }

    /**
     * Starts {@code t} at the receive path's nice value, whatever the caller's (the spawner starts it). The thread
     * must call {@link #join} first thing: until it has, passes wait.
     */
    public void start(Thread t) {
        if (spawner == null) {
            t.start();
            return;
        }
        starting.incrementAndGet();
        try {
            CompletableFuture.runAsync(t::start, spawner).join();
        } catch (RuntimeException e) {
            starting.decrementAndGet();
            throw e;
        }
    }

    /** The calling thread is of the receive path: passes leave it as it is. Until {@link #leave}. */
    public void join() {
        int tid = ThreadNice.currentTid();
        if (tid > 0) {
            receivePath.add(tid);
        }
        starting.updateAndGet(n -> Math.max(0, n - 1));
    }

    /** The calling thread ends (its id may come back as another thread's). */
    public void leave() {
        receivePath.remove(ThreadNice.currentTid());
    }

    /** Lowers every thread of the process not yet seen that is not of the receive path; returns how many. */
    public int lowerOthers() {
        return lowerOthers(tid -> true);
    }

    /** As {@link #lowerOthers()}, over the threads {@code mayTouch} allows only. */
    synchronized int lowerOthers(IntPredicate mayTouch) {
        if (steps == 0 || starting.get() > 0) {
            return 0;
        }
        int lowered = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                int tid = Integer.parseInt(task.getFileName().toString());
                if (tid == spawnerTid || receivePath.contains(tid) || !mayTouch.test(tid) || !seen.add(tid)) {
                    continue;
                }
                if (kept(task)) {
                    continue;
                }
                int nice = ThreadNice.nice(tid);
                if (nice == Integer.MIN_VALUE || nice >= baseNice + steps) {
                    continue; // gone, or already as low (a thread started by a lowered one)
                }
                if (ThreadNice.set(tid, baseNice + steps)) {
                    lowered++;
                } else if (ThreadNice.nice(tid) != Integer.MIN_VALUE && refused++ == 0) {
                    LOG.log(System.Logger.Level.WARNING, "could not lower the priority of thread " + tid
                            + ": the receive path shares the cores equally with drawing and judging");
                }
            }
        } catch (IOException | RuntimeException e) {
            return lowered; // no /proc here: nothing to do
        }
        if (seen.size() > 100_000) {
            seen.clear(); // thread ids come back; a bound keeps this small whatever the process does
        }
        return lowered;
    }

    /**
     * Threads left at the receive path's nice value, by name (/proc's comm, 15 characters at most): HotSpot's VM
     * thread runs the safepoints every Java thread waits at, the receive path's too, so lowering it would let
     * drawing and compiling delay the receive path through it. {@code -Dgapwatch.receivePathPriority.keep=REGEX}
     * replaces the pattern.
     */
    private static final java.util.regex.Pattern KEEP = java.util.regex.Pattern.compile(
            System.getProperty("gapwatch.receivePathPriority.keep", "VM Thread"));

    private static boolean kept(Path task) {
        try {
            return KEEP.matcher(Files.readString(task.resolve("comm")).strip()).matches();
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether thread {@code tid} has joined the receive path (and not left). */
    boolean isReceivePath(int tid) {
        return receivePath.contains(tid);
    }

    /** Nice value of the receive path (the process's own when enabled). */
    int baseNice() {
        return baseNice;
    }
}
