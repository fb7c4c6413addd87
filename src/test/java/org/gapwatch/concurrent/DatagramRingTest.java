package org.gapwatch.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class DatagramRingTest {
    private static final InetSocketAddress A = new InetSocketAddress("127.0.0.1", 1);

    private static byte[] payload(int n, int len) {
        byte[] b = new byte[len];
        for (int i = 0; i < len; i++) {
            b[i] = (byte) (n * 31 + i);
        }
        return b;
    }

    @Test
    void fullBySlotsThenRoomAgainAfterADrain() {
        DatagramRing ring = new DatagramRing(4, 1024);
        for (int i = 0; i < 4; i++) {
            assertTrue(ring.offer(payload(i, 10), 0, 10, A, A, i));
        }
        assertFalse(ring.offer(payload(9, 10), 0, 10, A, A, 9));
        List<Long> seen = new ArrayList<>();
        assertEquals(2, ring.drain((d, off, len, s, dst, t) -> seen.add(t), 2));
        assertTrue(ring.offer(payload(4, 10), 0, 10, A, A, 4));
        ring.drain((d, off, len, s, dst, t) -> seen.add(t), 10);
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L), seen);
        assertTrue(ring.isEmpty());
    }

    @Test
    void fullByBytesAndAPayloadNeverWraps() {
        DatagramRing ring = new DatagramRing(64, 100);
        assertTrue(ring.offer(payload(0, 60), 0, 60, A, A, 0));
        assertFalse(ring.offer(payload(1, 60), 0, 60, A, A, 1), "only 40 bytes left");
        ring.drain((d, off, len, s, dst, t) -> { }, 1);
        // 40 bytes at the end cannot hold 60: it goes to the start, whole.
        assertTrue(ring.offer(payload(1, 60), 0, 60, A, A, 1));
        AtomicReference<byte[]> got = new AtomicReference<>();
        ring.drain((d, off, len, s, dst, t) -> got.set(java.util.Arrays.copyOfRange(d, off, off + len)), 1);
        assertEquals(java.util.HexFormat.of().formatHex(payload(1, 60)), java.util.HexFormat.of().formatHex(got.get()));
    }

    @Test
    void aPayloadNeverSpansTwoPagesAndComesBackWholeAcrossManyTurns() {
        // Three pages: payloads of 1 byte to a datagram's 64 KiB land at every offset, page ends included.
        DatagramRing ring = new DatagramRing(1 << 10, 3 * DatagramRing.PAGE);
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        int offered = 0;
        int checked = 0;
        long bytes = 0;
        List<Integer> lengths = new ArrayList<>();
        while (bytes < 10L * 3 * DatagramRing.PAGE) { // ten turns of the whole area
            int len = random.nextInt(8) == 0 ? 65_536 : 1 + random.nextInt(40_000);
            byte[] p = payload(offered, len);
            if (ring.offer(p, 0, len, A, A, offered)) {
                lengths.add(len);
                offered++;
                bytes += len;
                continue;
            }
            int[] at = {checked};
            ring.drain((d, off, n, s, dst, tm) -> {
                int k = at[0]++;
                assertEquals((long) k, tm);
                assertEquals((int) lengths.get(k), n);
                assertTrue(off + n <= DatagramRing.PAGE && d.length == DatagramRing.PAGE, "within one page");
                assertTrue(java.util.Arrays.equals(payload(k, n), java.util.Arrays.copyOfRange(d, off, off + n)),
                        "datagram " + k);
            }, 1 + random.nextInt(64));
            checked = at[0];
        }
        assertTrue(offered > 1_000, "offered " + offered);
        ring.drain((d, off, n, s, dst, tm) -> { }, Integer.MAX_VALUE);
        assertTrue(ring.isEmpty());
        assertTrue(ring.offer(payload(0, DatagramRing.PAGE), 0, DatagramRing.PAGE, A, A, 0), "a page: yes");
        ring.drain((d, off, n, s, dst, tm) -> { }, 1);
        assertFalse(ring.offer(payload(0, DatagramRing.PAGE + 1), 0, DatagramRing.PAGE + 1, A, A, 0),
                "more than a page: never");
    }

    @Test
    void aProducerAndAConsumerThreadLoseAndCorruptNothing() throws Exception {
        DatagramRing ring = new DatagramRing(256, 8192);
        int count = 300_000;
        Thread producer = new Thread(() -> {
            for (int i = 0; i < count; i++) {
                byte[] p = payload(i, 1 + i % 200);
                while (!ring.offer(p, 0, p.length, A, A, i)) {
                    Thread.onSpinWait();
                }
            }
        });
        producer.start();
        long[] next = {0};
        List<String> errors = new ArrayList<>();
        while (next[0] < count) {
            ring.drain((d, off, len, s, dst, t) -> {
                byte[] expected = payload((int) t, 1 + (int) t % 200);
                if (t != next[0] || len != expected.length
                        || !java.util.Arrays.equals(d, off, off + len, expected, 0, expected.length)) {
                    errors.add("datagram " + t + " at position " + next[0]);
                }
                next[0]++;
            }, 64);
        }
        producer.join();
        assertEquals(List.of(), errors);
        assertTrue(ring.isEmpty());
    }

    /** A ring holding {@code n} one-byte datagrams, their arrival stamps 0..n-1. */
    private static DatagramRing holding(int n) {
        DatagramRing ring = new DatagramRing(8192, 65_536);
        for (int i = 0; i < n; i++) {
            assertTrue(ring.offer(payload(i, 1), 0, 1, A, A, i));
        }
        return ring;
    }

    @Test
    void aRoundOfSlowDatagramsEndsAtItsTimeNotAtItsCount() {
        DatagramRing ring = holding(5_000);
        java.util.concurrent.atomic.AtomicLong clock = new java.util.concurrent.atomic.AtomicLong();
        // 50 µs a datagram: 4,096 of them would be a round of 205 ms. At 16 ms: 5 steps of 64 (the clock is read
        // between steps: 12.8 ms after four, 16.0 ms after five).
        int n = ring.drainFor((d, off, len, s, dst, t) -> clock.addAndGet(50_000), 64, 4_096, 16_000_000L,
                clock::get);
        assertEquals(320, n);
        assertEquals(5_000 - 320, ring.backlog());
    }

    @Test
    void aRoundOfFastDatagramsEndsAtItsCountAndOneOfAFewEndsWithThem() {
        DatagramRing ring = holding(5_000);
        java.util.concurrent.atomic.AtomicLong clock = new java.util.concurrent.atomic.AtomicLong();
        assertEquals(4_096, ring.drainFor((d, off, len, s, dst, t) -> clock.addAndGet(100), 64, 4_096,
                16_000_000L, clock::get));
        assertEquals(904, ring.drainFor((d, off, len, s, dst, t) -> { }, 64, 4_096, 16_000_000L, clock::get));
        assertTrue(ring.isEmpty());
        List<Long> seen = new ArrayList<>();
        DatagramRing few = holding(100);
        assertEquals(100, few.drainFor((d, off, len, s, dst, t) -> seen.add(t), 64, 4_096, 16_000_000L,
                clock::get));
        assertEquals(99L, seen.get(99));
    }
}
