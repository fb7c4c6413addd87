package org.gapwatch.concurrent;

import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Single-producer, single-consumer ring of datagrams (Agrona's one-to-one ring buffer, reduced to what this needs):
 * between the socket thread and the processing thread, and between the receiver and the recorder's thread. Bounded
 * in slots and in payload bytes, so memory is fixed whatever arrives; per-datagram facts sit in parallel slot
 * arrays. The producer copies the payload into one byte area and publishes the slot with an ordered write of the
 * tail; the consumer frees it with an ordered write of the head: no lock, no allocation. A full ring refuses the
 * datagram, and the producer decides what that means (leave it in the kernel's buffer; drop it from a recording).
 */
public final class DatagramRing {
    /** What the consumer does with each datagram; {@code data} is reused after the call returns. */
    public interface Handler {
        void datagram(byte[] data, int off, int len, InetSocketAddress sender, InetSocketAddress destination,
                      long arrivalEpochNanos);
    }

    /**
     * The payload area is held in pages of this size, not one array: a 128 MiB array is zeroed at allocation by one
     * thread that meanwhile does not reach a safepoint, and the collector's pause at start waited 28-51 ms for it
     * (scripts/bench-engine-scale.sh, -Xlog:safepoint); a page is zeroed in about a millisecond.
     */
    static final int PAGE = 4 << 20;
    private final int slots;
    private final int slotMask;
    private final byte[][] pages;
    private final int pageBytes;
    private final int dataBytes;
    private final int[] offsets;
    private final int[] lengths;
    private final long[] byteEnds;
    private final long[] arrivals;
    private final InetSocketAddress[] senders;
    private final InetSocketAddress[] destinations;

    private final AtomicLong tail = new AtomicLong(); // slots published
    private final AtomicLong head = new AtomicLong(); // slots consumed
    private final AtomicLong bytesFreed = new AtomicLong();
    private long bytesWritten; // producer's own

    public DatagramRing(int slotsPowerOfTwo, int dataBytes) {
        if (Integer.bitCount(slotsPowerOfTwo) != 1 || dataBytes < 1) {
            throw new IllegalArgumentException("ring slots must be a power of two and bytes at least 1");
        }
        this.slots = slotsPowerOfTwo;
        this.slotMask = slotsPowerOfTwo - 1;
        // Pages of one length: up to a page, the one page asked for; beyond, whole pages (rounded up).
        this.pageBytes = Math.min(PAGE, dataBytes);
        this.pages = new byte[(dataBytes + pageBytes - 1) / pageBytes][];
        this.dataBytes = pages.length * pageBytes;
        for (int i = 0; i < pages.length; i++) {
            pages[i] = new byte[pageBytes];
        }
        this.offsets = new int[slots];
        this.lengths = new int[slots];
        this.byteEnds = new long[slots];
        this.arrivals = new long[slots];
        this.senders = new InetSocketAddress[slots];
        this.destinations = new InetSocketAddress[slots];
    }

    /** Producer: copies one datagram in; false when there is no room in slots or bytes (nothing was written). */
    public boolean offer(byte[] src, int off, int len, InetSocketAddress sender, InetSocketAddress destination,
                  long arrivalNanos) {
        long t = tail.get();
        if (t - head.get() >= slots || len > pageBytes) {
            return false;
        }
        int pos = (int) (bytesWritten % dataBytes);
        int inPage = pos % pageBytes;
        // A payload never spans two pages: it starts at the next page (at 0 after the last) if it does not fit.
        long skip = inPage + len > pageBytes ? pageBytes - inPage : 0;
        if (bytesWritten + skip + len - bytesFreed.get() > dataBytes) {
            return false;
        }
        pos = (int) ((pos + skip) % dataBytes);
        System.arraycopy(src, off, pages[pos / pageBytes], pos % pageBytes, len);
        bytesWritten += skip + len;
        int s = (int) (t & slotMask);
        offsets[s] = pos;
        lengths[s] = len;
        byteEnds[s] = bytesWritten;
        arrivals[s] = arrivalNanos;
        senders[s] = sender;
        destinations[s] = destination;
        tail.lazySet(t + 1);
        return true;
    }

    /** Consumer: hands up to {@code max} datagrams to the handler, oldest first; returns how many. */
    public int drain(Handler handler, int max) {
        long h = head.get();
        int n = (int) Math.min(tail.get() - h, max);
        for (int i = 0; i < n; i++) {
            int s = (int) ((h + i) & slotMask);
            try {
                int pos = offsets[s];
                handler.datagram(pages[pos / pageBytes], pos % pageBytes, lengths[s], senders[s], destinations[s],
                        arrivals[s]);
            } finally {
                senders[s] = null;
                destinations[s] = null;
                bytesFreed.lazySet(byteEnds[s]);
                head.lazySet(h + i + 1);
            }
        }
        return n;
    }

    /**
     * Consumer: drains in steps of {@code step} datagrams while a step comes back full, until {@code max} are taken
     * or {@code roundNanos} of {@code nanoClock} have passed since the call (read between steps); returns how many.
     * A consumer that must do something at intervals (publish) bounds its rounds so by time, not only by count: a
     * count of slow datagrams can take much longer than the interval.
     */
    public int drainFor(Handler handler, int step, int max, long roundNanos,
                        java.util.function.LongSupplier nanoClock) {
        long start = nanoClock.getAsLong();
        int n = 0;
        int taken;
        do {
            taken = drain(handler, Math.min(step, max - n));
            n += taken;
        } while (taken == step && n < max && nanoClock.getAsLong() - start < roundNanos);
        return n;
    }

    /** Datagrams waiting for the consumer (any thread; exact once the producer has stopped). */
    public long backlog() {
        return tail.get() - head.get();
    }

    public boolean isEmpty() {
        return tail.get() == head.get();
    }

    /** Datagrams the consumer has taken so far: a watcher sees its progress by this. */
    public long consumed() {
        return head.get();
    }
}
