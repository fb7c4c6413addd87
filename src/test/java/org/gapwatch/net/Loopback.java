package org.gapwatch.net;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.gapwatch.engine.Engine;
import org.gapwatch.testutil.Await;
import org.gapwatch.track.SourceView;
import org.gapwatch.track.TrackerConfig;
import org.gapwatch.track.TrackerSnapshot;

/**
 * Test fixture for real multicast through the loopback interface only: receivers join on lo, publishers send via
 * lo with TTL 0, groups are in 239.255.0.0/16.
 */
public final class Loopback implements AutoCloseable {
    public static final String LO = "lo";
    private static final AtomicInteger NEXT_GROUP = new AtomicInteger(1 + (int) (ProcessHandle.current().pid() % 200));

    public final Engine engine;
    public final MulticastReceiver receiver;

    public Loopback(TrackerConfig config, List<GroupSpec> groups) {
        this(config, groups, ReceiverConfig.DEFAULT_RECEIVE_BUFFER);
    }

    public Loopback(TrackerConfig config, List<GroupSpec> groups, int receiveBuffer) {
        engine = new Engine(config);
        receiver = new MulticastReceiver(engine, new ReceiverConfig(groups, LO, receiveBuffer));
        receiver.start();
    }

    /** A group on a free port, different for every call. */
    public static GroupSpec freshGroup() {
        return GroupSpec.parse("239.255.77." + (NEXT_GROUP.getAndIncrement() % 250 + 1) + ":" + freePort());
    }

    public static int freePort() {
        try (DatagramSocket s = new DatagramSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Publisher publisher(GroupSpec g) {
        return new Publisher(g, LO, 0);
    }

    public static void send(Publisher p, String json) {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        if (!p.send(b, 0, b.length)) {
            fail("send failed");
        }
    }

    /** The newest snapshot once the condition holds on it (Await's deadline). */
    public TrackerSnapshot await(java.util.function.Predicate<TrackerSnapshot> condition, String what) {
        return Await.value(() -> what + "; last totals " + engine.snapshot().totals(), () -> {
            TrackerSnapshot s = engine.snapshot();
            return condition.test(s) ? s : null;
        });
    }

    public SourceView source(TrackerSnapshot s, String src) {
        for (SourceView v : s.sources()) {
            if (v.src().equals(src)) {
                return v;
            }
        }
        return null;
    }

    @Override
    public void close() {
        receiver.close();
    }
}
