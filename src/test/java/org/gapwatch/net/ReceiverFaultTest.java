package org.gapwatch.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import org.gapwatch.testutil.Await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.gapwatch.engine.Engine;
import org.gapwatch.fault.ErrorLog;
import org.gapwatch.fault.Faults;
import org.gapwatch.fault.LoopHealth;
import org.gapwatch.fault.LoopState;
import org.gapwatch.fault.LoopStopped;
import org.gapwatch.protocol.DatagramDecoder;
import org.gapwatch.track.TrackerConfig;
import org.gapwatch.track.TrackerSnapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults injected into each of the receiver's loops over real loopback multicast: monitoring goes on with exact
 * counts of what is sent after the fault, or says within 3 s that it stopped or stalled; close() returns at once.
 */
class ReceiverFaultTest {
    private static final long THREE_SECONDS = 3_000_000_000L;

    @TempDir
    Path dir;
    private final List<String> echoed = new CopyOnWriteArrayList<>();
    private final List<LoopHealth> told = new CopyOnWriteArrayList<>();
    private final GroupSpec group = Loopback.freshGroup();
    private Engine engine;
    private MulticastReceiver receiver;
    private Publisher publisher;

    private void open(Engine e) {
        engine = e;
        Faults faults = new Faults(new ErrorLog(dir.resolve("errors.log"), echoed::add, InstantSource.system()));
        faults.onChange(told::add);
        receiver = new MulticastReceiver(engine, new ReceiverConfig(List.of(group), Loopback.LO), faults);
        receiver.start();
        publisher = Loopback.publisher(group);
    }

    @AfterEach
    void close() throws Exception {
        if (publisher != null) {
            publisher.close();
        }
        if (receiver != null) {
            receiver.closeAsync().get(15, TimeUnit.SECONDS);
        }
    }

    private void send(String src, int from, int to) {
        for (int i = from; i < to; i++) {
            Loopback.send(publisher, "{\"src\":\"" + src + "\",\"seq\":" + i + "}");
        }
    }

    private TrackerSnapshot awaitDatagrams(long n) {
        Await.until(n + " datagrams, got "
                + engine.snapshot().totals(), () -> engine.snapshot().totals().datagrams() >= n);
        return engine.snapshot();
    }

    private LoopHealth processing() {
        return receiver.faults().health().stream().filter(h -> h.name().equals("processing")).findFirst().orElseThrow();
    }

    @Test
    void aFailingTapIsCountedLoggedOnceAndTrackingGoesOnExactly() {
        open(new Engine(TrackerConfig.defaults()));
        AtomicInteger calls = new AtomicInteger();
        receiver.setTap((buf, off, len, sender, destination, nanos) -> {
            if (calls.incrementAndGet() <= 50) {
                throw new IllegalStateException("disk gone");
            }
        });
        send("tap", 0, 100);
        TrackerSnapshot s = awaitDatagrams(100);
        send("tap", 100, 300);
        s = awaitDatagrams(300);
        assertEquals(300, s.totals().received());
        assertEquals(0, s.totals().lost());
        assertEquals(300, calls.get());
        assertEquals(50, processing().errors());
        assertEquals(LoopState.RUNNING, processing().state());
        assertEquals(1, echoed.size(), "one distinct error, logged once: " + echoed);
        assertTrue(echoed.getFirst().startsWith("gapwatch: error in processing loop: IllegalStateException: disk gone"),
                echoed.getFirst());
    }

    @Test
    void aFailingDecoderIsCountedAndTheStreamAfterItIsExact() {
        DatagramDecoder real = new DatagramDecoder();
        open(new Engine(TrackerConfig.defaults(), Engine.DEFAULT_PUBLISH_MILLIS, (buf, off, len) -> {
            if (new String(buf, off, len, StandardCharsets.UTF_8).contains("boom")) {
                throw new AssertionError("decoder bug");
            }
            return real.decode(buf, off, len);
        }));
        for (int i = 0; i < 5; i++) {
            Loopback.send(publisher, "{\"src\":\"boom\",\"seq\":" + i + "}");
        }
        send("after", 0, 200);
        TrackerSnapshot s = awaitDatagrams(200);
        assertEquals(200, s.totals().received());
        assertEquals(200, s.totals().datagrams(), "the five that broke the decoder are not tracked");
        assertEquals(0, s.totals().lost());
        assertEquals(5, processing().errors());
        // The status is refreshed by housekeeping once a second.
        Await.until("5 errors in the status, got "
                + receiver.status().receiveErrors(), () -> receiver.status().receiveErrors() == 5);
        assertEquals(LoopState.RUNNING, processing().state());
    }

    @Test
    void aFailingTaskOrQueryCompletesExceptionallyAndTheLoopGoesOn() throws Exception {
        open(new Engine(TrackerConfig.defaults()));
        CompletableFuture<Object> query = engine.query(t -> {
            throw new StackOverflowError("deep");
        });
        CompletableFuture<Void> task = engine.execute(() -> {
            throw new IllegalArgumentException("bad task");
        });
        ExecutionException q = assertThrows(ExecutionException.class, () -> query.get(3, TimeUnit.SECONDS));
        assertInstanceOf(StackOverflowError.class, q.getCause());
        ExecutionException t = assertThrows(ExecutionException.class, () -> task.get(3, TimeUnit.SECONDS));
        assertEquals("bad task", t.getCause().getMessage());
        send("q", 0, 100);
        assertEquals(100L, awaitDatagrams(100).totals().received());
        assertEquals(100L, engine.query(tr -> tr.totals().received()).get(3, TimeUnit.SECONDS));
        assertEquals(new LoopHealth("processing", LoopState.RUNNING, 0, null), processing());
    }

    @Test
    void anErrorInTheProcessorIsSurvivedAndCountingGoesOn() {
        open(new Engine(TrackerConfig.defaults()));
        send("e", 0, 10);
        awaitDatagrams(10);
        receiver.failProcessingForTest(new OutOfMemoryError("test: out of memory once"));
        Await.until("the error counted", () -> processing().errors() == 1);
        send("e", 10, 110);
        TrackerSnapshot s = awaitDatagrams(110);
        assertEquals(110, s.totals().received());
        assertEquals(0, s.totals().lost());
        assertEquals(LoopState.RUNNING, processing().state());
        assertTrue(echoed.getFirst().contains("OutOfMemoryError: test: out of memory once"), echoed.toString());
    }

    @Test
    void aDeadProcessorIsSaidWithin3sAndTheSocketLoopNeitherSpinsNorHoldsUpClose() throws Exception {
        open(new Engine(TrackerConfig.defaults()));
        send("d", 0, 10);
        awaitDatagrams(10);
        long t0 = System.nanoTime();
        receiver.failProcessingForTest(new LoopStopped("test: processor gone"));
        Await.until("stopped in the status, got " + receiver.status().loopProblem(), () -> "processing stopped: test: processor gone".equals(receiver.status().loopProblem()));
        assertTrue(System.nanoTime() - t0 < THREE_SECONDS);
        assertEquals(List.of(new LoopHealth("processing", LoopState.STOPPED, 0, "test: processor gone")), told);
        // Whoever waits on the engine is told at once, not left waiting for a writer that is gone.
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> engine.query(t -> 1).get(1, TimeUnit.SECONDS));
        assertEquals("engine closed: processing stopped: test: processor gone", e.getCause().getMessage());
        // More than the ring holds: the socket loop counts what it cannot hand on instead of waiting for ever.
        send("d", 10, 10 + MulticastReceiver.RING_SLOTS + 5_000);
        Await.until("datagrams counted undelivered", () -> receiver.status().undelivered() > 0);
        long c0 = System.nanoTime();
        receiver.close();
        assertTrue(System.nanoTime() - c0 < 100_000_000L, "close returns at once");
        assertTrue(receiver.closeAsync().get(10, TimeUnit.SECONDS), "every loop ended");
        assertEquals(10, engine.snapshot().totals().received());
    }

    @Test
    void aStalledProcessorIsMarkedWithin3sAndClearsWhenItGoesOn() {
        open(new Engine(TrackerConfig.defaults()));
        CountDownLatch release = new CountDownLatch(1);
        receiver.setTap((buf, off, len, sender, destination, nanos) -> {
            try {
                release.await(); // a disk that hangs
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        long t0 = System.nanoTime();
        send("s", 0, 20);
        Await.until("stalled, got " + processing(), () -> processing().state() == LoopState.STALLED);
        long took = System.nanoTime() - t0;
        assertTrue(took >= MulticastReceiver.STALL_MILLIS * 1_000_000L && took < THREE_SECONDS, "after " + took);
        // The status is a picture the receiver makes apart from the loop's health: await it rather than read it.
        Await.until("stalled in the status, got " + receiver.status().loopProblem(), () -> {
            String problem = receiver.status().loopProblem();
            return problem != null && problem.startsWith("processing stalled: no progress for 2 s with ");
        });
        release.countDown();
        TrackerSnapshot s = awaitDatagrams(20);
        assertEquals(20, s.totals().received());
        Await.until("running again", () -> processing().state() == LoopState.RUNNING);
        Await.until("no problem in the status, got " + receiver.status().loopProblem(),
                () -> receiver.status().loopProblem() == null);
        assertEquals(LoopState.STALLED, told.get(0).state());
        assertEquals(new LoopHealth("processing", LoopState.RUNNING, 0, null), told.get(1));
    }

    @Test
    void closeReturnsAtOnceWhileTheProcessorIsStuckAndQueriesFailAtOnce() throws Exception {
        open(new Engine(TrackerConfig.defaults()));
        CountDownLatch never = new CountDownLatch(1);
        receiver.setTap((buf, off, len, sender, destination, nanos) -> {
            try {
                never.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        send("c", 0, 5);
        Await.until("stuck", () -> receiver.status().groups().size() == 1 && engine.snapshot().totals().datagrams() == 0
                && processing().state() == LoopState.STALLED);
        long c0 = System.nanoTime();
        receiver.close();
        assertTrue(System.nanoTime() - c0 < 100_000_000L, "close returns at once");
        assertFalse(receiver.closeAsync().get(15, TimeUnit.SECONDS), "the stuck loop did not end in time");
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> engine.query(t -> 1).get(1, TimeUnit.SECONDS));
        assertEquals("engine closed: receiver closed", e.getCause().getMessage());
        never.countDown();
    }
}
