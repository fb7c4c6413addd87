package org.gapwatch.testutil;

import java.util.function.IntFunction;
import org.gapwatch.engine.Engine;
import org.gapwatch.track.TrackerConfig;
import org.gapwatch.track.TrackerSnapshot;

/** A snapshot of many sources, each with one update, named and with a status word of the test's choosing. */
public final class ManySources {
    public static final long NOW = 1_800_000_000_000L;

    private ManySources() {
    }

    /**
     * {@code n} sources, {@code name.apply(i)} and {@code status.apply(i)} ("ok", "warn", "alarm", "fault"), one
     * update each arriving at {@link #NOW}, 50 to a datagram.
     */
    public static TrackerSnapshot snapshot(int n, IntFunction<String> name, IntFunction<String> status) {
        Feed f = new Feed(new Engine(new TrackerConfig(Math.max(n, 1), 10_000, 1_000)));
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i += 50) {
            sb.setLength(0);
            sb.append('[');
            for (int k = i; k < Math.min(n, i + 50); k++) {
                sb.append(k > i ? "," : "").append("{\"src\":\"").append(name.apply(k))
                        .append("\",\"seq\":0,\"value\":").append(k).append(",\"status\":\"")
                        .append(status.apply(k)).append("\",\"interval\":1000}");
            }
            f.send(NOW, sb.append(']').toString());
        }
        return f.publish(NOW);
    }
}
