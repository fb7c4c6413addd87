package org.gapwatch.ui.alarm;

import java.time.ZoneId;
import java.util.Objects;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.gapwatch.alarm.Alarm;
import org.gapwatch.alarm.AlarmKind;
import org.gapwatch.alarm.AlarmModel;
import org.gapwatch.alarm.Notice;
import org.gapwatch.judge.Episode;
import org.gapwatch.judge.Judgement;

/**
 * A band across the top of the window for the current loss episode, or the last one: cause, sources, updates lost,
 * socket drops, start and duration, in words and exact numbers. It stays until acknowledged (its button, or
 * Ctrl+Shift+K); acknowledging also acknowledges the episode's alarm point in the {@link AlarmModel}. A new
 * episode brings it back. It also carries the newest alarm notice (in place of pop-up notifications, which covered
 * tiles and controls), with its own acknowledgement. Anchored in the window's layout: it pushes the wall down,
 * it covers nothing.
 */
public final class EpisodeBanner extends VBox {
    private final Label headline = new Label();
    private final Label details = new Label();
    private final Button acknowledge = new Button("Acknowledge");
    private final HBox episodeRow;
    private final Label notice = new Label();
    private final Button acknowledgeNotice = new Button("Acknowledge");
    private final HBox noticeRow;
    private AlarmModel model;
    private ZoneId zone = ZoneId.systemDefault();
    private long acknowledgedEpisode = -1;
    private Episode shown;
    private Episode last;
    private String shownText = "";
    private Alarm noticeAlarm;
    private boolean noticeShown;
    private java.util.function.Consumer<Episode> onGoToMoment = e -> { };

    public EpisodeBanner() {
        setId("episode-banner");
        getStyleClass().add("episode-banner");
        getStylesheets().add(Objects.requireNonNull(EpisodeBanner.class.getResource("alarms.css")).toExternalForm());
        headline.getStyleClass().add("episode-headline");
        headline.setId("episode-headline");
        details.getStyleClass().add("episode-details");
        details.setId("episode-details");
        details.setWrapText(true);
        headline.setWrapText(true);
        VBox texts = new VBox(2, headline, details);
        acknowledge.setId("episode-acknowledge");
        acknowledge.setTooltip(new javafx.scene.control.Tooltip("Acknowledge the loss episode and its alarm"
                + " (Ctrl+Shift+K)"));
        acknowledge.setOnAction(e -> acknowledgeEpisode());
        episodeRow = row(texts, acknowledge, "episode-row");
        notice.setId("banner-notice");
        notice.getStyleClass().add("banner-notice");
        notice.setWrapText(true);
        acknowledgeNotice.setId("notice-acknowledge");
        acknowledgeNotice.setOnAction(e -> acknowledgeNotice());
        noticeRow = row(notice, acknowledgeNotice, "notice-row");
        getChildren().addAll(episodeRow, noticeRow);
        // Double-click or the menu: replay the episode's start from the recent ring.
        javafx.scene.control.MenuItem go = new javafx.scene.control.MenuItem("Go to the moment (replay)");
        go.setId("episode-go-to-moment");
        go.setOnAction(e -> goToMoment());
        javafx.scene.control.ContextMenu menu = new javafx.scene.control.ContextMenu(go);
        episodeRow.setOnContextMenuRequested(e -> {
            if (episode() != null) {
                menu.show(episodeRow, e.getScreenX(), e.getScreenY());
            }
        });
        episodeRow.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                goToMoment();
            }
        });
        headline.setText("No loss episode");
        details.setText("since this monitor started");
        styleClass(episodeRow, "quiet", true);
        acknowledge.setVisible(false);
        clearNotice();
    }

    /** A row of the band: the texts take the width (wrapping), the button keeps its words. */
    private static HBox row(javafx.scene.layout.Region texts, Button button, String style) {
        HBox.setHgrow(texts, Priority.ALWAYS);
        texts.setMinWidth(0);
        texts.setMaxWidth(Double.MAX_VALUE);
        button.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox row = new HBox(12, texts, button);
        row.setAlignment(Pos.CENTER_LEFT);
        row.getStyleClass().add(style);
        return row;
    }

    /** What "Go to the moment" does with the episode the banner names (shown, or the last acknowledged one). */
    public void setOnGoToMoment(java.util.function.Consumer<Episode> action) {
        onGoToMoment = Objects.requireNonNull(action);
    }

    /** Runs "Go to the moment" for the episode the banner names; false when it names none. */
    public boolean goToMoment() {
        Episode e = episode();
        if (e == null) {
            return false;
        }
        onGoToMoment.accept(e);
        return true;
    }

    /** The episode the banner names: the one shown, else the last one (acknowledged), or null. */
    private Episode episode() {
        return shown != null ? shown : last;
    }

    /** The alarms whose episode point is acknowledged with the banner (may change with replay). */
    public void setModel(AlarmModel m) {
        model = m;
        acknowledgedEpisode = -1;
        shown = null;
        clearNotice();
    }

    public void setZone(ZoneId z) {
        zone = z;
    }

    /** Called each pulse with the newest judgement: cheap when the episode's figures and the second did not change. */
    public void update(Judgement j, long now) {
        Episode e = j.latestEpisode();
        last = e;
        boolean loud = e != null && e.id() != acknowledgedEpisode;
        shown = loud ? e : null;
        String head;
        String more;
        if (loud) {
            head = headline(e);
            more = details(e, now, zone);
        } else if (e != null) {
            head = "No loss episode waiting · the last, " + e.lost() + " lost at " + e.sources().size()
                    + (e.sources().size() == 1 ? " source" : " sources") + ", is acknowledged";
            more = (e.open() ? "still open since " : "ended ")
                    + org.gapwatch.ui.Format.clock(e.open() ? e.startMillis() : e.endMillis(), zone);
        } else {
            head = "No loss episode";
            more = "since this monitor started";
        }
        if (!head.equals(headline.getText())) {
            headline.setText(head);
        }
        if (!more.equals(details.getText())) {
            details.setText(more);
            if (loud && (details.getTooltip() == null || !details.getTooltip().getText().startsWith(e.evidence()))) {
                // The evidence and the sources on hover (the band keeps one height).
                details.setTooltip(new javafx.scene.control.Tooltip(e.evidence() + "\n" + String.join(", ",
                        e.sources().subList(0, Math.min(50, e.sources().size())))
                        + (e.sources().size() > 50 ? " …" : "")));
            } else if (!loud) {
                details.setTooltip(null);
            }
        }
        styleClass(episodeRow, "quiet", !loud);
        acknowledge.setVisible(loud);
        // Only on a change: any change to the style classes, even one undone at once, has the whole row's CSS
        // worked out again at the next pulse (a fifth of the FX thread at 100,000 sources when done every pulse).
        styleClass(episodeRow, "closed", loud && !e.open());
        if (noticeAlarm != null && model != null) {
            Alarm current = model.get(noticeAlarm.id());
            if (current == null || current.acknowledged()) {
                clearNotice();
            }
        }
    }

    /** A notice from the alarm model (one per activation, rate-limited): shown in the banner's second row. */
    public void notice(Notice n) {
        if (n.alarm() != null && n.alarm().kind() == AlarmKind.EPISODE) {
            return; // the episode row says it, with its figures
        }
        if (n.summary() && noticeShown) {
            // Held back by the rate limit: said beside the alarm shown, not instead of it.
            notice.setText(shownText + "   (+" + n.suppressed() + " more in the alarm list, F4)");
            return;
        }
        noticeAlarm = n.alarm();
        shownText = n.title() + " — " + n.text();
        notice.setText(shownText);
        acknowledgeNotice.setText(noticeAlarm != null ? "Acknowledge" : "Dismiss");
        acknowledgeNotice.setVisible(true);
        noticeShown = true;
        styleClass(noticeRow, "quiet", false);
    }

    /** Acknowledges the episode shown, and its alarm point if it has one; true if there was one. */
    public boolean acknowledgeEpisode() {
        if (shown == null) {
            return false;
        }
        acknowledgedEpisode = shown.id();
        if (model != null) {
            Alarm a = model.point(AlarmModel.EPISODE_SOURCE, AlarmKind.EPISODE);
            if (a != null && !a.acknowledged()) {
                model.acknowledge(a.id());
            }
        }
        shown = null;
        styleClass(episodeRow, "quiet", true);
        acknowledge.setVisible(false);
        return true;
    }

    private void acknowledgeNotice() {
        if (noticeAlarm != null && model != null) {
            model.acknowledge(noticeAlarm.id());
        }
        clearNotice();
    }

    private void clearNotice() {
        noticeAlarm = null;
        noticeShown = false;
        notice.setText("No new alarm");
        acknowledgeNotice.setVisible(false);
        styleClass(noticeRow, "quiet", true);
    }

    /**
     * The band keeps its place and height whether or not anything is waiting (quiet grey when nothing is), so the
     * wall never jumps under the operator's pointer when an episode begins or a notice arrives.
     */
    private static void styleClass(HBox row, String styleClass, boolean on) {
        if (on != row.getStyleClass().contains(styleClass)) {
            if (on) {
                row.getStyleClass().add(styleClass);
            } else {
                row.getStyleClass().remove(styleClass);
            }
        }
    }

    /** The episode shown, or null. */
    public Episode shownEpisode() {
        return shown;
    }

    static String headline(Episode e) {
        return "LOSS EPISODE" + (e.open() ? " (ongoing)" : " (ended)") + " · " + e.lost() + " lost · "
                + e.sources().size() + (e.sources().size() == 1 ? " source" : " sources") + " · cause: "
                + e.cause().label();
    }

    static String details(Episode e, long now, ZoneId zone) {
        long end = e.open() ? now : e.endMillis();
        String drops = e.socketDrops() < 0 ? "socket drops unknown" : e.socketDrops() + " socket drops";
        // No source names here (they are on the wall, and on hover): the line keeps one length at every screen.
        return "since " + org.gapwatch.ui.Format.clock(e.startMillis(), zone) + " · "
                + (e.open() ? "for " : "lasted ") + duration(end - e.startMillis()) + (e.open() ? ""
                : " · ended " + org.gapwatch.ui.Format.clock(e.endMillis(), zone)) + " · " + drops
                + (e.sources().isEmpty() ? " · no source has lost yet" : " · first: " + e.sources().getFirst());
    }


    /** "45 s", "3 min 12 s", "2 h 5 min". */
    static String duration(long millis) {
        long s = Math.max(0, millis) / 1000;
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return s / 60 + " min " + s % 60 + " s";
        }
        return s / 3600 + " h " + s / 60 % 60 + " min";
    }

}
