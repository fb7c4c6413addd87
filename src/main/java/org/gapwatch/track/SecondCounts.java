package org.gapwatch.track;

import java.util.Arrays;

/**
 * A source's per-second counts, which also keep the windowed figures of its views from view to view (received over
 * the last 10 seconds, received, lost and late over the last 60 and 300, the strip of the last {@value #STRIP}
 * seconds) instead of summing up to 300 seconds afresh each time: at 100,000 sources a view is made some 400,000
 * times a second. Kept in the ring's own object, which a view reads anyway, not in one more to fetch from memory.
 *
 * <p>Only the head second (the newest written) still changes; the older seconds change only when a count is filed
 * under a past second ({@link #olderWrites()}). So what the seconds before the head contribute at the view's end
 * second is kept, and each view adds the head's counts; when the end or the head moved by a few seconds, the
 * seconds that left a window are taken off and the old head joins the older ones. Anything else (a write into a
 * past second, the end moving back, a step of more than {@value #MAX_STEP} seconds) sums afresh. The figures are
 * exactly those of summing afresh (SourceViewExactnessTest).
 *
 * <p>The strip handed out is shared by the source's successive views while its content does not change, as a view
 * documents it is not to be modified.
 */
final class SecondCounts extends CountRing {
    static final int STRIP = SourceView.STRIP_SECONDS;
    /** The longest window (5 minutes of seconds). */
    static final int SPAN = 300;
    /** Beyond this many seconds of movement since the last view, summing afresh costs about as much as stepping. */
    private static final int MAX_STEP = 32;
    private static final byte[] NOTHING = new byte[STRIP];

    /**
     * Per tracker (single writer): room to build a strip, so that a view whose strip did not change allocates
     * nothing here, and the figures of the last view asked, head included (here, not in every source's ring).
     */
    static final class Scratch {
        final byte[] strip = new byte[STRIP];
        long received10;
        long received60;
        long lost60;
        long late60;
        long received300;
        long lost300;
        long late300;
    }

    // What the seconds before viewHead contribute at second viewEnd; true while viewWrites is olderWrites().
    private boolean viewValid;
    /** The state the head second had in {@link #strip} (0 nothing .. 3 lost). */
    private byte viewHeadState;
    private long viewEnd;
    private long viewHead;
    private long viewWrites;
    private long viewLow;
    private long olderR10;
    private long olderR60;
    private long olderL60;
    private long olderT60;
    private long olderR300;
    private long olderL300;
    private long olderT300;
    /** The strip the last view got, never written after. */
    private byte[] strip = NOTHING;

    SecondCounts(int maxSlots) {
        super(maxSlots);
    }

    /**
     * Brings the figures to the view whose strip ends at second {@code end} (the view's end: at least the head),
     * leaves them in {@code scratch} and returns its strip: the last one if its content is the same, else a new
     * array.
     */
    byte[] view(long end, Scratch scratch) {
        long h = head();
        if (h == Long.MIN_VALUE) {
            viewValid = false;
            scratch.received10 = scratch.received60 = scratch.lost60 = scratch.late60 = 0;
            scratch.received300 = scratch.lost300 = scratch.late300 = 0;
            strip = NOTHING;
            return strip;
        }
        int r = headReceived();
        int l = headLost();
        int t = headLate();
        long age = end - h;
        if (age < 0) {
            r = l = t = 0; // a head later than the end is not in this view
        }
        // The head's state as the strip shows it (not at all when it is older than the strip).
        byte headState = age >= STRIP ? 0 : (byte) (l > 0 ? 3 : t > 0 ? 2 : r > 0 ? 1 : 0);
        long ringLow = low();
        byte[] next = null;
        if (viewValid && olderWrites() == viewWrites && end == viewEnd && h == viewHead) {
            // The common case, several views a second: only the head's counts moved.
            if (headState != viewHeadState) {
                next = scratch.strip;
                System.arraycopy(strip, 0, next, 0, STRIP);
                next[STRIP - 1 - (int) age] = headState; // 0 <= age < STRIP: else both states are 0
            }
        } else if (viewValid && olderWrites() == viewWrites && end >= viewEnd && h >= viewHead && end >= h
                && end - viewEnd <= MAX_STEP && h - viewHead <= MAX_STEP
                && (ringLow <= viewLow || ringLow <= viewEnd - SPAN + 1)) {
            next = scratch.strip;
            step(end, h, next);
        } else {
            next = scratch.strip;
            sumAfresh(end, next);
        }
        viewValid = end >= h; // the older sums then cover every second before the head
        viewEnd = end;
        viewHead = h;
        viewWrites = olderWrites();
        viewLow = ringLow;
        viewHeadState = headState;
        scratch.received10 = olderR10 + (age < 10 ? r : 0);
        scratch.received60 = olderR60 + (age < 60 ? r : 0);
        scratch.lost60 = olderL60 + (age < 60 ? l : 0);
        scratch.late60 = olderT60 + (age < 60 ? t : 0);
        scratch.received300 = olderR300 + (age < SPAN ? r : 0);
        scratch.lost300 = olderL300 + (age < SPAN ? l : 0);
        scratch.late300 = olderT300 + (age < SPAN ? t : 0);
        if (next != null && !Arrays.equals(strip, next)) {
            strip = next.clone();
        }
        return strip;
    }

    /**
     * From the last view's (end, head) to (newEnd, newHead), both later by at most {@value #MAX_STEP}, with no write
     * into a second older than the last head since: the older seconds' sums and the strip move along.
     */
    private void step(long newEnd, long newHead, byte[] next) {
        long end = viewEnd;
        long head = viewHead;
        long low = viewLow;
        if (newEnd > end) {
            // Older seconds leaving each window as its end moves on.
            for (long s = Math.max(low, end - 9), to = Math.min(head - 1, newEnd - 10); s <= to; s++) {
                olderR10 -= receivedAt(s);
            }
            for (long s = Math.max(low, end - 59), to = Math.min(head - 1, newEnd - 60); s <= to; s++) {
                olderR60 -= receivedAt(s);
                olderL60 -= lostAt(s);
                olderT60 -= lateAt(s);
            }
            for (long s = Math.max(low, end - SPAN + 1), to = Math.min(head - 1, newEnd - SPAN); s <= to; s++) {
                olderR300 -= receivedAt(s);
                olderL300 -= lostAt(s);
                olderT300 -= lateAt(s);
            }
        }
        // The last head and the seconds up to the new one (empty: the ring cleared them) join the older ones.
        for (long s = head; s < newHead; s++) {
            join(newEnd - s, receivedAt(s), lostAt(s), lateAt(s));
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
            next[STRIP - 1 - (int) (newEnd - s)] = state(s);
        }
    }

    /** One pass over the newest seconds up to {@code end}: the strip, and the older seconds' sums from nothing. */
    private void sumAfresh(long end, byte[] next) {
        Arrays.fill(next, (byte) 0);
        olderR10 = olderR60 = olderL60 = olderT60 = olderR300 = olderL300 = olderT300 = 0;
        long h = head();
        long top = Math.min(end, h);
        int n = capacity();
        int i = readIndex(top);
        // A source that never lost or came late reads one array, not three.
        boolean onlyReceived = !lostOrLate();
        for (long slot = top, low = low(); slot >= low && end - slot < SPAN; slot--) {
            long age = end - slot;
            int r = receivedAtIndex(i);
            int l = onlyReceived ? 0 : lostAtIndex(i);
            int t = onlyReceived ? 0 : lateAtIndex(i);
            if (age < STRIP) {
                next[STRIP - 1 - (int) age] = (byte) (l > 0 ? 3 : t > 0 ? 2 : r > 0 ? 1 : 0);
            }
            if (slot != h) {
                join(age, r, l, t);
            }
            i = i == 0 ? n - 1 : i - 1;
        }
    }

    /** Adds one second older than the head, {@code age} seconds before the view's end, to the windows it is in. */
    private void join(long age, int r, int l, int t) {
        if (age >= SPAN) {
            return;
        }
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
}
