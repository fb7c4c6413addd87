package org.gapwatch.ui;

import java.time.InstantSource;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Separator;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.control.Tooltip;
import javafx.stage.Popup;
import org.controlsfx.control.StatusBar;
import org.gapwatch.judge.DecimalText;
import org.gapwatch.judge.Episode;
import org.gapwatch.judge.Judgement;
import org.gapwatch.judge.SourceState;
import org.gapwatch.track.InvalidSample;
import org.gapwatch.track.Totals;
import org.gapwatch.track.TrackerSnapshot;
import org.gapwatch.ui.feed.Feed;

/**
 * Fills the ControlsFX status bar once a second: what is joined and on which interface, datagrams/s, loss split
 * into network loss and this machine's socket drops, invalid datagrams (click for the last ones), source counts,
 * a receive-buffer warning, and the clock. A receive loop that stopped or stalled is said in the alarm colour
 * ("processing stopped: REASON"), a group not joined in the warning colour. Wall time comes from an injected clock,
 * so tests drive it.
 */
final class StatusBarPresenter {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final int WINDOW_SECONDS = 5;
    /** A writer this far behind what arrived is said in the bar (a flood at start, a slow spell of the machine). */
    static final long BEHIND_SHOWN_MILLIS = 1_000;
    /**
     * The sizes the loss and source counts take, as multiples of the bar's text size: the largest at which every
     * item of the bar still shows whole, so that on a 1366 px window they keep the three-metre size whenever the bar
     * has the room, and step down only as far as it lacks it.
     */
    static final double[] COUNT_STEPS = {1.4, 1.3, 1.2, 1.1, 1.0};
    /**
     * Room (in ems of the bar's text) a step must leave free: a figure grows by a digit or two between two fits. A
     * larger step than the present one must leave twice that before the counts grow back to it, so that they do not
     * jump between two sizes.
     */
    private static final double MARGIN_EM = 1.5;

    private final StatusBar bar;
    private final InstantSource wallClock;
    private final Label joined = shrinkable("sb-joined");
    private final Label loops = shrinkable("sb-loops");
    private final Label display = label("sb-display");
    private final Label rate = label("sb-rate");
    private final Label loss = label("sb-loss");
    private final Button invalid = new Button();
    private final Label sources = label("sb-sources");
    private final Label buffer = label("sb-buffer");
    /**
     * This machine is behind what it received: shown from {@link #BEHIND_SHOWN_MILLIS} on, in the rate's place (the
     * rate of what was read is then in its tooltip).
     */
    private final Label behind = label("sb-behind");
    private final Label diagnosis = shrinkable("sb-diagnosis");
    private final Label clock = label("sb-clock");
    private final ArrayDeque<Totals> history = new ArrayDeque<>();
    private final ListView<String> invalidList = new ListView<>();
    private final Popup invalidPopup = new Popup();
    private TrackerSnapshot last = TrackerSnapshot.empty();
    private long lastSecond = Long.MIN_VALUE;
    private long lastWallSecond = Long.MIN_VALUE;
    private String replay;

    StatusBarPresenter(StatusBar bar) {
        this(bar, InstantSource.system());
    }

    StatusBarPresenter(StatusBar bar, InstantSource wallClock) {
        this.bar = bar;
        this.wallClock = wallClock;
        bar.setText("");
        bar.setMinWidth(100); // on a narrow window the items clip rather than widen the window past the screen
        invalid.setId("sb-invalid");
        invalid.getStyleClass().add("status-invalid");
        invalid.setFocusTraversable(true);
        invalid.setOnAction(e -> showInvalid());
        invalid.setMinWidth(Region.USE_PREF_SIZE);
        loss.setTooltip(new Tooltip("Over the last 5 s: loss = updates lost on the way (network, publisher);"
                + " drops = datagrams this machine's sockets dropped"));
        buffer.getStyleClass().add("warning");
        buffer.setVisible(false);
        buffer.setManaged(false);
        behind.getStyleClass().add("warning");
        behind.setVisible(false);
        behind.setManaged(false);
        diagnosis.getStyleClass().add("diagnosis");
        loops.getStyleClass().add("alarm");
        loops.setVisible(false);
        loops.setManaged(false);
        display.getStyleClass().add("alarm");
        display.setVisible(false);
        display.setManaged(false);
        bar.getLeftItems().addAll(joined, new Separator(), loops, display, buffer, diagnosis);
        // Behind, the rate is what was read, not what arrived: the warning takes its place (and its room).
        bar.getRightItems().addAll(behind, rate, new Separator(), loss, new Separator(), invalid, new Separator(),
                sources, new Separator(), clock);
        invalidList.setPrefSize(820, 300);
        VBox box = new VBox(6, new Label("Last invalid datagrams (newest first): time, sender, reason, start"),
                invalidList);
        box.setPadding(new Insets(10));
        box.getStyleClass().add("invalid-popup");
        invalidPopup.getContent().add(box);
        invalidPopup.setAutoHide(true);
        // After the layout or CSS pass that changed them: a style set during one was not applied (13 px default).
        bar.widthProperty().addListener(o -> javafx.application.Platform.runLater(this::fitCounts));
        rate.fontProperty().addListener(o -> javafx.application.Platform.runLater(this::fitCounts));
        loss.fontProperty().bind(lossFont);
        sources.fontProperty().bind(sourcesFont);
        for (javafx.scene.Node n : List.of(joined, loops, display, buffer, behind, diagnosis)) {
            refitOnChange(n);
        }
        // The check after the fact: a layout that leaves the items wider than the bar steps the counts down (the
        // widths foreseen before it can miss a change made between two fits).
        bar.needsLayoutProperty().addListener((o, was, now) -> {
            if (!now && shownTimes > COUNT_STEPS[COUNT_STEPS.length - 1] && overflowing()) {
                javafx.application.Platform.runLater(this::fitCounts);
            }
        });
    }

    /**
     * The loss and source counts at their three-metre size (1.4 times the bar's text: 14 px cap height at 1080p)
     * or, where the bar lacks the room, at the largest of {@link #COUNT_STEPS} at which every item still fits.
     * Set in code, bold for the loss chip ({@link #lossFont}), not by CSS: a size in one CSS rule and the chip's
     * weight in another resolved, now and then, to JavaFX's default 13 px, and so did inline styles.
     */
    private void fitCounts() {
        double base = rate.getFont().getSize();
        double times = countTimes(base);
        shownTimes = times;
        compact = times < COUNT_SCALE;
        double px = base * times;
        font(lossFont, px, loss.getStyleClass().contains("losing"));
        font(sourcesFont, px, false);
    }

    /**
     * The largest step at which the bar's items fit its width. The counts' texts grow in proportion to their size;
     * everything else in the bar (the other items, paddings, separators) keeps its width, so the room is known from
     * the present layout without laying out again. A step needs {@link #MARGIN_EM} of room to spare, so a
     * figure's digits changing do not make the counts jump between two sizes.
     */
    private double countTimes(double base) {
        if (bar.getSkin() == null || bar.getWidth() <= 0 || base <= 0) {
            return COUNT_SCALE;
        }
        // The padding and the rest of the bar as they are now, the counts' texts measured at each step.
        double pads = loss.prefWidth(-1) - textWidth(loss.getText(), loss.getFont())
                + sources.prefWidth(-1) - textWidth(sources.getText(), sources.getFont());
        double others = bar.prefWidth(-1) - loss.prefWidth(-1) - sources.prefWidth(-1) + pads;
        boolean bold = loss.getStyleClass().contains("losing");
        boolean over = overflowing();
        for (double t : COUNT_STEPS) {
            if (over && t >= shownTimes - 1e-6) {
                continue;                               // laid out, it did not fit: one step down at least
            }
            double spare = (t > shownTimes + 1e-6 ? 2 : 1) * MARGIN_EM * base;
            double counts = textWidth(loss.getText(), countFont(base * t, bold))
                    + textWidth(sources.getText(), countFont(base * t, false));
            if (others + counts + spare <= bar.getWidth()) {
                return t;
            }
        }
        return COUNT_STEPS[COUNT_STEPS.length - 1];
    }

    /**
     * The counts' fonts, bound: CSS does not set a bound property, so no style of the bar can override them (an
     * inline {@code -fx-font} resolved, after some changes of its size, to JavaFX's default 13 px and stayed so).
     */
    private final javafx.beans.property.ObjectProperty<javafx.scene.text.Font> lossFont =
            new javafx.beans.property.SimpleObjectProperty<>(countFont(14 * COUNT_SCALE, false));
    private final javafx.beans.property.ObjectProperty<javafx.scene.text.Font> sourcesFont =
            new javafx.beans.property.SimpleObjectProperty<>(countFont(14 * COUNT_SCALE, false));

    /** Whether the bar's items, as laid out now, need more than its width. */
    private boolean overflowing() {
        return bar.getSkin() != null && bar.getWidth() > 0 && bar.prefWidth(-1) > bar.getWidth() + 0.5;
    }

    /** The step the counts were last given. */
    private double shownTimes = COUNT_SCALE;

    private static javafx.scene.text.Font countFont(double px, boolean bold) {
        return javafx.scene.text.Font.font("System", bold ? javafx.scene.text.FontWeight.BOLD
                : javafx.scene.text.FontWeight.NORMAL, px);
    }

    private final javafx.scene.text.Text probe = new javafx.scene.text.Text();

    private double textWidth(String text, javafx.scene.text.Font f) {
        probe.setFont(f);
        probe.setText(text);
        return probe.getLayoutBounds().getWidth();
    }

    private static void font(javafx.beans.property.ObjectProperty<javafx.scene.text.Font> f, double px,
                             boolean bold) {
        javafx.scene.text.Font want = countFont(px, bold);
        if (!want.equals(f.get())) {
            f.set(want);
        }
    }

    /** The counts' size over the bar's text size. */
    static final double COUNT_SCALE = 1.4;
    private boolean compact;

    boolean compact() {
        return compact;
    }

    /** Was a label that could shrink; now every status text shows whole (the texts are kept short instead). */
    private static Label shrinkable(String id) {
        return label(id);
    }

    private static Label label(String id) {
        Label l = new Label();
        l.setId(id);
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    /**
     * Starts the figures afresh for another engine: {@code replayFile} names the capture shown (the bar then says
     * REPLAY and shows no live receive figures), null for live.
     */
    void reset(String replayFile) {
        replay = replayFile;
        history.clear();
        lastSecond = Long.MIN_VALUE;
        lastWallSecond = Long.MIN_VALUE;
        last = TrackerSnapshot.empty();
    }

    /**
     * @param judged the newest judgement of the engine shown: source counts and the diagnosis come from it
     * @param feed   the live feed's status, or null while a replay is shown
     */
    void update(TrackerSnapshot snap, Judgement judged, long now, Feed.Status feed) {
        last = snap;
        // At every pulse, not once a second: a loop that stopped is the first thing an operator must see.
        showLoopProblem(feed == null ? null : feed.loopProblem());
        long second = Math.floorDiv(now, 1000);
        // Once a second of wall time: a replay's clock may run at 60x or stand still.
        long wallSecond = Math.floorDiv(wallClock.millis(), 1000);
        if (second == lastSecond && wallSecond == lastWallSecond) {
            return;
        }
        lastSecond = second;
        lastWallSecond = wallSecond;
        if (feed == null) {
            feed = new Feed.Status(java.util.List.of(), "", null, -1);
        }
        Totals tot = snap.totals();
        history.addLast(tot);
        while (history.size() > WINDOW_SECONDS + 1) {
            history.removeFirst();
        }
        Totals old = history.getFirst();
        int secs = Math.max(1, history.size() - 1);

        styled(joined, "replay", replay != null);
        styled(joined, "warning", replay == null && !feed.notJoined().isEmpty());
        if (replay != null) {
            joined.setText("REPLAY of " + replay + " · no live receive figures");
            tooltip(joined, "The counts shown are the capture's; the live receiver keeps running");
        } else {
            if (!feed.notJoined().isEmpty()) {
                joined.setText(String.join(" · ", feed.notJoined()));
                tooltip(joined, "Groups on " + feed.networkInterface() + ": "
                        + String.join(", ", feed.groups()) + "; the receiver tries again every second");
            } else {
                // One group is named; several are counted (named in the tooltip), so the bar never clips.
                joined.setText(feed.groups().isEmpty() ? "No group joined"
                        : (feed.groups().size() == 1 ? feed.groups().getFirst() : feed.groups().size() + " groups")
                        + " on " + feed.networkInterface());
                tooltip(joined, "Joined on " + feed.networkInterface() + ": " + String.join(", ", feed.groups()));
            }
        }
        rate.setText(replay != null ? String.format(Locale.ROOT, "replay: %,d datagrams", tot.datagrams())
                : String.format(Locale.ROOT, "%,d datagrams/s", (tot.datagrams() - old.datagrams()) / secs));

        long drops = feed.socketDrops() >= 0 ? feed.socketDrops() : tot.socketDrops();
        Judgement.RecentLoss recent = judged.recentLoss();
        String dropText;
        if (drops < 0 || recent.dropShare() < 0) {
            dropText = replay != null ? "local drops: not in a capture" : "local drops n/a";
        } else {
            dropText = "drops " + Format.percent(recent.dropShare()) + " (" + drops + ")";
        }
        loss.setText(replay != null
                ? "Replay loss: " + tot.lost() + " lost · " + dropText
                : "loss " + Format.percent(recent.lossShare()) + " · " + dropText);
        styled(loss, "losing", recent.lost() > 0);

        invalid.setText("Invalid " + tot.invalid());
        styled(invalid, "has-invalid", tot.invalid() > 0);

        sources.setText(snap.sourceCount() + " sources · " + judged.count(SourceState.STALE) + " stale · "
                + judged.alarming() + " alarm");

        diagnose(judged.latestEpisode());

        long lag = replay != null ? 0 : snap.behindMillis();
        boolean showLag = lag >= BEHIND_SHOWN_MILLIS;
        behind.setText(showLag ? "⚠ " + DecimalText.seconds(lag) + " behind" : "");
        tooltip(behind, showLag ? "This machine has read what arrived until " + DecimalText.seconds(lag)
                + " ago (" + rate.getText() + " read); what came since waits in its receive ring. Sources are"
                + " judged as of then, so none is called stale for updates it sent that wait to be read." : null);
        behind.setVisible(showLag);
        behind.setManaged(showLag);
        rate.setVisible(!showLag);
        rate.setManaged(!showLag);

        String warn = feed.bufferWarning();
        buffer.setText(warn == null ? "" : "⚠ buffer capped");
        tooltip(buffer, warn);
        buffer.setVisible(warn != null);
        buffer.setManaged(warn != null);
        clock.setText(replay != null
                ? "capture time " + java.time.Instant.ofEpochMilli(now).atZone(java.time.ZoneId.systemDefault())
                .toLocalTime().format(CLOCK)
                : LocalTime.ofInstant(wallClock.instant(), ZoneId.systemDefault()).format(CLOCK));
        fitCounts(); // last: the room left depends on every other text of the bar
    }

    /**
     * A part of the display that fails ("display fault in episode banner ×12 — see errors.log", see DisplayFaults),
     * in the alarm colour; null hides it. Every pulse (cheap when unchanged).
     */
    void showDisplayFault(String text) {
        if (text == null ? !display.isVisible() : ("⚠ " + text).equals(display.getText())) {
            return;
        }
        display.setText(text == null ? "" : "⚠ " + text);
        if (text == null || display.getTooltip() == null) {
            display.setTooltip(text == null ? null : new Tooltip("A part of this window failed and was skipped;"
                    + " the rest goes on. Each distinct error's trace is in the error log"));
        }
        display.setVisible(text != null);
        display.setManaged(text != null);
    }

    Label displayFaultLabel() {
        return display;
    }

    private void showLoopProblem(String problem) {
        if (problem == null ? !loops.isVisible() : ("⚠ " + problem).equals(loops.getText())) {
            return;
        }
        loops.setText(problem == null ? "" : "⚠ " + problem);
        loops.setTooltip(problem == null ? null : new Tooltip("A receive loop of this monitor cannot go on: the"
                + " figures may be stale. The error log has the details; restarting Gapwatch starts it afresh"));
        loops.setVisible(problem != null);
        loops.setManaged(problem != null);
    }

    /**
     * The cause of the open loss episode, or of the last one, by its evidence (org.gapwatch.judge): it stays until
     * the next episode, so a storm that is over is still told.
     */
    private void diagnose(Episode e) {
        String cls = e == null || !e.open() ? null
                : e.cause() == org.gapwatch.judge.Cause.THIS_MACHINE ? "warning" : "losing";
        styled(diagnosis, "warning", "warning".equals(cls));
        styled(diagnosis, "losing", "losing".equals(cls));
        if (e == null) {
            diagnosis.setText("");
            tooltip(diagnosis, null);
            showDiagnosis();
            return;
        }
        // Short: the episode banner under the toolbar has the figures; this stays after it is acknowledged.
        String when = e.open() ? "LOSS EPISODE: " : "last episode "
                + java.time.Instant.ofEpochMilli(e.endMillis()).atZone(java.time.ZoneId.systemDefault())
                .toLocalTime().format(CLOCK) + ": ";
        diagnosis.setText(when + e.cause().label());
        tooltip(diagnosis, e.summary() + " (" + e.sources().size() + " source"
                + (e.sources().size() == 1 ? "" : "s") + ", " + e.lost() + " lost)");
        showDiagnosis();
    }

    /**
     * Sets {@code l}'s tooltip to {@code text} (null: none), making a Tooltip only when there was none: a new one each
     * second cost the status bar's update 1-4 ms of the FX thread (at 5,000 sources: 9-15 ms in all, once a second).
     */
    private static void tooltip(javafx.scene.control.Labeled l, String text) {
        Tooltip t = l.getTooltip();
        if (text == null) {
            if (t != null) {
                l.setTooltip(null);
            }
        } else if (t == null) {
            l.setTooltip(new Tooltip(text));
        } else if (!text.equals(t.getText())) {
            t.setText(text);
        }
    }

    /** Adds or removes style class {@code cls}, only if that changes it (a change restyles the node). */
    private static void styled(javafx.scene.Node n, String cls, boolean on) {
        boolean has = n.getStyleClass().contains(cls);
        if (on && !has) {
            n.getStyleClass().add(cls);
        } else if (!on && has) {
            n.getStyleClass().removeAll(cls);
        }
    }

    private void showInvalid() {
        var items = FXCollections.<String>observableArrayList();
        var recent = last.recentInvalid();
        for (int i = recent.size() - 1; i >= 0; i--) {
            InvalidSample s = recent.get(i);
            // The protocol first: JSON v1 reasons have bare codes, the others carry their scheme already.
            String reason = s.reason().code().indexOf('/') >= 0 ? s.reason().code()
                    : s.reason().protocol() + "/" + s.reason().code();
            items.add(String.format(Locale.ROOT, "%s  %-22s %-23s %s%s",
                    java.time.Instant.ofEpochMilli(s.millis()).atZone(java.time.ZoneId.systemDefault())
                            .toLocalTime().format(CLOCK), s.sender(),
                    reason, s.src() == null ? "" : "src=" + s.src() + "  ", s.preview()));
        }
        if (items.isEmpty()) {
            items.add("No invalid datagram received.");
        }
        invalidList.setItems(items);
        var p = invalid.localToScreen(0, 0);
        invalidPopup.show(invalid, Math.max(0, p.getX() - 600), p.getY() - 360);
    }

    /** Puts {@code n} (the alarm count) just left of the source counts. */
    void addAlarmItem(javafx.scene.Node n) {
        bar.getRightItems().addAll(bar.getRightItems().indexOf(sources), List.of(n, new Separator()));
        refitOnChange(n);
    }

    /** A text of the bar that changes (the alarm count is set by its own presenter) fits the counts again. */
    private void refitOnChange(javafx.scene.Node n) {
        if (n instanceof javafx.scene.control.Labeled l) {
            l.textProperty().addListener(o -> javafx.application.Platform.runLater(this::fitCounts));
        }
        n.managedProperty().addListener(o -> javafx.application.Platform.runLater(this::fitCounts));
    }

    /**
     * Whether the diagnosis shows: not while the episode banner tells the same episode with its figures (the bar
     * then keeps its room for the live figures, so nothing in it is clipped at 1366 px).
     */
    void setDiagnosisShown(boolean on) {
        diagnosisWanted = on;
        showDiagnosis();
    }

    private boolean diagnosisWanted = true;

    /** Shown when wanted and there is something to say: an empty label would still take its padding's room. */
    private void showDiagnosis() {
        boolean on = diagnosisWanted && !diagnosis.getText().isEmpty();
        if (diagnosis.isVisible() != on || diagnosis.isManaged() != on) {
            diagnosis.setVisible(on);
            diagnosis.setManaged(on);
        }
    }

    Label behindLabel() {
        return behind;
    }

    Label loopsLabel() {
        return loops;
    }

    Label joinedLabel() {
        return joined;
    }

    Label rateLabel() {
        return rate;
    }

    Label lossLabel() {
        return loss;
    }

    Label sourcesLabel() {
        return sources;
    }
}
