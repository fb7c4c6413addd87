package org.gapwatch.ui.feed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.MembershipKey;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.gapwatch.engine.Engine;
import org.gapwatch.net.GroupSpec;

/**
 * A plain multicast receive loop driving an {@link Engine}: one channel per port, groups joined on one named
 * interface, one writer thread. Stands in until the shared {@code net.MulticastReceiver} is wired in.
 */
public final class BasicReceiverFeed implements Feed {
    private static final int WANT_RCVBUF = 8 << 20;

    private final Engine engine;
    private final NetworkInterface nif;
    private final Selector selector;
    private final Map<Integer, DatagramChannel> channels = new HashMap<>();
    private final Map<String, MembershipKey> joined = new LinkedHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile String bufferWarning;

    public BasicReceiverFeed(Engine engine, String networkInterface) {
        this.engine = engine;
        try {
            this.nif = networkInterface == null ? null : findInterface(networkInterface);
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        engine.wakeupWith(selector::wakeup);
        thread = new Thread(this::loop, "receiver");
        thread.setDaemon(true);
        thread.start();
    }

    private static NetworkInterface findInterface(String name) throws SocketException {
        NetworkInterface n = NetworkInterface.getByName(name);
        if (n == null) {
            throw new IllegalArgumentException("no network interface named '" + name + "'");
        }
        return n;
    }

    @Override
    public Status status() {
        List<String> groups;
        synchronized (joined) {
            groups = new ArrayList<>(joined.keySet());
        }
        return new Status(groups, nif == null ? "default" : nif.getName(), bufferWarning, -1);
    }

    @Override
    public void join(String group) {
        GroupSpec spec = GroupSpec.parse(group);
        onWriter(() -> {
            String key = spec.toString();
            if (joined.containsKey(key)) {
                return;
            }
            try {
                DatagramChannel ch = channels.get(spec.port());
                if (ch == null) {
                    ch = DatagramChannel.open(spec.ipv6() ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
                    ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                    ch.setOption(StandardSocketOptions.SO_RCVBUF, WANT_RCVBUF);
                    int granted = ch.getOption(StandardSocketOptions.SO_RCVBUF);
                    if (granted < WANT_RCVBUF) {
                        bufferWarning = "receive buffer capped at " + (granted >> 10) + " KiB (asked "
                                + (WANT_RCVBUF >> 10) + " KiB): raise net.core.rmem_max";
                    }
                    ch.bind(new InetSocketAddress(spec.port()));
                    ch.configureBlocking(false);
                    ch.register(selector, SelectionKey.OP_READ);
                    channels.put(spec.port(), ch);
                }
                NetworkInterface on = nif != null ? nif : NetworkInterface.getByName("lo");
                MembershipKey k = spec.source() == null ? ch.join(spec.group(), on)
                        : ch.join(spec.group(), on, spec.source());
                synchronized (joined) {
                    joined.put(key, k);
                }
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot join " + key + ": " + e.getMessage());
            }
        });
    }

    @Override
    public void leave(String group) {
        GroupSpec spec = GroupSpec.parse(group);
        onWriter(() -> {
            MembershipKey k;
            synchronized (joined) {
                k = joined.remove(spec.toString());
            }
            if (k != null) {
                k.drop();
            }
        });
    }

    private void onWriter(Runnable r) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        engine.execute(() -> {
            try {
                r.run();
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        try {
            done.get(5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new IllegalStateException("receiver did not answer", e);
        }
    }

    private void loop() {
        ByteBuffer buf = ByteBuffer.allocate(65536);
        byte[] arr = buf.array();
        try {
            while (running) {
                long now = System.currentTimeMillis();
                selector.select(engine.millisUntilDue(now));
                for (SelectionKey key : selector.selectedKeys()) {
                    DatagramChannel ch = (DatagramChannel) key.channel();
                    for (int n = 0; n < 256; n++) {
                        buf.clear();
                        InetSocketAddress from = (InetSocketAddress) ch.receive(buf);
                        if (from == null) {
                            break;
                        }
                        engine.datagram(arr, 0, buf.position(), from, System.currentTimeMillis());
                    }
                }
                selector.selectedKeys().clear();
                engine.afterBatch(System.currentTimeMillis());
            }
        } catch (IOException | RuntimeException e) {
            if (running) {
                System.err.println("gapwatch: receiver stopped: " + e);
            }
        }
    }

    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            thread.join(2000);
            for (DatagramChannel ch : channels.values()) {
                ch.close();
            }
            selector.close();
        } catch (IOException | InterruptedException e) {
            // closing anyway
        }
    }
}
