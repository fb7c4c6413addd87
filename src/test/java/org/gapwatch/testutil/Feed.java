package org.gapwatch.testutil;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.gapwatch.engine.Engine;
import org.gapwatch.track.TrackerConfig;
import org.gapwatch.track.TrackerSnapshot;

/** Drives an engine from the calling thread, which thereby is its writer: JSON datagrams at chosen arrival times. */
public final class Feed {
    public static final InetSocketAddress SENDER = new InetSocketAddress("10.0.0.1", 5000);

    private final Engine engine;

    public Feed(Engine engine) {
        this.engine = engine;
    }

    public Feed() {
        this(new Engine(TrackerConfig.defaults()));
    }

    public Engine engine() {
        return engine;
    }

    public Feed send(long arrivalMillis, String json) {
        return send(arrivalMillis, json, SENDER);
    }

    public Feed send(long arrivalMillis, String json, InetSocketAddress sender) {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        engine.datagram(b, 0, b.length, sender, arrivalMillis);
        return this;
    }

    /** A datagram from {@code sender} to the group and port {@code destination}. */
    public Feed send(long arrivalMillis, String json, InetSocketAddress sender, InetSocketAddress destination) {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        engine.datagram(b, 0, b.length, sender, destination, arrivalMillis * 1_000_000L);
        return this;
    }

    /** Runs queued queries and publishes a snapshot taken at {@code nowMillis}. */
    public TrackerSnapshot publish(long nowMillis) {
        engine.afterBatch(nowMillis);
        engine.publish(nowMillis);
        return engine.snapshot();
    }
}
