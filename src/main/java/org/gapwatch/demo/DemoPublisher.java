package org.gapwatch.demo;

import org.gapwatch.net.GroupSpec;
import org.gapwatch.net.Publisher;

/**
 * Sends the {@link DemoScenario} on loopback only: multicast interface lo, TTL 0, group in 239.255.0.0/16.
 */
public final class DemoPublisher implements AutoCloseable {
    public static final String GROUP = "239.255.77.1:47701";
    private static final long TICK_MILLIS = 20;

    private final Publisher publisher;
    private final DemoScenario scenario;
    private final Thread thread;
    private volatile boolean running = true;

    public DemoPublisher(long seed) {
        publisher = new Publisher(GroupSpec.parse(GROUP), "lo", 0);
        scenario = new DemoScenario(seed, System.currentTimeMillis());
        thread = new Thread(this::run, "demo-publisher");
        thread.setDaemon(true);
    }

    public DemoPublisher start() {
        thread.start();
        return this;
    }

    private void run() {
        while (running) {
            scenario.tick(System.currentTimeMillis(), p -> publisher.send(p, 0, p.length));
            try {
                Thread.sleep(TICK_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        publisher.close();
    }
}
