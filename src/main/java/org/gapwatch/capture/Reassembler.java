package org.gapwatch.capture;

import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Puts fragmented IP datagrams back together, with bounded memory: at most {@value #MAX_PENDING} datagrams in
 * progress and {@value #MAX_BYTES} bytes held; a datagram not completed within {@value #TIMEOUT_SECONDS} seconds of
 * capture time (Linux's ipfrag_time) or evicted to make room is counted as incomplete.
 */
final class Reassembler {
    static final int MAX_PENDING = 1024;
    static final int MAX_BYTES = 16 << 20;
    static final int TIMEOUT_SECONDS = 30;
    static final int MAX_PAYLOAD = 65535;

    /** Identifies one datagram: both addresses (up to 16 bytes each), the IP identification and protocol. */
    record Key(long s0, long s1, long d0, long d1, long idAndProtocol) {
        static Key of(byte[] b, int srcOff, int dstOff, int addrLen, long id, int protocol) {
            return new Key(word(b, srcOff, addrLen, 0), word(b, srcOff, addrLen, 8), word(b, dstOff, addrLen, 0),
                    word(b, dstOff, addrLen, 8), (id << 8) | protocol | ((long) addrLen << 56));
        }

        private static long word(byte[] b, int off, int len, int start) {
            long w = 0;
            for (int i = start; i < Math.min(len, start + 8); i++) {
                w = (w << 8) | (b[off + i] & 0xFF);
            }
            return w;
        }
    }

    private static final class Pending {
        final long firstNanos;
        byte[] data = new byte[0];
        int totalLength = -1;
        // Covered ranges [start, end), sorted and merged; pairs in one array.
        int[] ranges = new int[8];
        int rangeCount;

        Pending(long firstNanos) {
            this.firstNanos = firstNanos;
        }

        void add(int start, int end) {
            int[] merged = new int[(rangeCount + 1) * 2];
            int n = 0;
            boolean placed = false;
            for (int i = 0; i < rangeCount; i++) {
                int s = ranges[2 * i], e = ranges[2 * i + 1];
                if (!placed && start < s) {
                    n = append(merged, n, start, end);
                    placed = true;
                }
                n = append(merged, n, s, e);
            }
            if (!placed) {
                n = append(merged, n, start, end);
            }
            ranges = merged;
            rangeCount = n;
        }

        private static int append(int[] r, int n, int s, int e) {
            if (n > 0 && s <= r[2 * n - 1]) {
                r[2 * n - 1] = Math.max(r[2 * n - 1], e);
                return n;
            }
            r[2 * n] = s;
            r[2 * n + 1] = e;
            return n + 1;
        }

        boolean complete() {
            return totalLength >= 0 && rangeCount == 1 && ranges[0] == 0 && ranges[1] == totalLength;
        }
    }

    private final LinkedHashMap<Key, Pending> pending = new LinkedHashMap<>();
    private final CaptureStats stats;
    private long heldBytes;

    Reassembler(CaptureStats stats) {
        this.stats = stats;
    }

    /**
     * Adds one fragment: {@code len} bytes of the IP payload at byte {@code offset}; {@code more} is the
     * more-fragments flag. Returns the whole IP payload once every part has arrived, else null.
     */
    byte[] add(Key key, int offset, boolean more, byte[] b, int off, int len, long nanos) {
        expire(nanos);
        int end = offset + len;
        if (end > MAX_PAYLOAD || (more && (len & 7) != 0)) {
            stats.skip(SkipReason.MALFORMED_IP);
            return null;
        }
        Pending p = pending.get(key);
        if (p == null) {
            if (pending.size() >= MAX_PENDING) {
                evictOldest();
            }
            p = new Pending(nanos);
            pending.put(key, p);
        }
        if (!more) {
            if (p.totalLength >= 0 && p.totalLength != end) {
                drop(key, p);
                stats.skip(SkipReason.MALFORMED_IP);
                return null;
            }
            p.totalLength = end;
        }
        if (end > p.data.length) {
            int grown = Math.min(MAX_PAYLOAD, Math.max(end, p.data.length * 2));
            heldBytes += grown - p.data.length;
            p.data = Arrays.copyOf(p.data, grown);
            while (heldBytes > MAX_BYTES && pending.size() > 1) {
                evictOldest();
            }
        }
        System.arraycopy(b, off, p.data, offset, len);
        p.add(offset, end);
        if (!p.complete()) {
            return null;
        }
        pending.remove(key);
        heldBytes -= p.data.length;
        return p.data.length == p.totalLength ? p.data : Arrays.copyOf(p.data, p.totalLength);
    }

    private void expire(long nanos) {
        long limit = nanos - TIMEOUT_SECONDS * 1_000_000_000L;
        Iterator<Map.Entry<Key, Pending>> it = pending.entrySet().iterator();
        while (it.hasNext()) {
            Pending p = it.next().getValue();
            if (p.firstNanos >= limit) {
                break;
            }
            it.remove();
            heldBytes -= p.data.length;
            stats.skip(SkipReason.FRAGMENTS_INCOMPLETE);
        }
    }

    private void evictOldest() {
        Iterator<Map.Entry<Key, Pending>> it = pending.entrySet().iterator();
        Pending p = it.next().getValue();
        it.remove();
        heldBytes -= p.data.length;
        stats.skip(SkipReason.FRAGMENTS_INCOMPLETE);
    }

    private void drop(Key key, Pending p) {
        pending.remove(key);
        heldBytes -= p.data.length;
    }

    /** At the end of the capture: whatever is still waiting is incomplete. */
    void finish() {
        for (int i = 0; i < pending.size(); i++) {
            stats.skip(SkipReason.FRAGMENTS_INCOMPLETE);
        }
        pending.clear();
        heldBytes = 0;
    }

    int pendingCount() {
        return pending.size();
    }
}
