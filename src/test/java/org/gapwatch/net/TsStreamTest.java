package org.gapwatch.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.gapwatch.engine.Engine;
import org.gapwatch.protocol.Subscription;
import org.gapwatch.track.SourceView;
import org.gapwatch.track.TrackerConfig;
import org.junit.jupiter.api.Test;

/** What publish mpegts:// sends, decoded as a receiver would: the loss counted is exactly the packets skipped. */
class TsStreamTest {
    private static final InetSocketAddress GROUP = new InetSocketAddress("239.255.77.3", 47720);
    private static final InetSocketAddress SENDER = new InetSocketAddress("127.0.0.1", 40000);

    @Test
    void lostTsPacketsAreExactlyTheSkippedOnes() {
        Engine engine = new Engine(TrackerConfig.defaults());
        engine.route(new Subscription("mpegts", "239.255.77.3", 47720, Map.of()), List.of(GROUP));
        TsStream stream = new TsStream(3, 42, 0.05);
        byte[] buf = new byte[TsStream.datagramBytes()];
        long nanos = 1_700_000_000_000_000_000L;
        for (int i = 0; i < 5000; i++) {
            int len = stream.next(buf, 0);
            if (len > 0) {
                engine.datagram(buf, 0, len, SENDER, GROUP, nanos += 20_000_000L);
            }
        }
        for (int s = 0; s < stream.sources(); s++) {
            int len = stream.closing(buf, s, 0);
            if (len > 0) {
                engine.datagram(buf, 0, len, SENDER, GROUP, nanos += 20_000_000L);
            }
        }
        engine.publish(nanos / 1_000_000);
        SourceView v = engine.snapshot().sources().getFirst();
        assertEquals("mpegts/239.255.77.3:47720", v.src());
        assertTrue(stream.skipped() > 1000, "skipped " + stream.skipped());
        assertEquals(stream.skipped(), v.lost());
        assertEquals(0, v.duplicates() + v.restarts());
        // Tables every 10th datagram (0.2 s apart): no PAT, PMT or PID error (the text is of the last full second).
        assertTrue(v.text().contains("PAT_error 0 · Continuity_count_error ") && v.text().contains("PMT_error 0 · "
                + "PID_error 0"), v.text());
        assertEquals(Map.of(), engine.snapshot().invalidByReason());
    }
}
