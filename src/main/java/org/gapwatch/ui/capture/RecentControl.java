package org.gapwatch.ui.capture;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.animation.Animation;
import javafx.animation.PauseTransition;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import org.gapwatch.capture.RecentRecording;
import org.gapwatch.capture.RingBounds;
import org.gapwatch.net.MulticastReceiver;

/**
 * The always-on recent ring of the live window ({@link RecentRecording}: the receiver's second tap, segments on
 * disk, the oldest deleted past either bound) and "go to the moment": {@link #goToMoment} freezes the datagrams
 * around a moment on the ring's own thread and hands the frozen capture back on the FX thread, or shows one line why
 * there is none (older than the ring holds, and how far back it reaches). Shows how far back the ring reaches, and
 * its disk trouble or drops in the warning colour; refreshed once a second from the ring's published status, never
 * by touching its files. FX thread only.
 */
public final class RecentControl extends HBox {
    /** How long before and after the moment a frozen capture reaches, when there is that much. */
    public static final Duration AROUND = Duration.ofSeconds(30);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final Label reach = new Label();
    private final Label message = new Label();
    /** The one line, as a band of its own for the window to place (under the toolbar: it may be long). */
    private final HBox messageBar = new HBox(message);
    private final ReadOnlyStringWrapper messageText = new ReadOnlyStringWrapper(this, "message");
    private final Timeline poll = new Timeline(new javafx.animation.KeyFrame(javafx.util.Duration.seconds(1),
            e -> refresh()));
    private final PauseTransition clearMessage = new PauseTransition(javafx.util.Duration.seconds(30));
    private RecentRecording ring;
    private MulticastReceiver receiver;

    public RecentControl() {
        getStyleClass().add("recent-control");
        getStylesheets().add(Objects.requireNonNull(RecentControl.class.getResource("capture.css")).toExternalForm());
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(10);
        reach.setId("recent-reach");
        reach.getStyleClass().add("recent-reach");
        reach.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        message.setId("recent-message");
        message.getStyleClass().add("recent-message");
        message.textProperty().bind(messageText);
        message.setWrapText(true);
        messageBar.setId("recent-message-bar");
        messageBar.getStyleClass().add("recent-message-bar");
        messageBar.getStylesheets().addAll(getStylesheets());
        messageBar.setAlignment(Pos.CENTER_LEFT);
        messageBar.visibleProperty().bind(messageText.isNotEmpty());
        messageBar.managedProperty().bind(messageText.isNotEmpty());
        messageText.set("");
        clearMessage.setOnFinished(e -> messageText.set(""));
        getChildren().add(reach);
        poll.setCycleCount(Animation.INDEFINITE);
        refresh();
    }

    /**
     * (Re)starts the ring under {@code root} with {@code bounds} on {@code receiver} (off when a bound is 0); the
     * previous ring stops in the background. A restart under the same root (new bounds) keeps the frozen moments (the
     * one replayed must stay for a seek back) and the segments the new bounds hold. Returns at once: the folder is
     * made on the ring's own thread.
     */
    public void start(Path root, RingBounds bounds, MulticastReceiver receiver) {
        RecentRecording previous = ring;
        if (previous != null && previous.root().equals(root)) {
            letGo();
            ring = RecentRecording.restart(previous, bounds);
        } else {
            stop();
            ring = RecentRecording.start(root, bounds);
        }
        this.receiver = receiver;
        if (receiver != null) {
            // Tapped once the ring records: what came while its first segment was being opened would otherwise
            // be counted as dropped, and the control would warn at every start.
            RecentRecording r = ring;
            r.opened().thenRun(() -> javafx.application.Platform.runLater(() -> {
                if (ring == r && this.receiver == receiver) {
                    receiver.setRecentTap(r.tap());
                }
            }));
        }
        poll.play();
        refresh();
    }

    /** Stops the ring: the receiver lets go of it and it closes its open segment in the background. */
    public void stop() {
        if (ring != null) {
            letGo();
            ring.close();
            ring = null;
        }
        poll.stop();
        refresh();
    }

    private void letGo() {
        if (receiver != null) {
            receiver.setRecentTap(null);
        }
    }

    /** Marks the frozen moment being replayed (null: none): no later freeze deletes it while it is. */
    public void replaying(Path frozenFile) {
        if (ring != null) {
            ring.replaying(frozenFile);
        }
    }

    /** The band that shows "go to the moment"'s one line while there is one; the window places it. */
    public HBox messageBar() {
        return messageBar;
    }

    /** The ring running now, or null. */
    public RecentRecording ring() {
        return ring;
    }

    /** The last "go to the moment" problem shown (one line), or empty. */
    public ReadOnlyStringProperty messageProperty() {
        return messageText.getReadOnlyProperty();
    }

    /**
     * Freezes {@code before} ahead of the moment (epoch millis) to {@code after} past it, on the ring's thread;
     * {@code onFrozen} gets the capture on the FX thread, or one line shows why there is none (the moment itself
     * older than the ring holds).
     */
    public void goToMoment(long momentMillis, Duration before, Duration after,
                           Consumer<RecentRecording.Moment> onFrozen) {
        if (ring == null) {
            say("The recent ring is not running here (live monitor only): nothing to replay.");
            return;
        }
        messageText.set("");
        reach.setText("⟲ freezing the moment…");
        ring.freeze(momentMillis * 1_000_000L, before, after).thenAccept(m -> Platform.runLater(() -> {
            refresh();
            if (m.found()) {
                onFrozen.accept(m);
            } else {
                say(m.problem());
            }
        }));
    }

    /** Copies a frozen capture to {@code target} off the FX thread; a failure shows its one line. */
    public void saveCopy(Path frozen, Path target) {
        if (ring == null) {
            say("Cannot save: the recent ring is not running.");
            return;
        }
        ring.saveCopy(frozen, target).thenAccept(problem -> Platform.runLater(() -> {
            if (problem != null) {
                say(problem);
            }
        }));
    }

    /** Shows one line (with the time: it may be read minutes later) for 30 s. */
    public void say(String line) {
        messageText.set(LocalTime.now().format(CLOCK) + "  " + line);
        clearMessage.playFromStart();
    }

    private void refresh() {
        RecentRecording r = ring;
        if (r == null) {
            reach.setText("⟲ recent ring off");
            tooltip("No recent ring: \"Go to the moment\" has nothing to replay (Settings: keep the last ...)");
            return;
        }
        RecentRecording.Status s = r.status();
        if (s.off()) {
            reach.setText("⟲ recent ring off");
            tooltip("The recent ring is off (a bound is 0 in Settings: keep the last min / MiB)");
            return;
        }
        long nowNanos = System.currentTimeMillis() * 1_000_000L;
        String back = s.oldestNanos() == 0 ? "empty" : span(Math.max(0, nowNanos - s.oldestNanos()));
        reach.setText("⟲ recent " + back + (s.dropped() > 0 ? String.format(Locale.ROOT, " · dropped %,d",
                s.dropped()) : "") + (s.problem() != null ? " · ⚠ disk" : ""));
        reach.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("trouble"),
                s.problem() != null || s.dropped() > 0);
        tooltip(String.format(Locale.ROOT, "Recent ring: the last %d min of received datagrams in at most %,d MiB"
                        + " (the smaller wins), now %,.1f MiB, in %s. Double-click a gap, the episode banner, a history"
                        + " or heatmap cell to replay that moment.%s", s.bounds().maxAge().toMinutes(),
                s.bounds().maxBytes() >> 20, s.bytes() / 1048576.0, s.dir(),
                s.problem() == null ? "" : "\n⚠ " + s.problem()));
    }

    private void tooltip(String text) {
        if (reach.getTooltip() == null || !text.equals(reach.getTooltip().getText())) {
            reach.setTooltip(new Tooltip(text));
        }
    }

    static String span(long nanos) {
        long s = nanos / 1_000_000_000L;
        return s < 60 ? s + " s" : String.format(Locale.ROOT, "%d:%02d min", s / 60, s % 60);
    }
}
