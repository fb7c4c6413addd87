package org.gapwatch.testutil;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.gapwatch.engine.Engine;

/**
 * A test-only writer thread for an engine: runs the feeding steps handed to it, then {@code afterBatch} with the
 * shared test clock, in a loop, as the live receive loop would.
 */
public final class WriterLoop implements AutoCloseable {
    private final Feed feed;
    private final AtomicLong clock;
    private final ConcurrentLinkedQueue<Runnable> steps = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean running = true;
    /** The writer says it is behind its input after each batch (datagrams still waiting), as a flooded one does. */
    private volatile boolean behind;

    public WriterLoop(Engine engine, AtomicLong clock) {
        this.feed = new Feed(engine);
        this.clock = clock;
        this.thread = new Thread(this::loop, "test-writer");
        thread.setDaemon(true);
        engine.start(() -> LockSupport.unpark(thread));
        thread.start();
    }

    /** Runs {@code step} with the feed on the writer thread and waits until it has run and a snapshot is out. */
    public void feed(java.util.function.Consumer<Feed> step) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        steps.add(() -> {
            step.accept(feed);
            if (behind) {
                feed.engine().afterBatch(clock.get(), false);
                feed.engine().publish(clock.get());
            } else {
                feed.publish(clock.get());
            }
            done.countDown();
        });
        if (!done.await(10, TimeUnit.SECONDS)) {
            throw new AssertionError("writer did not run the step");
        }
    }

    private void loop() {
        while (running) {
            Runnable r;
            while ((r = steps.poll()) != null) {
                r.run();
            }
            if (behind) {
                feed.engine().afterBatch(clock.get(), false);
            } else {
                feed.engine().afterBatch(clock.get());
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    /** From the next batch on, the writer says it is behind (true) or caught up (false). */
    public void behind(boolean b) {
        behind = b;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5_000);
    }
}
