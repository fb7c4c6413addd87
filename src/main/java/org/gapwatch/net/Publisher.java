package org.gapwatch.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/** Sends datagrams to one group: fire and forget, through the chosen interface with the chosen TTL (hop limit). */
public final class Publisher implements AutoCloseable {
    public static final int DEFAULT_TTL = 1;

    private final DatagramChannel channel;
    private final InetSocketAddress target;
    private final NetworkInterface networkInterface;
    private long sendErrors;

    /** {@code nameOrAddress} null means the system's choice of interface. */
    public Publisher(GroupSpec group, String nameOrAddress, int ttl) {
        if (ttl < 0 || ttl > 255) {
            throw new IllegalArgumentException("ttl " + ttl + " is not in 0-255");
        }
        this.target = group.socketAddress();
        this.networkInterface = nameOrAddress == null ? null : Interfaces.resolve(nameOrAddress);
        try {
            channel = DatagramChannel.open(group.ipv6() ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
            if (networkInterface != null) {
                channel.setOption(StandardSocketOptions.IP_MULTICAST_IF, networkInterface);
            }
            channel.setOption(StandardSocketOptions.IP_MULTICAST_TTL, ttl);
            channel.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, true);
            channel.setOption(StandardSocketOptions.SO_SNDBUF, 4 << 20);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a socket for " + group + ": " + e.getMessage(), e);
        }
    }

    /** Sends one datagram; returns false (and counts it) if the kernel refused it, e.g. a full send buffer. */
    public boolean send(byte[] payload, int off, int len) {
        try {
            return channel.send(ByteBuffer.wrap(payload, off, len), target) == len;
        } catch (IOException e) {
            sendErrors++;
            if (sendErrors == 1 && e.getMessage() != null && e.getMessage().contains("unreachable")) {
                throw new UncheckedIOException("cannot send to " + Interfaces.describe(target)
                        + ": " + e.getMessage(), e);
            }
            return false;
        }
    }

    public long sendErrors() {
        return sendErrors;
    }

    public InetSocketAddress localAddress() {
        try {
            return (InetSocketAddress) channel.getLocalAddress();
        } catch (IOException e) {
            return null;
        }
    }

    public String interfaceName() {
        return networkInterface == null ? "system default" : networkInterface.getName();
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing to do
        }
    }
}
