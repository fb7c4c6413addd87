package org.gapwatch.track;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.gapwatch.protocol.Reason;

/**
 * The last {@code capacity} rejected datagrams, as samples for the screen and {@code listen --json}. A rejection
 * only copies the payload's first bytes into a slot kept for it (no allocation): a flood of refused datagrams (a
 * protocol's sources beyond its cap, junk on the port) comes at up to every datagram, snapshots at most a thousand
 * times a second, so the texts are made when a snapshot asks and something changed since the last one.
 */
final class RecentRejects {
    private final int capacity;
    private final int previewBytes;
    private final long[] millis;
    private final InetSocketAddress[] senders;
    private final Reason[] reasons;
    private final String[] srcs;
    private final byte[][] starts;
    /** Payload length of each slot, -1 for no payload. */
    private final int[] lengths;
    private long added;
    private long listed = -1;
    private List<InvalidSample> list = List.of();

    RecentRejects(int capacity, int previewBytes) {
        this.capacity = capacity;
        this.previewBytes = previewBytes;
        millis = new long[capacity];
        senders = new InetSocketAddress[capacity];
        reasons = new Reason[capacity];
        srcs = new String[capacity];
        starts = new byte[capacity][previewBytes];
        lengths = new int[capacity];
    }

    void add(long at, InetSocketAddress sender, Reason reason, String src, byte[] payload, int off, int len) {
        int i = (int) (added % capacity);
        millis[i] = at;
        senders[i] = sender;
        reasons[i] = reason;
        srcs[i] = src;
        if (payload == null) {
            lengths[i] = -1;
        } else {
            System.arraycopy(payload, off, starts[i], 0, Math.min(len, previewBytes));
            lengths[i] = len;
        }
        added++;
    }

    /** Oldest first; the same list while nothing was added. */
    List<InvalidSample> list() {
        if (listed != added) {
            int n = (int) Math.min(added, capacity);
            List<InvalidSample> l = new ArrayList<>(n);
            for (long k = added - n; k < added; k++) {
                int i = (int) (k % capacity);
                InetSocketAddress s = senders[i];
                l.add(new InvalidSample(millis[i], s == null ? "" : Tracker.format(s), reasons[i], srcs[i],
                        lengths[i] < 0 ? "" : Tracker.preview(starts[i], 0, lengths[i])));
            }
            list = List.copyOf(l);
            listed = added;
        }
        return list;
    }
}
