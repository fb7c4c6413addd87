package org.gapwatch.alarm;

import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Consumer;

/**
 * Passes at most {@code maxPerWindow} notices per sliding window to a sink; alarms beyond that are counted and
 * reported later as one summary ("+K more alarms") when the window has room again, so a storm of alarms cannot
 * bury the screen. Once alarms are being held back, new ones are held back too until the summary went out, so
 * notices keep their order. Not thread-safe; call from one thread.
 */
public final class NotificationLimiter {
    public static final int DEFAULT_MAX_PER_WINDOW = 3;
    public static final long DEFAULT_WINDOW_MILLIS = 10_000;

    private final int maxPerWindow;
    private final long windowMillis;
    private final Consumer<Notice> sink;
    private final ArrayDeque<Long> sent = new ArrayDeque<>();
    private int suppressed;

    public NotificationLimiter(int maxPerWindow, long windowMillis, Consumer<Notice> sink) {
        if (maxPerWindow < 1 || windowMillis < 1) {
            throw new IllegalArgumentException("limit and window must be positive");
        }
        this.maxPerWindow = maxPerWindow;
        this.windowMillis = windowMillis;
        this.sink = sink;
    }

    public NotificationLimiter(Consumer<Notice> sink) {
        this(DEFAULT_MAX_PER_WINDOW, DEFAULT_WINDOW_MILLIS, sink);
    }

    /** Offers newly raised alarms at {@code nowMillis}; sends what the limit allows, holds back the rest. */
    public void offer(List<Alarm> raised, long nowMillis) {
        tick(nowMillis);
        for (Alarm a : raised) {
            if (suppressed == 0 && hasRoom(nowMillis)) {
                send(notice(a), nowMillis);
            } else {
                suppressed++;
            }
        }
    }

    /** Sends the summary of held-back alarms once the window has room. Call regularly (e.g. every second). */
    public void tick(long nowMillis) {
        if (suppressed > 0 && hasRoom(nowMillis)) {
            int n = suppressed;
            suppressed = 0;
            send(new Notice("+" + n + " more alarm" + (n == 1 ? "" : "s"), "see the alarm list", null, n),
                    nowMillis);
        }
    }

    /** The notice of one alarm: a chattering one says so (it is notified once as such); guidance follows the detail. */
    static Notice notice(Alarm a) {
        String title = (a.chattering() ? "chattering " : "") + a.kind().label() + ": " + a.src();
        String text = a.detail() + (a.guidance().isEmpty() ? "" : "\n" + a.guidance());
        return new Notice(title, text, a, 0);
    }

    /** Alarms held back and not yet summarised. */
    public int pending() {
        return suppressed;
    }

    private boolean hasRoom(long now) {
        while (!sent.isEmpty() && sent.peekFirst() <= now - windowMillis) {
            sent.removeFirst();
        }
        return sent.size() < maxPerWindow;
    }

    private void send(Notice n, long now) {
        sent.addLast(now);
        sink.accept(n);
    }
}
