package org.gapwatch.demo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * Sends the {@link DemoScenario} on loopback only: multicast interface lo, TTL 0, group in 239.255.0.0/16.
 */
public final class DemoPublisher implements AutoCloseable {
    public static final String GROUP = "239.255.77.1:47701";
    private static final long TICK_MILLIS = 20;

    private final DatagramChannel channel;
    private final InetSocketAddress target;
    private final DemoScenario scenario;
    private final Thread thread;
    private volatile boolean running = true;
    private long sent;

    public DemoPublisher(long seed) throws IOException {
        NetworkInterface lo = NetworkInterface.getByName("lo");
        if (lo == null) {
            throw new IOException("no loopback interface 'lo'");
        }
        channel = DatagramChannel.open(StandardProtocolFamily.INET);
        channel.setOption(StandardSocketOptions.IP_MULTICAST_IF, lo);
        channel.setOption(StandardSocketOptions.IP_MULTICAST_TTL, 0);
        channel.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, true);
        channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        target = new InetSocketAddress(InetAddress.getByName("239.255.77.1"), 47701);
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
            scenario.tick(System.currentTimeMillis(), this::send);
            try {
                Thread.sleep(TICK_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void send(byte[] payload) {
        try {
            channel.send(ByteBuffer.wrap(payload), target);
            sent++;
        } catch (IOException e) {
            if (running) {
                System.err.println("gapwatch: demo publisher: " + e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            channel.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
