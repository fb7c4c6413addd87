package org.gapwatch.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.gapwatch.protocol.RejectReason;
import org.gapwatch.testutil.ThreadAllocation;
import org.junit.jupiter.api.Test;

/**
 * The last 32 rejections read as they did when each sample was made at once (sender text, reason, source, the
 * payload's preview), oldest first; a rejection allocates nothing; the list is the same while nothing was added.
 */
class RecentRejectsTest {
    private static final int CAPACITY = 32;
    private static final int PREVIEW = 96;

    @Test
    void theSamplesAreThoseMadeAtOnceForTheLast32WithEveryKindOfPayload() {
        SplittableRandom random = new SplittableRandom(7);
        RecentRejects r = new RecentRejects(CAPACITY, PREVIEW);
        List<InvalidSample> expected = new ArrayList<>();
        for (int k = 0; k < 200; k++) {
            int len = switch (k % 6) {
                case 0 -> 0;
                case 1 -> PREVIEW;
                case 2 -> PREVIEW + 1;
                case 3 -> 1 + random.nextInt(40);
                default -> 1 + random.nextInt(3 * PREVIEW);
            };
            byte[] payload = k % 11 == 5 ? null : new byte[len + 3];
            if (payload != null) {
                random.nextBytes(payload);
            }
            InetSocketAddress sender = k % 7 == 3 ? null
                    : new InetSocketAddress("127.0.0." + (1 + k % 200), 1000 + k);
            RejectReason reason = RejectReason.values()[k % RejectReason.values().length];
            String src = k % 5 == 0 ? null : "src-" + k;
            r.add(1_000L + k, sender, reason, src, payload, 3, len);
            expected.add(new InvalidSample(1_000L + k, sender == null ? "" : Tracker.format(sender), reason, src,
                    payload == null ? "" : Tracker.preview(payload, 3, len)));
            if (k % 13 == 0 || k > 190) {
                List<InvalidSample> last = expected.subList(Math.max(0, expected.size() - CAPACITY),
                        expected.size());
                assertEquals(last, r.list(), "after " + (k + 1));
            }
        }
    }

    @Test
    void theListIsTheSameWhileNothingIsAddedAndAddingAllocatesNothing() throws Exception {
        RecentRejects r = new RecentRejects(CAPACITY, PREVIEW);
        byte[] payload = new byte[1_400];
        InetSocketAddress sender = new InetSocketAddress("127.0.0.1", 4000);
        r.add(1, sender, RejectReason.MALFORMED_JSON, "a", payload, 0, payload.length);
        List<InvalidSample> first = r.list();
        assertSame(first, r.list());
        long bytes = ThreadAllocation.inRounds(() -> {
            for (int k = 0; k < 10_000; k++) {
                r.add(k, sender, RejectReason.MALFORMED_JSON, "a", payload, 0, payload.length);
            }
        }, 3, 5);
        assertTrue(bytes < 10_000, "5 x 10,000 rejections allocated " + bytes + " bytes");
        assertEquals(CAPACITY, r.list().size());
    }
}
