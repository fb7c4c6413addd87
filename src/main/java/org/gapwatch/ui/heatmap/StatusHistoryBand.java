package org.gapwatch.ui.heatmap;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.util.Duration;
import org.gapwatch.engine.Engine;
import org.gapwatch.judge.Episode;
import org.gapwatch.judge.Judgement;
import org.gapwatch.track.SourceView;
import org.gapwatch.ui.Palette;
import org.gapwatch.ui.common.NameShortener;
import org.gapwatch.ui.common.TextFit;

/**
 * Status history under the wall, drawn as Grafana's status-history panel: one row per group (first level of src),
 * one cell per second of the last 15 minutes or per minute of the last hour or day, coloured by the exact number of
 * updates the group lost in it (the loss colour, stronger the more; grey for none; the panel colour where nothing was
 * expected), with the judge's loss episodes as vertical bands across all rows. Hovering a cell shows its figures;
 * clicking a row hands its group to {@link #setOnGroupClicked}.
 *
 * <p>Per pulse the window only hands over references ({@link #setSources}, {@link #setJudgement}); the grouping and
 * summing run in the engine query ({@link GroupHistoryQuery}), at most once a second, and a paint is groups x cells.
 * FX thread only.
 */
public class StatusHistoryBand extends BorderPane {
    /** The time spans offered. */
    public enum Span {
        MIN_15(false, 900, 1000, "15 min"), HOUR_1(true, 60, 60_000, "1 h"), HOUR_24(true, 1440, 60_000, "24 h");

        final boolean perMinute;
        final int columns;
        final long slotMillis;
        final String label;

        Span(boolean perMinute, int columns, long slotMillis, String label) {
            this.perMinute = perMinute;
            this.columns = columns;
            this.slotMillis = slotMillis;
            this.label = label;
        }
    }

    /**
     * Size of the group names and the span label at scale 1: the status bar's counts' size (1.4 times the 14 px
     * root font, 14 px capitals at 1920x1080), so that the band reads from three metres as the counts do.
     */
    static final double TEXT_PX = 14 * 1.4;
    /** A row holds a group name at {@link #TEXT_PX} with room above and below its capitals. */
    static final double ROW_HEIGHT = 28;
    /**
     * Bounds of the group names' column at scale 1: it is as wide as its longest name (and its padding) within
     * these, and never more than {@link #LABEL_SHARE} of the band; a longer name is shortened in the middle, as the
     * wall's tile names are ({@link NameShortener}), its full name in the row's tooltip.
     */
    static final double LABEL_MIN_WIDTH = 120;
    static final double LABEL_MAX_WIDTH = 360;
    static final double LABEL_SHARE = 0.3;
    /** Left of a name and right of it, before the first cell (scale 1). */
    private static final double NAME_PAD_LEFT = 6;
    private static final double NAME_PAD_RIGHT = 10;
    /** Rows shown before the strip scrolls. */
    static final int MAX_VISIBLE_ROWS = 4;
    private static final long REFRESH_MILLIS = 1000;
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

    private final Canvas canvas = new Canvas();
    /** The time axis under the rows (clock times, "now" at the right); it does not scroll with them. */
    private final Canvas axis = new Canvas();
    private final javafx.scene.text.Text probe = new javafx.scene.text.Text();
    private List<TimeAxis.Tick> ticks = List.of();
    private final ScrollPane scroll = new ScrollPane(canvas);
    private final Tooltip tip = new Tooltip();
    /** The window's time span in words, as an axis would say it: "07:45:00 – 08:00:00". */
    private final Label spanText = new Label();
    private final ToggleGroup spans = new ToggleGroup();
    private final Timeline timer = new Timeline(new KeyFrame(Duration.millis(250), e -> tick()));

    private Palette palette = Palette.DARK;
    private HeatColors colors = HeatColors.DARK;
    private final TextFit textFit = new TextFit();
    private Font font = Font.font("System", FontWeight.BOLD, TEXT_PX);
    /** The clock times under the rows: the names' size, not bold (CSS sizes the bar's texts to the same). */
    private Font axisFont = Font.font("System", FontWeight.NORMAL, TEXT_PX);
    private double scale = 1;
    // Sizes at the display scale (setScale), as the wall's and the heatmap's.
    private double rowHeight = ROW_HEIGHT;
    private double labelWidth = LABEL_MIN_WIDTH;
    /** The names as drawn (shortened to the column), worked out once per set of groups, font and width. */
    private String[] shownNames = new String[0];
    private List<String> namesFor = List.of();
    private Font namesFont;
    private double namesWidth = -1;
    private Engine engine;
    private LongSupplier clock = System::currentTimeMillis;
    private LongSupplier paceClock = () -> System.nanoTime() / 1_000_000;
    private ZoneId zone = ZoneId.systemDefault();
    private List<SourceView> sources = List.of();
    private Judgement judgement = Judgement.empty();
    private Span span = Span.MIN_15;
    private GridQuery.Result data;
    /** The last query's grouping of the sources: read and written only by the queries, on the writer thread. */
    private volatile GroupHistoryQuery.Grouping grouping;
    private List<Episode> drawnEpisodes = List.of();
    private Consumer<String> onGroupClicked = g -> { };
    private CellMoment onGoToMoment = (g, from, millis) -> { };
    private boolean inFlight;
    private long lastRequest = Long.MIN_VALUE / 2;
    private long generation;
    private long requests;
    private long redraws;
    private long paintedCells;

    public StatusHistoryBand() {
        getStyleClass().add("status-history");
        HBox bar = new HBox(6);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(2, 6, 2, 6));
        Label title = new Label("Loss history by group");
        title.getStyleClass().add("status-history-title");
        bar.getChildren().add(title);
        for (Span s : Span.values()) {
            ToggleButton b = new ToggleButton(s.label);
            b.setId("history-" + s.name().toLowerCase(Locale.ROOT).replace("_", ""));
            b.setUserData(s);
            b.setToggleGroup(spans);
            b.setSelected(s == span);
            bar.getChildren().add(b);
        }
        spans.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) {
                a.setSelected(true);            // one span is always chosen
            } else {
                setSpan((Span) b.getUserData());
            }
        });
        spanText.setId("history-span");
        spanText.getStyleClass().add("status-history-title");
        bar.getChildren().add(spanText);
        bar.getStyleClass().add("status-history-bar");
        setTop(bar);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.setPrefViewportHeight(rowHeight * 2);
        setCenter(scroll);
        canvas.widthProperty().bind(scroll.widthProperty().subtract(16));
        canvas.widthProperty().addListener(o -> {
            fitLabelColumn();
            redraw();
        });
        axis.setId("history-axis");
        axis.widthProperty().bind(canvas.widthProperty());
        axis.setHeight(axisHeight());
        // In a Pane, whose minimum width is its insets: a Canvas at the bottom of a BorderPane makes its width the
        // band's minimum, and that width follows the rows' canvas, so once wide the band (and the window's content)
        // could never be narrower again: clipped at 1366x768 after a wider window or a larger scale.
        javafx.scene.layout.Pane axisHolder = new javafx.scene.layout.Pane(axis);
        axisHolder.setMinWidth(0);
        setBottom(axisHolder);
        tip.setShowDelay(Duration.millis(150));
        Tooltip.install(canvas, tip);
        canvas.setOnMouseMoved(e -> tip.setText(hoverText(e.getX(), e.getY())));
        // A click filters to the row's group; a double-click (or the menu) replays the cell's moment as well.
        javafx.scene.control.MenuItem go = new javafx.scene.control.MenuItem("Go to this moment (replay)");
        go.setId("history-go-to-moment");
        javafx.scene.control.ContextMenu menu = new javafx.scene.control.ContextMenu(go);
        canvas.setOnContextMenuRequested(e -> {
            int row = (int) (e.getY() / rowHeight);
            int col = columnAt(e.getX());
            if (describeCell(row, col) != null) {
                go.setOnAction(a -> goToMoment(row, col));
                menu.show(canvas, e.getScreenX(), e.getScreenY());
            }
        });
        canvas.setOnMouseClicked(e -> {
            if (e.getButton() != javafx.scene.input.MouseButton.PRIMARY) {
                return;
            }
            if (e.getClickCount() == 2) {
                goToMoment((int) (e.getY() / rowHeight), columnAt(e.getX()));
            } else {
                clickRow((int) (e.getY() / rowHeight));
            }
        });
        timer.setCycleCount(Timeline.INDEFINITE);
        // Only while in a showing window: a closed window's band must not keep its engine alive.
        org.gapwatch.ui.WhileShowing.run(this, timer);
    }

    // ---- inputs, cheap on every pulse ----

    public void setEngine(Engine engine) {
        this.engine = engine;
        generation++;
        inFlight = false;
        data = null;
        redraw();
    }

    public void setClock(LongSupplier clock) {
        this.clock = clock;
    }

    /** What paces the requests (monotonic millis); a test drives it. */
    public void setPaceClock(LongSupplier monotonicMillis) {
        this.paceClock = monotonicMillis;
    }

    public void setZone(ZoneId zone) {
        this.zone = zone;
    }

    /** The sources to sum (e.g. the wall's filtered list); only the reference is kept here. */
    public void setSources(List<SourceView> views) {
        sources = views;
    }

    /** The newest judgement, whose episodes are drawn at the next paint; only the reference is kept. */
    public void setJudgement(Judgement j) {
        judgement = j == null ? Judgement.empty() : j;
    }

    public void setOnGroupClicked(Consumer<String> c) {
        onGroupClicked = c;
    }

    public void setSpan(Span s) {
        if (s != span) {
            span = s;
            data = null;
            generation++;
            inFlight = false;
            for (var t : spans.getToggles()) {
                t.setSelected(t.getUserData() == s);
            }
            redraw();
            refresh();
        }
    }

    public Span span() {
        return span;
    }

    /** Width of the group names' column, and the height of the rows shown before scrolling (tests). */
    public double[] labelColumnAndViewport() {
        return new double[] {labelWidth, scroll.getViewportBounds().getHeight(), rowHeight};
    }

    /** The font of the group names (tests: the three-metre cap height). */
    public Font groupFont() {
        return font;
    }

    /** The font of the time axis' labels (tests: the three-metre cap height). */
    public Font axisFont() {
        return axisFont;
    }

    /** The group names as the last paint drew them in their column, top to bottom. */
    public List<String> shownNames() {
        return data == null ? List.of() : List.of(shownNames);
    }

    /**
     * Rows, label column and the canvas fonts grow with the display scale; the bar's texts (title, span buttons,
     * span) grow with the root font, in em, by the theme's CSS.
     */
    public void setScale(double scale) {
        rowHeight = ROW_HEIGHT * scale;
        font = Font.font("System", FontWeight.BOLD, TEXT_PX * scale);
        axisFont = Font.font("System", FontWeight.NORMAL, TEXT_PX * scale);
        this.scale = scale;
        axis.setHeight(axisHeight());
        fitLabelColumn();
        redraw();
    }

    public void setTheme(String theme) {
        palette = Palette.of(theme);
        colors = HeatColors.of(theme);
        redraw();
    }

    // ---- requests ----

    /** Asks for fresh counts now, whatever the pace (the timer otherwise does it once a second). */
    public void refresh() {
        lastRequest = Long.MIN_VALUE / 2;
        tick();
    }

    void tick() {
        if (engine == null || inFlight || !isVisible() || paceClock.getAsLong() - lastRequest < REFRESH_MILLIS) {
            return;
        }
        lastRequest = paceClock.getAsLong();
        inFlight = true;
        requests++;
        long gen = generation;
        Span s = span;
        List<SourceView> src = sources;
        long now = clock.getAsLong();
        // Every minute a full fetch, in case the arrival clock stepped back and touched an older slot.
        GridQuery.Result previous = requests % 60 == 1 ? null : data;
        engine.query(t -> {
                    GroupHistoryQuery.Grouping g = GroupHistoryQuery.Grouping.of(src, grouping);
                    grouping = g;
                    return GroupHistoryQuery.run(t, g, previous, s.perMinute, s.columns, now);
                })
                .whenComplete((r, error) -> Platform.runLater(() -> {
                    if (gen != generation) {
                        return;
                    }
                    inFlight = false;
                    if (r != null) {
                        data = r;
                        fitLabelColumn();
                        redraw();
                    }
                }));
    }

    // ---- accessors (tests, tours) ----

    public boolean hasData() {
        return data != null;
    }

    public long requestCount() {
        return requests;
    }

    /** Paints so far: one per reply, resize or theme, never one per pulse. */
    public long redrawCount() {
        return redraws;
    }

    /** Cells filled by the last paint: groups x columns. */
    public long paintedCells() {
        return paintedCells;
    }

    public int rowCount() {
        return data == null ? 0 : data.keys().size();
    }

    public int columnCount() {
        return span.columns;
    }

    public String groupOf(int row) {
        return data.keys().get(row);
    }

    /**
     * What "Go to this moment" of a cell does: given the group, the cell's start and its length (epoch millis).
     */
    public void setOnGoToMoment(CellMoment action) {
        onGoToMoment = java.util.Objects.requireNonNull(action);
    }

    /** A cell's moment: its group, and the span of time it covers. */
    @FunctionalInterface
    public interface CellMoment {
        void go(String group, long fromMillis, long millis);
    }

    /** Runs "Go to this moment" of a cell as its menu item would; false outside the grid. */
    public boolean goToMoment(int row, int col) {
        if (describeCell(row, col) == null) {
            return false;
        }
        long from = (data.endSlot() - span.columns + 1 + col) * span.slotMillis;
        onGoToMoment.go(groupOf(row), from, span.slotMillis);
        return true;
    }

    /** What a click on a row does: hands its group to {@link #setOnGroupClicked}. */
    public void clickRow(int row) {
        if (row >= 0 && row < rowCount()) {
            onGroupClicked.accept(groupOf(row));
        }
    }

    /** Index of a group's row, or -1. */
    public int rowOf(String group) {
        return data == null ? -1 : data.keys().indexOf(group);
    }

    /** Screen position of the middle of a row's label (for tests, tours). */
    public javafx.geometry.Point2D rowCenterOnScreen(int row) {
        return canvas.localToScreen(labelWidth / 2, row * rowHeight + rowHeight / 2);
    }

    /**
     * The tooltip at a canvas point: a cell's figures, or over the names' column the row's full group name, however
     * it is shortened there.
     */
    String hoverText(double x, double y) {
        int row = (int) (y / rowHeight);
        String text = describeCell(row, columnAt(x));
        return text != null ? text : row >= 0 && row < rowCount() ? groupOf(row) : "";
    }

    /** Exact figures of a cell: "group   from–to   lost n, received m", or null outside the grid. */
    public String describeCell(int row, int col) {
        if (data == null || row < 0 || row >= rowCount() || col < 0 || col >= span.columns) {
            return null;
        }
        long from = (data.endSlot() - span.columns + 1 + col) * span.slotMillis;
        DateTimeFormatter f = span.perMinute ? MINUTES : SECONDS;
        return String.format(Locale.ROOT, "%s   %s–%s   lost %d, received %d", groupOf(row),
                f.format(Instant.ofEpochMilli(from).atZone(zone)),
                f.format(Instant.ofEpochMilli(from + span.slotMillis).atZone(zone)),
                data.lost()[row][col], data.received()[row][col]);
    }

    /** Lost count of a cell. */
    public int lostAt(int row, int col) {
        return data.lost()[row][col];
    }

    /** Column of a time (epoch millis) in the current data, or -1. */
    public int columnOf(long millis) {
        if (data == null) {
            return -1;
        }
        long c = Math.floorDiv(millis, span.slotMillis) - (data.endSlot() - span.columns + 1);
        return c < 0 || c >= span.columns ? -1 : (int) c;
    }

    /** The episodes of the last paint, oldest first, as drawn. */
    public List<Episode> drawnEpisodes() {
        return drawnEpisodes;
    }

    /** Canvas x where an episode's band begins (its start, clipped to the window). */
    public double episodeStartX(Episode e) {
        return xOf(Math.max(e.startMillis(), windowStart()));
    }

    /** Canvas x of the left edge of a column. */
    public double columnX(int col) {
        return labelWidth + col * cellWidth();
    }

    /** The axis labels of the last paint, left to right, "now" last. */
    public List<String> axisLabels() {
        return ticks.stream().map(TimeAxis.Tick::label).toList();
    }

    /** The axis labels' left and right edges (canvas px) of the last paint, in the order of {@link #axisLabels}. */
    public List<double[]> axisLabelEdges() {
        return ticks.stream().map(t -> new double[] {t.left(), t.right()}).toList();
    }

    // ---- painting ----

    /** A tick, and under it a label at the axis font whose line ends at the bottom. */
    private double axisHeight() {
        return Math.ceil(5 * scale + axisFont.getSize() * 1.25);
    }

    /**
     * The names' column as wide as the longest group name within its bounds, then the names shortened to it. Only
     * when the groups, the font or the band's width changed: not per paint.
     */
    private void fitLabelColumn() {
        List<String> keys = data == null ? List.of() : data.keys();
        double band = canvas.getWidth();
        if (keys.equals(namesFor) && font.equals(namesFont) && band == namesWidth) {
            return;
        }
        double widest = 0;
        for (String k : keys) {
            widest = Math.max(widest, textFit.width(k, font));
        }
        double pad = (NAME_PAD_LEFT + NAME_PAD_RIGHT) * scale;
        double max = Math.max(LABEL_MIN_WIDTH * scale, Math.min(LABEL_MAX_WIDTH * scale, band * LABEL_SHARE));
        labelWidth = Math.clamp(Math.ceil(widest + pad), LABEL_MIN_WIDTH * scale, max);
        shownNames = NameShortener.shorten(keys.toArray(String[]::new), font, labelWidth - pad, textFit);
        namesFor = keys;
        namesFont = font;
        namesWidth = band;
    }

    private double textWidth(String s) {
        probe.setFont(axisFont);
        probe.setText(s);
        return probe.getLayoutBounds().getWidth();
    }

    /** The time axis: a tick and a clock time per step, "now" at the right end, none overlapping. */
    private void drawAxis() {
        GraphicsContext g = axis.getGraphicsContext2D();
        double w = axis.getWidth();
        double h = axis.getHeight();
        g.setFill(palette.background());
        g.fillRect(0, 0, w, h);
        if (data == null) {
            ticks = List.of();
            return;
        }
        long start = windowStart();
        ticks = TimeAxis.ticks(start, start + span.columns * span.slotMillis, labelWidth, w, zone, this::textWidth,
                12 * scale);
        g.setFont(axisFont);
        g.setStroke(palette.text());
        g.setFill(palette.text());
        g.setLineWidth(Math.max(1, scale));
        g.setTextBaseline(javafx.geometry.VPos.BOTTOM);
        for (TimeAxis.Tick t : ticks) {
            g.strokeLine(t.x(), 0, t.x(), 4 * scale);
            g.fillText(t.label(), t.left(), h);
        }
    }

    private double cellWidth() {
        return Math.max(0, canvas.getWidth() - labelWidth) / span.columns;
    }

    private long windowStart() {
        return data == null ? 0 : (data.endSlot() - span.columns + 1) * span.slotMillis;
    }

    private double xOf(long millis) {
        return labelWidth + (double) (millis - windowStart()) / span.slotMillis * cellWidth();
    }

    private int columnAt(double x) {
        double w = cellWidth();
        return w <= 0 || x < labelWidth ? -1 : (int) ((x - labelWidth) / w);
    }

    /** Colour of a lost count: grey for none, the loss colour from dim (1) to strong (1000 or more). */
    int argbOf(int received, int lost) {
        if (received + lost == 0) {
            return colors.nothingArgb();
        }
        if (lost <= 0) {
            return colors.argbAt(0);
        }
        double decades = Math.min(1, Math.log10(lost) / 3);
        return colors.argbAt(HeatColors.FIRST_LOSS + (1 - HeatColors.FIRST_LOSS) * decades);
    }

    private void redraw() {
        redraws++;
        int rows = rowCount();
        double h = Math.max(1, rows) * rowHeight;
        canvas.setHeight(h);
        scroll.setPrefViewportHeight(Math.min(Math.max(1, rows), MAX_VISIBLE_ROWS) * rowHeight);
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        g.setFill(palette.background());
        g.fillRect(0, 0, w, h);
        paintedCells = 0;
        if (data == null) {
            drawnEpisodes = List.of();
            spanText.setText("");
            drawAxis();
            return;
        }
        DateTimeFormatter f = span.perMinute ? MINUTES : SECONDS;
        spanText.setText(f.format(Instant.ofEpochMilli(windowStart()).atZone(zone)) + " – "
                + f.format(Instant.ofEpochMilli(windowStart() + span.columns * span.slotMillis).atZone(zone)));
        double cw = cellWidth();
        g.setFont(font);
        for (int r = 0; r < rows; r++) {
            double y = r * rowHeight;
            g.setFill(palette.text());
            // The baseline puts the capitals in the middle of the row; the name fits (fitLabelColumn), so the
            // maximum width only guards against squeezing it.
            g.fillText(shownNames[r], NAME_PAD_LEFT * scale, y + rowHeight * 0.76,
                    labelWidth - (NAME_PAD_LEFT + NAME_PAD_RIGHT) * scale);
            int[] rec = data.received()[r];
            int[] lost = data.lost()[r];
            for (int c = 0; c < span.columns; c++) {
                int argb = argbOf(rec[c], lost[c]);
                g.setFill(Color.rgb(argb >> 16 & 0xff, argb >> 8 & 0xff, argb & 0xff));
                // Cells overlap by a fraction of a pixel so that no seam shows between them.
                g.fillRect(labelWidth + c * cw, y + 1, cw + 0.5, rowHeight - 2);
                paintedCells++;
            }
        }
        drawEpisodes(g, h);
        drawAxis();
    }

    private void drawEpisodes(GraphicsContext g, double h) {
        long start = windowStart();
        long end = start + span.columns * span.slotMillis;
        List<Episode> all = judgement.episodes();
        List<Episode> shown = new java.util.ArrayList<>();
        for (Episode e : all) {
            long to = e.open() ? end : e.endMillis();
            if (to < start || e.startMillis() > end) {
                continue;
            }
            double x0 = episodeStartX(e);
            double x1 = Math.max(x0 + 2, xOf(Math.min(to, end)));
            Color edge = e.open() ? palette.alarm() : palette.text();
            g.setFill(edge.deriveColor(0, 1, 1, 0.18));
            g.fillRect(x0, 0, x1 - x0, h);
            g.setStroke(edge);
            g.setLineWidth(2);
            g.strokeLine(x0, 0, x0, h);
            if (!e.open()) {
                g.strokeLine(x1, 0, x1, h);
            }
            shown.add(e);
        }
        drawnEpisodes = List.copyOf(shown);
    }
}
