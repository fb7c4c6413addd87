package org.gapwatch.bench;

import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Set;
import org.gapwatch.net.GroupSpec;
import org.gapwatch.net.SocketDrops;

/**
 * The limit for the end-to-end benchmark: a receive loop that only counts datagrams, on the same socket options as
 * Gapwatch's receiver (group bound, 16 MiB asked, joined on lo). Prints "received N drops D" after the first
 * datagram's stream goes quiet for 2 s, or after the deadline.
 * Args: GROUP:PORT EXPECTED_COUNT DEADLINE_SECONDS
 */
public final class BareReceiveLoop {
    public static void main(String[] args) throws Exception {
        GroupSpec g = GroupSpec.parse(args[0]);
        long expected = Long.parseLong(args[1]);
        long deadline = System.nanoTime() + Long.parseLong(args[2]) * 1_000_000_000L;
        try (DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET)) {
            ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            ch.setOption(StandardSocketOptions.SO_RCVBUF, 16 << 20);
            ch.bind(new InetSocketAddress(g.group(), g.port()));
            ch.join(g.group(), NetworkInterface.getByName("lo"));
            ch.configureBlocking(false);
            System.out.println("ready");
            System.out.flush();
            ByteBuffer bb = ByteBuffer.allocate(65_536);
            long received = 0;
            long lastArrival = 0;
            while (received < expected && System.nanoTime() < deadline
                    && (lastArrival == 0 || System.nanoTime() - lastArrival < 2_000_000_000L)) {
                bb.clear();
                if (ch.receive(bb) != null) {
                    received++;
                    lastArrival = System.nanoTime();
                } else {
                    Thread.onSpinWait();
                }
            }
            System.out.println("received " + received + " drops " + SocketDrops.read(Set.of(g.port())));
        }
    }
}
