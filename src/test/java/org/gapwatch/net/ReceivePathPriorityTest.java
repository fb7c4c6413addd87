package org.gapwatch.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.gapwatch.engine.Engine;
import org.gapwatch.testutil.Await;
import org.gapwatch.track.TrackerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The receive path first: other threads go some nice steps lower, receive-path threads keep the process's nice
 * value even when a lowered thread starts them, and a pass never takes a receive-path thread that has not joined
 * yet for another. Only threads the test starts are touched (a pass is told which), so the test JVM keeps its own.
 */
class ReceivePathPriorityTest {
    private final CountDownLatch end = new CountDownLatch(1);

    @AfterEach
    void endThreads() {
        end.countDown();
    }

    private static void assumeNiceValues() {
        assumeTrue(ThreadNice.available(), "[skipped] no /proc or setpriority here: thread nice values not settable");
    }

    /** Starts a thread (directly) that reports its id and waits for the test's end. */
    private CompletableFuture<Integer> plain() {
        CompletableFuture<Integer> tid = new CompletableFuture<>();
        Thread.ofPlatform().daemon(true).start(() -> park(tid));
        return tid;
    }

    private void park(CompletableFuture<Integer> tid) {
        tid.complete(ThreadNice.currentTid());
        try {
            end.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A receive-path thread started through {@code p}: it joins, reports its id and waits. */
    private CompletableFuture<Integer> receivePath(ReceivePathPriority p) {
        CompletableFuture<Integer> tid = new CompletableFuture<>();
        p.start(Thread.ofPlatform().daemon(true).unstarted(() -> {
            p.join();
            park(tid);
        }));
        return tid;
    }

    @Test
    void othersGoThreeStepsLowerAndTheReceivePathKeepsTheProcessNiceEvenWhenALoweredThreadStartsIt()
            throws Exception {
        assumeNiceValues();
        ReceivePathPriority p = new ReceivePathPriority(3);
        int base = p.baseNice();
        assertEquals(3, p.steps());
        int other = plain().get();
        int receiver = receivePath(p).get();
        Set<Integer> mine = new HashSet<>(List.of(other, receiver));
        assertEquals(1, p.lowerOthers(mine::contains), "one thread lowered");
        assertEquals(base + 3, ThreadNice.nice(other));
        assertEquals(base, ThreadNice.nice(receiver));
        assertEquals(0, p.lowerOthers(mine::contains), "each thread once");

        // From the lowered thread: a plain thread inherits its nice value, a receive-path one does not.
        CompletableFuture<int[]> started = new CompletableFuture<>();
        Thread.ofPlatform().daemon(true).start(() -> {
            try {
                ThreadNice.set(ThreadNice.currentTid(), base + 3);
                started.complete(new int[] {plain().get(), receivePath(p).get()});
            } catch (Exception e) {
                started.completeExceptionally(e);
            }
        });
        int[] tids = started.get();
        assertEquals(base + 3, ThreadNice.nice(tids[0]), "a thread inherits its starter's nice value");
        assertEquals(base, ThreadNice.nice(tids[1]), "the spawner starts the receive path at the process's value");
    }

    @Test
    void aPassWaitsWhileAReceivePathThreadHasNotJoinedYet() throws Exception {
        assumeNiceValues();
        ReceivePathPriority p = new ReceivePathPriority(2);
        int base = p.baseNice();
        CountDownLatch mayJoin = new CountDownLatch(1);
        CompletableFuture<Integer> tid = new CompletableFuture<>();
        p.start(Thread.ofPlatform().daemon(true).unstarted(() -> {
            tid.complete(ThreadNice.currentTid());
            try {
                mayJoin.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            p.join();
            park(new CompletableFuture<>());
        }));
        int receiver = tid.get();
        assertEquals(0, p.lowerOthers(t -> t == receiver), "no pass before it has joined");
        assertEquals(base, ThreadNice.nice(receiver));
        mayJoin.countDown();
        Await.until("joined", () -> p.lowerOthers(t -> t == receiver) == 0 && receiverJoined(p, receiver));
        assertEquals(base, ThreadNice.nice(receiver));
    }

    private static boolean receiverJoined(ReceivePathPriority p, int tid) {
        return p.isReceivePath(tid);
    }

    @Test
    void offStartsThreadsAsUsualAndLowersNothing() throws Exception {
        ReceivePathPriority p = new ReceivePathPriority(0);
        assertEquals(0, p.steps());
        int other = plain().get();
        int receiver = receivePath(p).get();
        assertEquals(0, p.lowerOthers(t -> t == other || t == receiver));
        if (ThreadNice.available()) {
            assertEquals(ThreadNice.nice(ThreadNice.currentTid()), ThreadNice.nice(other));
        }
    }

    @Test
    void aReceiversSocketAndProcessingThreadsAreTheReceivePathAndItsHousekeepingIsNot() throws Exception {
        assumeNiceValues();
        Set<Integer> before = tasks();
        Engine engine = new Engine(TrackerConfig.defaults());
        try (MulticastReceiver r = new MulticastReceiver(engine,
                new ReceiverConfig(List.of(Loopback.freshGroup()), Loopback.LO))) {
            r.start();
            ReceivePathPriority p = ReceivePathPriority.process();
            Await.until(() -> "the receiver's threads " + names(newTasks(before)), () -> {
                Set<String> n = names(newTasks(before));
                return n.contains("gapwatch-socket") && n.contains("gapwatch-proces")
                        && n.contains("gapwatch-housek");
            });
            Await.until("socket and processing joined", () -> newTasks(before).stream()
                    .filter(t -> comm(t).equals("gapwatch-socket") || comm(t).equals("gapwatch-proces"))
                    .allMatch(p::isReceivePath));
            assertFalse(newTasks(before).stream().filter(t -> comm(t).equals("gapwatch-housek"))
                    .anyMatch(p::isReceivePath), "housekeeping is not of the receive path");
        }
    }

    private static Set<Integer> tasks() {
        try (Stream<Path> s = Files.list(Path.of("/proc/self/task"))) {
            Set<Integer> out = new HashSet<>();
            s.forEach(t -> out.add(Integer.parseInt(t.getFileName().toString())));
            return out;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Set<Integer> newTasks(Set<Integer> before) {
        Set<Integer> now = tasks();
        now.removeAll(before);
        return now;
    }

    private static Set<String> names(Set<Integer> tids) {
        Set<String> out = new HashSet<>();
        tids.forEach(t -> out.add(comm(t)));
        return out;
    }

    private static String comm(int tid) {
        try {
            return Files.readString(Path.of("/proc/self/task/" + tid + "/comm")).strip();
        } catch (Exception e) {
            return "";
        }
    }

    @Test
    void theNiceValueReadIsTheOneSet() throws Exception {
        assumeNiceValues();
        CompletableFuture<int[]> r = new CompletableFuture<>();
        Thread.ofPlatform().daemon(true).start(() -> {
            int tid = ThreadNice.currentTid();
            int was = ThreadNice.nice(tid);
            boolean set = ThreadNice.set(tid, Math.min(19, was + 1));
            r.complete(new int[] {was, set ? 1 : 0, ThreadNice.nice(tid)});
        });
        int[] v = r.get();
        assertTrue(v[1] == 1, "setpriority accepted");
        assertEquals(Math.min(19, v[0] + 1), v[2]);
    }
}
