package org.gapwatch.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LoadStreamTest {
    @Test
    void writesTheUpdatesOfConsecutiveSourcesAsJsonIntoOneBuffer() {
        int sources = 1_003;
        LoadStream stream = new LoadStream(sources, 20, 333);
        byte[] buf = new byte[stream.maxLength()];
        String[] groups = {"plant", "grid", "hvac", "water", "comms", "fire", "power", "rail"};
        long[] seq = new long[sources];
        int cursor = 0;
        for (int d = 0; d < 3 * sources; d++) {
            StringBuilder expected = new StringBuilder("[");
            for (int k = 0; k < 20; k++) {
                int i = cursor;
                cursor = (cursor + 1) % sources;
                long s = seq[i]++;
                expected.append(k > 0 ? "," : "").append("{\"src\":\"").append(groups[i % 8]).append("/unit-")
                        .append(i / 64).append("/sensor-").append(i).append("\",\"seq\":").append(s)
                        .append(",\"value\":").append((s * 7 + i) % 1000 / 10.0)
                        .append(",\"unit\":\"bar\",\"status\":\"ok\",\"interval\":333}");
            }
            String want = expected.append(']').toString();
            byte[] one = d % 2 == 0 ? null : stream.next();
            String got = one != null ? new String(one, StandardCharsets.UTF_8)
                    : new String(buf, 0, stream.next(buf), StandardCharsets.UTF_8);
            assertEquals(want, got, "datagram " + d);
        }
    }
}
