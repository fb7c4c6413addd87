package org.gapwatch.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoopRunnerTest {
    private final List<String> echoed = new CopyOnWriteArrayList<>();

    @Test
    void anErrorIsCountedLoggedOnceAndTheLoopGoesOn(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("state/gapwatch/errors.log");
        Faults faults = new Faults(new ErrorLog(file, echoed::add, InstantSource.fixed(Instant.EPOCH)));
        AtomicInteger rounds = new AtomicInteger();
        CountDownLatch tenRounds = new CountDownLatch(1);
        LoopRunner r = faults.runner("processing", () -> {
            if (rounds.incrementAndGet() == 10) {
                tenRounds.countDown();
            }
            if (rounds.get() <= 5) {
                throw new IllegalStateException("bad datagram");
            }
            if (rounds.get() == 6) {
                throw new AssertionError("not a RuntimeException either");
            }
            return 1;
        }, Idle.none()).start();
        assertTrue(tenRounds.await(5, TimeUnit.SECONDS));
        assertTrue(r.close(Duration.ofSeconds(5)));

        assertEquals(new LoopHealth("processing", LoopState.CLOSED, 6, null), r.health());
        assertEquals(6, faults.errors());
        // Five identical failures and one other: two entries, each once.
        assertEquals(List.of(
                "gapwatch: error in processing loop: IllegalStateException: bad datagram (trace in " + file + ")",
                "gapwatch: error in processing loop: AssertionError: not a RuntimeException either (trace in " + file + ")"),
                echoed);
        String log = Files.readString(file);
        assertTrue(log.startsWith("1970-01-01T00:00:00Z gapwatch: error in processing loop: IllegalStateException"));
        assertTrue(log.contains("at org.gapwatch.fault.LoopRunnerTest"), log);
    }

    @Test
    void aDutyThatCannotGoOnEndsTheLoopWithItsReasonAndSaysSo() throws Exception {
        Faults faults = new Faults(ErrorLog.echoOnly(echoed::add));
        CompletableFuture<LoopHealth> told = new CompletableFuture<>();
        faults.onChange(told::complete);
        AtomicInteger closed = new AtomicInteger();
        LoopRunner r = faults.runner("socket", new Duty() {
            @Override
            public int doWork() {
                throw new LoopStopped("interface lo is gone");
            }

            @Override
            public void onClose() {
                closed.incrementAndGet();
            }
        }, Idle.none()).start();

        LoopHealth h = told.get(5, TimeUnit.SECONDS);
        assertEquals(new LoopHealth("socket", LoopState.STOPPED, 0, "interface lo is gone"), h);
        r.thread().join(5_000);
        assertFalse(r.thread().isAlive());
        assertEquals(1, closed.get());
        assertEquals(h, faults.firstFailing());
        assertEquals(r.health(), h);
    }

    @Test
    void closeWaitsNoLongerThanItIsToldForADutyThatBlocks() throws Exception {
        Faults faults = new Faults(ErrorLog.echoOnly(echoed::add));
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        LoopRunner r = faults.runner("recorder", () -> {
            entered.countDown();
            while (release.getCount() > 0) {
                try {
                    release.await();
                } catch (InterruptedException ignored) {
                    // a disk write that ignores interrupts
                }
            }
            return 0;
        }, Idle.none()).start();
        assertTrue(entered.await(5, TimeUnit.SECONDS));

        assertFalse(r.close(Duration.ofMillis(50)));
        release.countDown();
        r.thread().join(5_000);
        assertEquals(LoopState.CLOSED, r.health().state());
    }

    @Test
    void aWatcherMarksALoopStalledAndRunningAgainOnceEach() {
        Faults faults = new Faults(ErrorLog.echoOnly(echoed::add));
        List<LoopHealth> told = new CopyOnWriteArrayList<>();
        faults.onChange(told::add);
        LoopRunner r = faults.runner("processing", () -> 0, Idle.park(1_000_000)).start();
        r.stalled(true, "no progress for 2 s with 812 datagrams waiting");
        r.stalled(true, "no progress for 3 s with 900 datagrams waiting");
        r.stalled(false, null);
        r.close();
        assertEquals(List.of(
                new LoopHealth("processing", LoopState.STALLED, 0, "no progress for 2 s with 812 datagrams waiting"),
                new LoopHealth("processing", LoopState.RUNNING, 0, null)), told);
    }

    @Test
    void aDutyThatFailsRoundAfterRoundIsSlowedDownNotSpun() throws Exception {
        Faults faults = new Faults(ErrorLog.echoOnly(echoed::add));
        CountDownLatch eight = new CountDownLatch(8);
        long t0 = System.nanoTime();
        LoopRunner r = faults.runner("housekeeping", () -> {
            eight.countDown();
            throw new IllegalStateException("always");
        }, Idle.none()).start();
        assertTrue(eight.await(5, TimeUnit.SECONDS));
        long took = System.nanoTime() - t0;
        r.close(Duration.ofSeconds(1));
        // Pauses of 1, 2, 4, 8, 16 and 32 ms came before the eighth failure; a spinning loop takes microseconds.
        assertTrue(took >= 63_000_000L, "eight failures in " + took / 1_000 + " us");
        assertEquals(1, echoed.size(), "logged once");
    }
}
