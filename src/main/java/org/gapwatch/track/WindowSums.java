package org.gapwatch.track;

import java.util.Arrays;

/**
 * A source's windowed figures for its views (received over the last 10 seconds, received, lost and late over the
 * last 60 and 300, the strip of the last {@value #STRIP} seconds), kept from view to view instead of summed afresh
 * over up to 300 seconds each time: at 100,000 sources a view is made about 400,000 times a second.
 *
 * <p>Only the head second (the newest written) still changes; the older seconds change only when a count is filed
 * under a past second ({@link CountRing#olderWrites()}). So what the seconds before the head contribute at the
 * view's end second is kept, and the next view adds the head's counts; when the end or the head moved by a few
 * seconds, the seconds that left a window are taken off and the old head joins the older ones. Anything else (a
 * write into a past second, the end moving back, a step of more than {@value #MAX_STEP} seconds) sums afresh. The
 * figures are exactly those of summing afresh (SourceViewExactnessTest).
 *
 * <p>The strip handed out is shared by the source's successive views while its content does not change, as a view
 * documents it is not to be modified.
 */
final class WindowSums {
    static final int STRIP = SourceView.STRIP_SECONDS;
    /** The longest window (5 minutes of seconds). */
    static final int SPAN = 300;
    /** Beyond this many seconds of movement since the last view, summing afresh costs about as much as stepping. */
    private static final int MAX_STEP = 32;
    private static final byte[] NOTHING = new byte[STRIP];

    /** Per-tracker scratch (single writer), so a view that changes nothing allocates nothing here. */
    static final class Scratch {
        final byte[] strip = new byte[STRIP];
        final long[] older = new long[7];
    }

    // What the seconds before `head` contribute at second `end`; true while `writes` is the ring's olderWrites().
    private boolean valid;
    private long end;
    private long head;
    private long writes;
    private long low;
    private long olderR10;
    private long olderR60;
    private long olderL60;
    private long olderT60;
    private long olderR300;
    private long olderL300;
    private long olderT300;
    /** The strip the last view got, never written after. */
    private byte[] strip = NOTHING;

    // The figures of the last update, head included.
    long received10;
    long received60;
    long lost60;
    long late60;
    long received300;
    long lost300;
    long late300;

    /**
     * Brings the figures to the view whose strip ends at second {@code end} (the view's end: at least the ring's
     * head) and returns its strip: the last one if its content is the same, else a new array.
     */
    byte[] update(CountRing ring, long end, Scratch scratch) {
        long h = ring.head();
        if (h == Long.MIN_VALUE) {
            valid = false;
            received10 = received60 = lost60 = late60 = received300 = lost300 = late300 = 0;
            strip = NOTHING;
            return strip;
        }
        byte[] next = scratch.strip;
        long ringLow = ring.low();
        if (valid && ring.olderWrites() == writes && end >= this.end && h >= head && end >= h
                && end - this.end <= MAX_STEP && h - head <= MAX_STEP
                && (ringLow <= low || ringLow <= this.end - SPAN + 1)) {
            step(ring, end, h, next);
        } else {
            long[] older = scratch.older;
            ring.summarizeOlder(end, next, older);
            olderR10 = older[0];
            olderR60 = older[1];
            olderL60 = older[2];
            olderT60 = older[3];
            olderR300 = older[4];
            olderL300 = older[5];
            olderT300 = older[6];
        }
        valid = end >= h; // the older sums then cover every second before the head
        this.end = end;
        head = h;
        writes = ring.olderWrites();
        low = ringLow;
        long age = end - h;
        int r = age >= 0 ? ring.receivedAt(h) : 0;
        int l = age >= 0 ? ring.lostAt(h) : 0;
        int t = age >= 0 ? ring.lateAt(h) : 0;
        received10 = olderR10 + (age < 10 ? r : 0);
        received60 = olderR60 + (age < 60 ? r : 0);
        lost60 = olderL60 + (age < 60 ? l : 0);
        late60 = olderT60 + (age < 60 ? t : 0);
        received300 = olderR300 + (age < SPAN ? r : 0);
        lost300 = olderL300 + (age < SPAN ? l : 0);
        late300 = olderT300 + (age < SPAN ? t : 0);
        if (!Arrays.equals(strip, next)) {
            strip = next.clone();
        }
        return strip;
    }

    /**
     * From the last view's (end, head) to (newEnd, newHead), both later by at most {@value #MAX_STEP}, with no write
     * into a second older than the last head since: the older seconds' sums and the strip move along.
     */
    private void step(CountRing ring, long newEnd, long newHead, byte[] next) {
        if (newEnd > end) {
            // Older seconds leaving each window as its end moves on.
            long from10 = Math.max(low, end - 9);
            for (long s = from10, to = Math.min(head - 1, newEnd - 10); s <= to; s++) {
                olderR10 -= ring.receivedAt(s);
            }
            for (long s = Math.max(low, end - 59), to = Math.min(head - 1, newEnd - 60); s <= to; s++) {
                olderR60 -= ring.receivedAt(s);
                olderL60 -= ring.lostAt(s);
                olderT60 -= ring.lateAt(s);
            }
            for (long s = Math.max(low, end - SPAN + 1), to = Math.min(head - 1, newEnd - SPAN); s <= to; s++) {
                olderR300 -= ring.receivedAt(s);
                olderL300 -= ring.lostAt(s);
                olderT300 -= ring.lateAt(s);
            }
        }
        // The last head and the seconds up to the new one (empty: the ring cleared them) join the older ones.
        for (long s = head; s < newHead; s++) {
            long age = newEnd - s;
            if (age >= SPAN) {
                continue;
            }
            int r = ring.receivedAt(s);
            int l = ring.lostAt(s);
            int t = ring.lateAt(s);
            if (age < 10) {
                olderR10 += r;
            }
            if (age < 60) {
                olderR60 += r;
                olderL60 += l;
                olderT60 += t;
            }
            olderR300 += r;
            olderL300 += l;
            olderT300 += t;
        }
        // The strip: the last one moved left by the end's step, then the seconds from the last head on read again.
        int d = (int) (newEnd - end);
        if (d < STRIP) {
            System.arraycopy(strip, d, next, 0, STRIP - d);
            Arrays.fill(next, STRIP - d, STRIP, (byte) 0);
        } else {
            Arrays.fill(next, (byte) 0);
        }
        for (long s = Math.max(head, newEnd - STRIP + 1); s <= newHead; s++) {
            next[STRIP - 1 - (int) (newEnd - s)] = ring.state(s);
        }
    }
}
