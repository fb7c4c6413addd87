package org.gapwatch.ui;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.gapwatch.engine.Engine;
import org.gapwatch.track.Gap;
import org.gapwatch.track.SourceHistory;
import org.gapwatch.track.SourceView;

/**
 * Interim detail of the selected source (name, counters, gap list) until the viz branch's
 * {@code ui.detail.DetailPane} is wired into the "Detail" tab. History comes by {@link Engine#query}, never
 * blocking the FX thread, and is asked for again when the source's view changes, at most twice a second.
 */
final class DetailSlot extends VBox {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private final Engine engine;
    private final Label title = new Label("Select a tile or row");
    private final Label counters = new Label();
    private final ListView<String> gaps = new ListView<>();
    private String src;
    private SourceView asked;
    private long askedMillis;
    private boolean pending;

    DetailSlot(Engine engine) {
        super(8);
        this.engine = engine;
        setId("detail-slot");
        getStyleClass().add("detail-slot");
        title.getStyleClass().add("detail-title");
        title.setWrapText(true);
        counters.getStyleClass().add("detail-counters");
        gaps.setId("gap-list");
        gaps.setPlaceholder(new Label("No gap"));
        VBox.setVgrow(gaps, Priority.ALWAYS);
        getChildren().addAll(title, counters, new Label("Gaps (newest first)"), gaps);
    }

    String source() {
        return src;
    }

    void show(SourceView v) {
        src = v == null ? null : v.src();
        asked = null;
        if (v == null) {
            title.setText("Select a tile or row");
            counters.setText("");
            gaps.getItems().clear();
        }
    }

    /** Each pulse: asks for fresh history when the selected source changed. */
    void update(SourceView v, long now) {
        if (src == null || v == null || pending || v == asked || now - askedMillis < 500) {
            return;
        }
        asked = v;
        askedMillis = now;
        pending = true;
        String wanted = src;
        engine.query(t -> t.history(wanted, now)).whenComplete((h, err) -> Platform.runLater(() -> {
            pending = false;
            if (h != null && wanted.equals(src)) {
                fill(h);
            }
        }));
    }

    private void fill(SourceHistory h) {
        SourceView v = h.view();
        title.setText(v.src());
        counters.setText(String.format(Locale.ROOT,
                "received %d   lost %d   late %d   duplicates %d   restarts %d%nloss 5 min %s   rate %s   sender %s"
                        + "   session %s",
                v.received(), v.lost(), v.late(), v.duplicates(), v.restarts(), Format.percent(v.lossFraction5m()),
                Format.rate(v.ratePerSecond()), v.sender(), v.session()));
        var items = FXCollections.<String>observableArrayList();
        List<Gap> newestFirst = new ArrayList<>(h.gaps());
        newestFirst.sort(Comparator.comparingLong(Gap::detectedMillis).thenComparingLong(Gap::first).reversed());
        for (Gap g : newestFirst) {
            String when = Instant.ofEpochMilli(g.detectedMillis()).atZone(ZoneId.systemDefault()).toLocalTime()
                    .format(TIME);
            String range = g.first() == g.last() ? "#" + g.first() : "#" + g.first() + "–#" + g.last();
            items.add(when + "  " + range + "  lost " + g.lost()
                    + (g.recovered() > 0 ? " (" + g.recovered() + " came late)" : ""));
        }
        gaps.setItems(items);
    }
}
