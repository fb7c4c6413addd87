package org.gapwatch.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.gapwatch.protocol.DatagramDecoder;
import org.gapwatch.track.TrackerConfig;
import org.junit.jupiter.api.Test;

/**
 * A live writer that has caught up publishes what changed once the last snapshot is
 * {@link Engine#CAUGHT_UP_PUBLISH_NANOS} old, not at the next millisecond's tick; a busy one keeps the tick.
 */
class CaughtUpPublishTest {
    private static final InetSocketAddress SENDER = new InetSocketAddress("127.0.0.1", 40000);
    private static final long MS = 1_000_000L;
    private final AtomicLong nanos = new AtomicLong(5_000 * MS);
    private final Engine engine = new Engine(TrackerConfig.defaults(), 1, new DatagramDecoder()::decode, nanos::get);
    private int seq;

    private void datagram(long arrivalMillis) {
        byte[] b = ("{\"v\":1,\"src\":\"pump\",\"seq\":" + ++seq + ",\"value\":" + seq + "}")
                .getBytes(StandardCharsets.UTF_8);
        engine.datagram(b, 0, b.length, SENDER, null, arrivalMillis * MS);
    }

    private long published() {
        return engine.snapshot().version();
    }

    @Test
    void aCaughtUpWriterPublishesAtOnceWithinTheSameMillisecond() {
        datagram(1_000);
        engine.afterBatch(1_000, true);
        long first = published();
        assertEquals(1, engine.snapshot().totals().received());
        // 300 µs later, the same millisecond of the clock: the tick rule waits, the caught-up rule does not.
        nanos.addAndGet(300_000);
        datagram(1_000);
        engine.afterBatch(1_000, true);
        assertEquals(first + 1, published());
        assertEquals(2, engine.snapshot().totals().received());
    }

    @Test
    void snapshotsOfACaughtUpWriterAreSpacedAtLeastTheCaughtUpSpacing() {
        datagram(1_000);
        engine.afterBatch(1_000, true);
        long first = published();
        nanos.addAndGet(Engine.CAUGHT_UP_PUBLISH_NANOS - 1);
        datagram(1_000);
        engine.afterBatch(1_000, true);
        assertEquals(first, published(), "too soon after the last");
        assertEquals(1_000, engine.nanosUntilDue(1_000), "due in 1 ns: the writer parks at least 1 µs");
        nanos.addAndGet(1);
        engine.afterBatch(1_000, true);
        assertEquals(first + 1, published());
        assertEquals(50 * MS, engine.nanosUntilDue(1_000), "nothing waits: the idle wait");
    }

    @Test
    void aWriterWithInputWaitingKeepsTheMillisecondTick() {
        datagram(1_000);
        engine.afterBatch(1_000, false);
        long first = published();
        nanos.addAndGet(900_000);
        datagram(1_000);
        engine.afterBatch(1_000, false);
        assertEquals(first, published(), "busy: not before the next millisecond");
        engine.afterBatch(1_001, false);
        assertEquals(first + 1, published());
    }

    @Test
    void theWaitOfACaughtUpWriterEndsWhenTheSpacingIsOver() {
        datagram(1_000);
        engine.afterBatch(1_000, true);
        nanos.addAndGet(100_000);
        datagram(1_000);
        engine.afterBatch(1_000, true);
        assertEquals(Engine.CAUGHT_UP_PUBLISH_NANOS - 100_000, engine.nanosUntilDue(1_000));
    }
}
