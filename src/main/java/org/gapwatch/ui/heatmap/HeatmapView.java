package org.gapwatch.ui.heatmap;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.LongSupplier;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;
import javafx.util.Duration;
import org.gapwatch.engine.Engine;
import org.gapwatch.track.SourceView;

/**
 * Loss heatmap: one row per source (under collapsible group rows that sum their sources), one column per second of
 * the last 15 minutes or per minute of the last 24 hours, coloured by the loss fraction. A vertical stripe is loss
 * that hit everyone at once (network or this machine); a horizontal one is one sick publisher.
 *
 * <p>Feed it with {@link #setEngine} and {@link #setModel}: its rows built off the FX thread ({@link HeatRowsModel},
 * from the wall's filtered list and {@link #request()}, the operator's collapse choice), taken by reference every
 * pulse at no cost per source; {@link #setRows} builds them on the calling thread instead (a view on its own). While showing, it asks the engine for the counts
 * of the rows on screen at most once a second, plus once right after a user action. Hovering shows the figures of a
 * cell; clicking a source row sets {@link #selectedSourceProperty()}; clicking a group row collapses or expands it;
 * double-clicking a cell (or its context menu) hands its moment to {@link #setOnGoToMoment} ("go to the moment").
 * With more than {@value #AUTO_COLLAPSE_ABOVE} sources, groups start collapsed. Colour: {@link HeatColors}; a cell
 * a few pixels wide pools several columns and shows the worst of them, so one bad second stays visible.
 * FX thread only.
 */
public class HeatmapView extends Region {
    static final double ROW_HEIGHT = 30;
    static final double LABEL_WIDTH = 300;
    static final double AXIS_HEIGHT = 34;
    static final double RIGHT_PAD = 12;
    static final double MIN_BIN_PX = 4;
    /** Above this many sources, groups start collapsed. */
    public static final int AUTO_COLLAPSE_ABOVE = 200;
    private static final long REFRESH_MILLIS = 1000;
    private static final long USER_ACTION_MILLIS = 100;

    // The theme's colours (setPalette); cells from HeatColors: grey for no loss, the loss colour for loss.
    private Color BACKGROUND = org.gapwatch.ui.Palette.DARK.background();
    private Color TEXT = org.gapwatch.ui.Palette.DARK.text();
    private Color DIM_TEXT = org.gapwatch.ui.Palette.DARK.dimText();
    private Color GROUP_BAND = org.gapwatch.ui.Palette.DARK.header();
    private Color SELECTION = org.gapwatch.ui.Palette.DARK.selection();
    private HeatColors colors = HeatColors.DARK;
    // Sizes at the display scale (setScale): rows, label column, axis and fonts grow with the screen.
    private double rowHeight = ROW_HEIGHT;
    private double labelWidth = LABEL_WIDTH;
    private double axisHeight = AXIS_HEIGHT;
    private Font labelFont = LABEL_FONT;
    private Font groupFont = GROUP_FONT;
    private Font axisFont = AXIS_FONT;
    private Canvas legendCanvas;
    private static final Font LABEL_FONT = Font.font("System", 18);
    private static final Font GROUP_FONT = Font.font("System", FontWeight.BOLD, 18);
    private static final Font AXIS_FONT = Font.font("System", 16);

    private final ObjectProperty<String> selectedSource = new SimpleObjectProperty<>(this, "selectedSource");
    private final ObjectProperty<Resolution> resolution =
            new SimpleObjectProperty<>(this, "resolution", Resolution.LAST_15_MINUTES_BY_SECOND);

    private final Canvas canvas = new Canvas();
    private final Pane canvasHolder = new Pane(canvas);
    private final ScrollBar scrollBar = new ScrollBar();
    private final Label hoverInfo = new Label(" ");
    private final BorderPane content = new BorderPane();
    private final Timeline timer = new Timeline(new KeyFrame(Duration.millis(USER_ACTION_MILLIS), e -> tick()));

    private Engine engine;
    private LongSupplier clock = System::currentTimeMillis;
    /** Monotonic millis that pace the requests (the data clock may stand still in a replay or a test). */
    private LongSupplier paceClock = () -> System.nanoTime() / 1_000_000;
    private ZoneId zone = ZoneId.systemDefault();
    private HeatRowsModel model = HeatRowsModel.empty();
    private List<HeatRow> rows = List.of();
    /** The operator's collapse choice; a new object on every change (the model builder compares by identity). */
    private HeatRowsModel.Request request = HeatRowsModel.Request.NONE;
    /** Fed by {@link #setRows} (rows built here) rather than by {@link #setModel} (built off the FX thread). */
    private boolean standalone;
    /** Rows and sources the FX thread went through (tests: it must not grow with the sources). */
    private long rowWork;
    private GridQuery.Result data;
    private boolean inFlight;
    private boolean userPending;
    private boolean rowsPending;
    /** Pace-clock time of the last request. */
    private long lastRequestMillis = Long.MIN_VALUE / 2;
    private long requests;
    private long generation;
    private double hoverX = -1;
    private double hoverY = -1;
    private CellMoment onGoToMoment = (src, from, millis) -> { };

    public HeatmapView() {
        getStyleClass().add("heatmap-view");
        getStylesheets().add(Objects.requireNonNull(HeatmapView.class.getResource("heatmap.css")).toExternalForm());
        canvas.widthProperty().bind(canvasHolder.widthProperty());
        canvas.heightProperty().bind(canvasHolder.heightProperty());
        canvas.widthProperty().addListener(o -> redraw());
        canvas.heightProperty().addListener(o -> {
            updateScrollBar();
            requestSoon();
            redraw();
        });
        canvasHolder.setMinSize(0, 0);
        canvas.setId("heatmap-canvas");

        scrollBar.setOrientation(Orientation.VERTICAL);
        scrollBar.managedProperty().bind(scrollBar.visibleProperty());
        scrollBar.setMin(0);
        scrollBar.valueProperty().addListener(o -> {
            requestSoon();
            redraw();
        });
        canvas.addEventHandler(ScrollEvent.SCROLL, e -> {
            scrollBar.setValue(clamp(scrollBar.getValue() - Math.signum(e.getDeltaY()) * 3, 0, scrollBar.getMax()));
            e.consume();
        });
        canvas.addEventHandler(MouseEvent.MOUSE_MOVED, e -> hover(e.getX(), e.getY()));
        canvas.addEventHandler(MouseEvent.MOUSE_EXITED, e -> hover(-1, -1));
        // A click selects the source or collapses the group; a double-click (or the menu) replays the cell's moment.
        canvas.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            if (e.getButton() != javafx.scene.input.MouseButton.PRIMARY) {
                return;
            }
            if (e.getClickCount() == 2) {
                goToMomentAt(e.getX(), e.getY());
            } else {
                click(e.getX(), e.getY());
            }
        });
        javafx.scene.control.MenuItem go = new javafx.scene.control.MenuItem("Go to this moment (replay)");
        go.setId("heatmap-go-to-moment");
        javafx.scene.control.ContextMenu menu = new javafx.scene.control.ContextMenu(go);
        canvas.setOnContextMenuRequested(e -> {
            double x = e.getX();
            double y = e.getY();
            if (cellAt(x, y) != null) {
                go.setOnAction(a -> goToMomentAt(x, y));
                menu.show(canvas, e.getScreenX(), e.getScreenY());
            }
        });

        content.setTop(toolbar());
        content.setCenter(canvasHolder);
        content.setRight(scrollBar);
        getChildren().add(content);

        selectedSource.addListener(o -> redraw());
        resolution.addListener(o -> {
            data = null;
            requestSoon();
            redraw();
        });
        timer.setCycleCount(Animation.INDEFINITE);
        org.gapwatch.ui.WhileShowing.run(this, timer);
    }

    private javafx.scene.layout.VBox toolbar() {
        Label title = new Label("Loss");
        title.getStyleClass().add("heatmap-title");
        ToggleGroup group = new ToggleGroup();
        HBox bar = new HBox(12, title);
        for (Resolution r : Resolution.values()) {
            ToggleButton b = new ToggleButton(r.label());
            b.setId("heatmap-" + (r.perMinute() ? "24h" : "15min"));
            b.setToggleGroup(group);
            b.setUserData(r);
            b.setSelected(r == resolution.get());
            bar.getChildren().add(b);
        }
        group.selectedToggleProperty().addListener((o, was, now) -> {
            if (now == null) {
                was.setSelected(true);  // one of the two is always on
            } else {
                resolution.set((Resolution) now.getUserData());
            }
        });
        resolution.addListener((o, was, now) -> group.getToggles().forEach(t -> t.setSelected(t.getUserData() == now)));
        Button collapseAll = new Button("Collapse all");
        collapseAll.setId("heatmap-collapse-all");
        collapseAll.setOnAction(e -> setAllCollapsed(true));
        Button expandAll = new Button("Expand all");
        expandAll.setId("heatmap-expand-all");
        expandAll.setOnAction(e -> setAllCollapsed(false));
        hoverInfo.setId("heatmap-hover");
        hoverInfo.getStyleClass().add("heatmap-hover");
        hoverInfo.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(hoverInfo, Priority.ALWAYS);
        Canvas legend = legend();
        bar.getChildren().addAll(collapseAll, expandAll);
        bar.setAlignment(Pos.CENTER_LEFT);
        // Buttons keep their words: a dock narrower than the row pushes the legend to its own line, not "...".
        bar.getChildren().forEach(n -> {
            if (n instanceof javafx.scene.layout.Region r) {
                r.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            }
        });
        HBox second = new HBox(12, legend, hoverInfo);
        second.setAlignment(Pos.CENTER_LEFT);
        javafx.scene.layout.VBox rows = new javafx.scene.layout.VBox(4, bar, second);
        rows.setPadding(new Insets(6, 10, 6, 10));
        return rows;
    }

    /** The colour scale with its marks: no data, 0, 0.1%, 1%, 10%, 100%. */
    /** The display scale (2 on a 3840x2160 screen): rows, labels, axis and fonts of the canvas grow with it. */
    public void setScale(double scale) {
        rowHeight = ROW_HEIGHT * scale;
        labelWidth = LABEL_WIDTH * scale;
        axisHeight = AXIS_HEIGHT * scale;
        labelFont = Font.font("System", LABEL_FONT.getSize() * scale);
        groupFont = Font.font("System", FontWeight.BOLD, GROUP_FONT.getSize() * scale);
        axisFont = Font.font("System", AXIS_FONT.getSize() * scale);
        if (legendCanvas != null) {
            legendCanvas.setWidth(430 * scale);
            legendCanvas.setHeight(40 * scale);
            legendScale = scale;
            drawLegend(legendCanvas);
        }
        updateScrollBar();
        redraw();
    }

    private double legendScale = 1;

    /** Colours of the theme ("dark" or "light"): canvas, cells and legend. */
    public void setTheme(String theme) {
        org.gapwatch.ui.Palette p = org.gapwatch.ui.Palette.of(theme);
        BACKGROUND = p.background();
        TEXT = p.text();
        DIM_TEXT = p.dimText();
        GROUP_BAND = p.header();
        SELECTION = p.selection();
        colors = HeatColors.of(theme);
        if (legendCanvas != null) {
            drawLegend(legendCanvas);
        }
        redraw();
    }

    private Canvas legend() {
        legendCanvas = new Canvas(430, 40);
        drawLegend(legendCanvas);
        return legendCanvas;
    }

    private void drawLegend(Canvas c) {
        double k = legendScale;
        double w = c.getWidth();
        GraphicsContext g = c.getGraphicsContext2D();
        g.clearRect(0, 0, w, c.getHeight());
        g.setFont(Font.font("System", 14 * k));
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.CENTER);
        g.setFill(colors.nothing());
        g.fillRect(0, 2 * k, 60 * k, 18 * k);
        g.setStroke(DIM_TEXT);
        g.strokeRect(0.5, 2 * k + 0.5, 60 * k - 1, 18 * k - 1);
        g.setFill(DIM_TEXT);
        g.fillText("no data", 30 * k, 22 * k);
        double x0 = 80 * k;
        double barW = w - x0 - 24 * k;
        for (int i = 0; i < barW; i++) {
            double p = i / (barW - 1);
            g.setFill(colors.colorAt(p));
            g.fillRect(x0 + i, 2 * k, 1.5, 18 * k);
        }
        double[] marks = {0, 0.001, 0.01, 0.1, 1};
        String[] names = {"0", "0.1%", "1%", "10%", "100%"};
        for (int i = 0; i < marks.length; i++) {
            double x = x0 + HeatColors.scale(marks[i]) * (barW - 1);
            g.setFill(TEXT);
            g.fillText(names[i], Math.min(x, w - 20 * k), 22 * k);
        }
    }

    @Override
    protected void layoutChildren() {
        content.resizeRelocate(0, 0, getWidth(), getHeight());
    }

    @Override
    protected double computePrefWidth(double height) {
        return 1200;
    }

    @Override
    protected double computePrefHeight(double width) {
        return 400;
    }

    // ---- public API ----

    /** The engine to ask for counts. */
    public void setEngine(Engine engine) {
        this.engine = engine;
        generation++;           // a reply from the previous engine is dropped, and need not be waited for
        inFlight = false;
        data = null;
        // The rows carry the old engine's ids: none until the new engine's (the groups seen and chosen stay).
        show(new HeatRowsModel(List.of(), List.of(), model.seen(), model.autoCollapsed(), model.request()));
        requestSoon();
    }

    /** Where "now" comes from (epoch millis); the system clock unless a test or a replay says otherwise. */
    public void setClock(LongSupplier clock) {
        this.clock = clock;
    }

    /** What paces the requests to the engine (monotonic millis); a test drives it instead of waiting. */
    public void setPaceClock(LongSupplier monotonicMillis) {
        this.paceClock = monotonicMillis;
    }

    public void setZone(ZoneId zone) {
        this.zone = zone;
        redraw();
    }

    /**
     * The sources to show, in display order, grouped by the first level of their src: the rows are built here, on
     * the calling thread, at a cost that grows with the sources. The window builds them off the FX thread instead
     * and hands them to {@link #setModel}.
     */
    public void setRows(List<SourceView> views) {
        standalone = true;
        if (views == model.sources() && request == model.request()) {
            return;
        }
        rowWork += views.size();
        show(HeatRowsModel.build(views, request, model));
    }

    /**
     * The newest rows built off the FX thread for {@link #request()} (cheap to call every pulse: the same model is
     * a comparison, a new one is taken by reference). A model built for an older collapse choice is left: the next
     * one follows the choice.
     */
    public void setModel(HeatRowsModel m) {
        standalone = false;
        if (m == model || m.request() != request) {
            return;
        }
        show(m);
    }

    /** The collapse choice the rows are to be built for (for the off-FX builder). */
    public HeatRowsModel.Request request() {
        return request;
    }

    /** Rows and sources gone through on the FX thread so far: the rows on screen when drawing and asking. */
    public long rowWork() {
        return rowWork;
    }

    private void show(HeatRowsModel m) {
        boolean keysChanged = m.sources() != model.sources();
        model = m;
        rows = m.rows();
        updateScrollBar();
        redraw();
        if (keysChanged) {
            rowsPending = true;
        }
    }

    /** The src of the selected source, or null. Set by a click on a source row; may be set from outside. */
    public ObjectProperty<String> selectedSourceProperty() {
        return selectedSource;
    }

    public ObjectProperty<Resolution> resolutionProperty() {
        return resolution;
    }

    Resolution getResolutionForTest() {
        return resolution.get();
    }

    public void setResolution(Resolution r) {
        resolution.set(r);
    }

    public boolean isCollapsed(String group) {
        return request.collapsed(group, model.autoCollapsed());
    }

    public void setCollapsed(String group, boolean collapse) {
        if (isCollapsed(group) != collapse) {
            java.util.Map<String, Boolean> chosen = new java.util.HashMap<>(request.chosen());
            chosen.put(group, collapse);
            choose(new HeatRowsModel.Request(java.util.Map.copyOf(chosen)));
        }
    }

    /** Every group seen collapsed or expanded (one entry per group, not per source). */
    public void setAllCollapsed(boolean collapse) {
        java.util.Map<String, Boolean> chosen = new java.util.HashMap<>();
        for (String g : model.seen()) {
            chosen.put(g, collapse);
        }
        choose(new HeatRowsModel.Request(java.util.Map.copyOf(chosen)));
    }

    /** A new collapse choice: built at once when on its own, else by the off-FX builder for the next pulse. */
    private void choose(HeatRowsModel.Request r) {
        request = r;
        if (standalone) {
            rowWork += model.sources().size();
            show(HeatRowsModel.build(model.sources(), request, model));
        }
        requestSoon();
    }

    /** Row labels as drawn, top to bottom (all rows, not only those on screen). */
    public List<String> rowLabels() {
        return rows.stream().map(HeatRow::label).toList();
    }

    /** The src of a source row, or null for a group row, for the row at {@code index}. */
    public String rowSource(int index) {
        return rows.get(index).src();
    }

    /** Screen position of the middle of a row's label, or null when the row is scrolled off (for tests, tours). */
    public javafx.geometry.Point2D rowCenterOnScreen(int index) {
        if (index < first() || index >= first() + visibleRows()) {
            return null;
        }
        double y = (index - first()) * rowHeight + rowHeight / 2;
        return canvas.localToScreen(labelWidth / 2, y);
    }

    /** How many grid requests were sent to the engine. */
    public long requestCount() {
        return requests;
    }

    /** Whether counts for the current rows have arrived. */
    /** Whether a request is out and its reply not yet taken. */
    boolean awaitingReply() {
        return inFlight;
    }

    public boolean hasData() {
        return data != null;
    }

    /** Asks for fresh counts now (normally the view's own timer does this once a second). */
    public void refresh() {
        userPending = true;
        tick();
    }

    // ---- data ----

    private void requestSoon() {
        userPending = true;
    }

    /**
     * Asks the engine again when due. A reply always comes: an engine whose writer is gone, or never came, fails
     * the query at once (see {@link Engine}), so no request can hang here.
     */
    void tick() {
        long since = paceClock.getAsLong() - lastRequestMillis;
        if (engine == null || inFlight) {
            return;
        }
        if ((userPending && since >= USER_ACTION_MILLIS) || since >= REFRESH_MILLIS
                || (rowsPending && data == null)) {
            request(clock.getAsLong());
        }
    }

    private void request(long now) {
        int first = first();
        int count = Math.min(visibleRows(), rows.size() - first);
        List<String> keys = new ArrayList<>(Math.max(0, count));
        List<int[]> ids = new ArrayList<>(Math.max(0, count));
        List<String> groups = new ArrayList<>(Math.max(0, count));
        rowWork += Math.max(0, count);
        for (int i = 0; i < count; i++) {
            HeatRow r = rows.get(first + i);
            keys.add(r.key());
            ids.add(r.ids());
            groups.add(r.groupRow() ? r.group() : null);
        }
        Resolution res = resolution.get();
        // Every minute a full fetch, in case the arrival clock stepped back and touched an older slot.
        GridQuery.Result previous = requests % 60 == 0 ? null : data;
        int[] counts = GridQuery.plan(keys, previous, res.perMinute(), res.columns(), now);
        inFlight = true;
        userPending = false;
        rowsPending = false;
        lastRequestMillis = paceClock.getAsLong();
        requests++;
        long gen = generation;
        engine.query(t -> GridQuery.run(t, keys, groups, ids, counts, res.perMinute(), res.columns(), now))
                .whenComplete((partial, error) -> Platform.runLater(() -> {
                    if (gen != generation) {
                        return;
                    }
                    inFlight = false;
                    // The resolution may have changed meanwhile; then data was reset and this reply is stale.
                    if (partial != null && partial.perMinute() == resolution.get().perMinute()
                            && (previous == null || data == previous)) {
                        data = GridQuery.merge(previous, partial);
                        redraw();
                        if (hoverX >= 0) {
                            hover(hoverX, hoverY);
                        }
                    } else if (partial != null) {
                        userPending = true;
                    }
                }));
    }

    private int first() {
        return (int) Math.round(scrollBar.getValue());
    }

    private int visibleRows() {
        return Math.max(1, (int) Math.floor((canvas.getHeight() - axisHeight) / rowHeight));
    }

    private void updateScrollBar() {
        int max = Math.max(0, rows.size() - visibleRows());
        scrollBar.setMax(max);
        scrollBar.setVisibleAmount(Math.max(1, visibleRows()));
        scrollBar.setValue(clamp(scrollBar.getValue(), 0, max));
        scrollBar.setVisible(max > 0);
    }

    /** Row index of the data for {@code key}, or -1 when the data at hand does not cover it. */
    private int dataRow(String key, int indexOnScreen) {
        if (data == null) {
            return -1;
        }
        List<String> keys = data.keys();
        if (indexOnScreen < keys.size() && keys.get(indexOnScreen).equals(key)) {
            return indexOnScreen;
        }
        return keys.indexOf(key);
    }

    // ---- drawing ----

    private double cellWidth() {
        return Math.max(1, canvas.getWidth() - labelWidth - RIGHT_PAD);
    }

    /** Columns are pooled into bins at least {@value #MIN_BIN_PX} px wide, so one bad second is visible from afar. */
    private int bins(int columns) {
        return Math.max(1, Math.min(columns, (int) (cellWidth() / MIN_BIN_PX)));
    }

    private void redraw() {
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        if (w <= 0 || h <= 0) {
            return;
        }
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(BACKGROUND);
        g.fillRect(0, 0, w, h);
        int first = first();
        int count = Math.min(visibleRows(), rows.size() - first);
        Resolution res = resolution.get();
        int columns = res.columns();
        int bins = bins(columns);
        double cw = cellWidth();
        rowWork += Math.max(0, count);
        if (count > 0) {
            WritableImage img = new WritableImage(bins, count);
            int[] line = new int[bins];
            for (int i = 0; i < count; i++) {
                HeatRow row = rows.get(first + i);
                int dr = dataRow(row.key(), i);
                for (int b = 0; b < bins; b++) {
                    line[b] = dr < 0 ? colors.nothingArgb() : colors.argb(binLoss(dr, b, bins, columns));
                }
                img.getPixelWriter().setPixels(0, i, bins, 1, PixelFormat.getIntArgbInstance(), line, 0, bins);
            }
            g.setImageSmoothing(false);
            g.drawImage(img, labelWidth, 0, cw, count * rowHeight);
        }
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.LEFT);
        String selected = selectedSource.get();
        for (int i = 0; i < count; i++) {
            HeatRow row = rows.get(first + i);
            double y = i * rowHeight;
            if (row.groupRow()) {
                g.setFill(GROUP_BAND);
                g.fillRect(0, y, labelWidth, rowHeight);
            }
            g.setStroke(BACKGROUND);
            g.setLineWidth(2);
            g.strokeLine(labelWidth, y + rowHeight, labelWidth + cw, y + rowHeight);
            boolean isSelected = row.src() != null && row.src().equals(selected);
            g.save();
            g.beginPath();
            g.rect(0, y, labelWidth - 8, rowHeight);
            g.clip();
            g.setFont(row.groupRow() || isSelected ? groupFont : labelFont);
            g.setFill(isSelected ? SELECTION : row.groupRow() ? TEXT : DIM_TEXT);
            g.fillText(row.label(), 8, y + rowHeight / 2);
            g.restore();
            if (isSelected) {
                g.setStroke(SELECTION);
                g.setLineWidth(3);
                g.strokeRect(1.5, y + 1.5, labelWidth + cw - 3, rowHeight - 3);
            }
        }
        if (rows.isEmpty()) {
            g.setFill(DIM_TEXT);
            g.setFont(labelFont);
            g.fillText("No sources", 8, rowHeight / 2);
        }
        drawAxis(g, res, count * rowHeight, cw);
    }

    /**
     * The worst loss of the columns in a bin (NaN when none expected anything): a one-second burst must not fade
     * because a pixel covers several seconds.
     */
    private double binLoss(int dataRow, int bin, int bins, int columns) {
        int from = (int) ((long) bin * columns / bins);
        int to = (int) ((long) (bin + 1) * columns / bins);
        double worst = Double.NaN;
        int[] rec = data.received()[dataRow];
        int[] lost = data.lost()[dataRow];
        int[] late = data.late()[dataRow];
        for (int c = from; c < to; c++) {
            double l = HeatColors.loss(rec[c], lost[c], late[c]);
            if (!Double.isNaN(l) && !(l <= worst)) {
                worst = l;
            }
        }
        return worst;
    }

    /** The time axis as the status-history band's ({@link TimeAxis}): clock times that never overlap, "now" last. */
    private void drawAxis(GraphicsContext g, Resolution res, double top, double cw) {
        long endSlot = data != null ? data.endSlot()
                : Math.floorDiv(clock.getAsLong(), res.slotMillis());
        long startMillis = (endSlot - res.columns() + 1) * res.slotMillis();
        long spanMillis = res.columns() * res.slotMillis();
        javafx.scene.text.Text probe = new javafx.scene.text.Text();
        probe.setFont(axisFont);
        axisTicks = TimeAxis.ticks(startMillis, startMillis + spanMillis, labelWidth, labelWidth + cw, zone, t -> {
            probe.setText(t);
            return probe.getLayoutBounds().getWidth();
        }, 12 * axisHeight / AXIS_HEIGHT);
        g.setFont(axisFont);
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.LEFT);
        g.setStroke(DIM_TEXT);
        g.setLineWidth(1);
        g.setFill(TEXT);
        for (TimeAxis.Tick t : axisTicks) {
            g.strokeLine(t.x(), top, t.x(), top + 10 * axisHeight / AXIS_HEIGHT);
            g.fillText(t.label(), t.left(), top + 12 * axisHeight / AXIS_HEIGHT);
        }
    }

    private List<TimeAxis.Tick> axisTicks = List.of();

    /** The axis labels of the last paint, left to right, "now" last. */
    public List<String> axisLabels() {
        return axisTicks.stream().map(TimeAxis.Tick::label).toList();
    }

    // ---- mouse ----

    /**
     * What "Go to this moment" of a cell does: given the row's src (null for a group row), the cell's start and its
     * length (epoch millis; a cell pooling several columns spans them all).
     */
    public void setOnGoToMoment(CellMoment action) {
        onGoToMoment = Objects.requireNonNull(action);
    }

    /** A cell's moment: its row's source (null for a group row), and the span of time it covers. */
    @FunctionalInterface
    public interface CellMoment {
        void go(String src, long fromMillis, long millis);
    }

    /** A cell under the pointer: its row, and the time it covers (epoch millis). */
    private record Cell(HeatRow row, long fromMillis, long millis) {
    }

    /** The cell at canvas point (x, y), or null off the grid (labels, axis, no counts yet). */
    private Cell cellAt(double x, double y) {
        int index = rowAt(y);
        if (index < 0 || x < labelWidth || x >= labelWidth + cellWidth() || data == null) {
            return null;
        }
        Resolution res = resolution.get();
        int bins = bins(res.columns());
        int bin = (int) clamp((x - labelWidth) / cellWidth() * bins, 0, bins - 1);
        int from = (int) ((long) bin * res.columns() / bins);
        int to = (int) ((long) (bin + 1) * res.columns() / bins);
        long slotStart = data.endSlot() - res.columns() + 1 + from;
        return new Cell(rows.get(index), slotStart * res.slotMillis(), (long) (to - from) * res.slotMillis());
    }

    /** Runs "Go to this moment" of the cell at canvas point (x, y) as its menu item would; false off the grid. */
    boolean goToMomentAt(double x, double y) {
        Cell c = cellAt(x, y);
        if (c == null) {
            return false;
        }
        onGoToMoment.go(c.row().src(), c.fromMillis(), c.millis());
        return true;
    }

    /**
     * Runs "Go to this moment" of the cell of row {@code index} that holds {@code millis} (epoch millis), as a
     * double-click there would; false when that row or time is not on screen.
     */
    public boolean goToMoment(int index, long millis) {
        javafx.geometry.Point2D p = cellPoint(index, millis);
        return p != null && goToMomentAt(p.getX(), p.getY());
    }

    /** Screen position of the middle of the cell of row {@code index} holding {@code millis}, or null (tests). */
    public javafx.geometry.Point2D cellCenterOnScreen(int index, long millis) {
        javafx.geometry.Point2D p = cellPoint(index, millis);
        return p == null ? null : canvas.localToScreen(p);
    }

    /** How many cells a row has across (columns pooled into bins a few pixels wide). */
    public int cellCount() {
        return bins(resolution.get().columns());
    }

    /** Canvas point in the middle of the cell of row {@code index} holding {@code millis}, or null. */
    private javafx.geometry.Point2D cellPoint(int index, long millis) {
        if (data == null || index < first() || index >= Math.min(rows.size(), first() + visibleRows())) {
            return null;
        }
        Resolution res = resolution.get();
        long col = Math.floorDiv(millis, res.slotMillis()) - (data.endSlot() - res.columns() + 1);
        if (col < 0 || col >= res.columns()) {
            return null;
        }
        int bins = bins(res.columns());
        int bin = (int) (col * bins / res.columns());
        while (bin + 1 < bins && (long) (bin + 1) * res.columns() / bins <= col) {
            bin++; // the bin whose columns hold col (the pooling rounds down)
        }
        double x = labelWidth + (bin + 0.5) * cellWidth() / bins;
        return new javafx.geometry.Point2D(x, (index - first()) * rowHeight + rowHeight / 2);
    }

    private int rowAt(double y) {
        if (y < 0) {
            return -1;
        }
        int i = first() + (int) (y / rowHeight);
        return i < rows.size() && (y / rowHeight) < visibleRows() ? i : -1;
    }

    private void hover(double x, double y) {
        hoverX = x;
        hoverY = y;
        int index = rowAt(y);
        if (index < 0 || x < 0) {
            hoverInfo.setText(" ");
            return;
        }
        HeatRow row = rows.get(index);
        String name = row.groupRow() ? row.group() + " (" + row.ids().length + " sources)" : row.src();
        if (x < labelWidth || data == null) {
            hoverInfo.setText(name);
            return;
        }
        Resolution res = resolution.get();
        int bins = bins(res.columns());
        int bin = (int) clamp((x - labelWidth) / cellWidth() * bins, 0, bins - 1);
        int dr = dataRow(row.key(), index - first());
        if (dr < 0) {
            hoverInfo.setText(name);
            return;
        }
        int from = (int) ((long) bin * res.columns() / bins);
        int to = (int) ((long) (bin + 1) * res.columns() / bins);
        long r = 0;
        long l = 0;
        long t = 0;
        for (int c = from; c < to; c++) {
            r += data.received()[dr][c];
            l += data.lost()[dr][c];
            t += data.late()[dr][c];
        }
        long slotStart = data.endSlot() - res.columns() + 1 + from;
        DateTimeFormatter f = DateTimeFormatter.ofPattern(res.perMinute() ? "HH:mm" : "HH:mm:ss", Locale.ROOT)
                .withZone(zone);
        String when = f.format(Instant.ofEpochMilli(slotStart * res.slotMillis()));
        if (to - from > 1) {
            when += "–" + f.format(Instant.ofEpochMilli((slotStart + to - from) * res.slotMillis()));
        }
        hoverInfo.setText(cellText(name, when, r, l, t));
    }

    static String cellText(String name, String when, long received, long lost, long late) {
        double loss = HeatColors.loss(received, lost, late);
        if (Double.isNaN(loss)) {
            return name + "   " + when + "   nothing expected";
        }
        return String.format(Locale.ROOT, "%s   %s   %.1f%% lost   (received %d, lost %d, late %d)",
                name, when, 100 * loss, received, Math.max(0, lost - late), late);
    }

    private void click(double x, double y) {
        int index = rowAt(y);
        if (index < 0) {
            return;
        }
        HeatRow row = rows.get(index);
        if (row.groupRow()) {
            setCollapsed(row.group(), !row.collapsed());
        } else {
            selectedSource.set(row.src());
        }
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
