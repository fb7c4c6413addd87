package org.gapwatch.ui.wall;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.geometry.Orientation;
import javafx.geometry.Point2D;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.text.TextAlignment;
import javafx.util.Duration;
import org.gapwatch.judge.Judgement;
import org.gapwatch.judge.SourceState;
import org.gapwatch.track.SourceView;
import org.gapwatch.track.TrackerSnapshot;
import org.gapwatch.ui.Palette;
import org.gapwatch.ui.SourceFilter;
import org.gapwatch.ui.common.NameShortener;
import org.gapwatch.ui.common.TextFit;

/**
 * The wall: one canvas the size of the viewport showing a {@link WallModel} (built off the FX thread) with the
 * newest values. Each pulse it paints only cells on screen: those whose view or state changed, plus a slice of them
 * every pulse so that ages and strips move with the clock (all of them over {@link #AGE_SLICES} pulses once a
 * second). Nothing here loops over the sources: the work per pulse is bounded by the cells on screen.
 */
public final class WallView extends Region {
    /** The once-a-second repaint (ages, strips) is spread over this many pulses, not done in one. */
    static final int AGE_SLICES = 8;

    private final Canvas canvas = new Canvas();
    private final ScrollBar scroll = new ScrollBar();
    /** Tile width "Fit" goes down to before it scrolls: names then have 14 px capitals, values 24 px (at zoom 1). */
    static final double READABLE_TILE_WIDTH = 264;

    private final TextFit text = new TextFit();
    private final TilePainter painter = new TilePainter(text);
    private final OffscreenSummary offscreen = new OffscreenSummary();
    private final HeaderPainter headers = new HeaderPainter(text);
    private String[] labels;
    private WallModel.Cells labelledCells;
    /** What each group header drawn shows, by group index (tests and hover). */
    private final java.util.Map<Integer, String> headerTexts = new java.util.HashMap<>();
    private java.time.ZoneId zone = java.time.ZoneId.systemDefault();
    private final Tooltip tooltip = new Tooltip();
    private final IntegerProperty selectedId = new SimpleIntegerProperty(-1);

    private Palette palette = Palette.DARK;
    private double tileWidth; // 0 = fit
    private double zoom = 1;
    private String focus = "";
    private WallModel.Request request = WallModel.Request.NONE;

    private WallModel model = WallModel.empty();
    private WallModel.Cells drawnCells;
    private TrackerSnapshot snap = TrackerSnapshot.empty();
    private Judgement judgement = Judgement.empty();
    private long now;
    // What is painted in the cells on screen, [first, first + length): indexed by cell - first.
    private int first;
    private SourceView[] drawn = new SourceView[0];
    private SourceState[] drawnState = new SourceState[0];
    private String[] painted = new String[0];
    private boolean needFull = true;
    private long drawnSecond = Long.MIN_VALUE;
    private int ageCursor = Integer.MAX_VALUE;
    private int hovered = -1;
    private Set<String> blinking = Set.of();
    private boolean blinkOn;
    private int tilesPainted;
    private int valuesPainted;
    private long cellsTouched;

    public WallView() {
        getStyleClass().add("wall-view");
        setFocusTraversable(true);
        scroll.setOrientation(Orientation.VERTICAL);
        scroll.valueProperty().addListener((o, a, b) -> needFull = true);
        getChildren().addAll(canvas, scroll, offscreen.above(), offscreen.below());
        canvas.setOnMouseClicked(this::clicked);
        canvas.setOnMouseMoved(this::moved);
        canvas.setOnMouseExited(e -> hover(-1));
        setOnScroll(this::scrolled);
        addEventHandler(KeyEvent.KEY_PRESSED, this::key);
        tooltip.setShowDelay(Duration.millis(400));
        Tooltip.install(canvas, tooltip);
        selectedId.addListener((o, a, b) -> needFull = true);
    }

    /** Id of the selected source, -1 for none. */
    public IntegerProperty selectedIdProperty() {
        return selectedId;
    }

    public void setPalette(Palette p) {
        palette = p;
        needFull = true;
    }

    /** Tile width in pixels, or 0 to fit every tile into the window. */
    public void setTileWidth(double w) {
        tileWidth = w;
    }

    public void setZoom(double z) {
        zoom = z;
    }

    /** The group drilled into ("" for all sources); the next model shows what is under it. */
    public String focus() {
        return focus;
    }

    public void setFocus(String path) {
        focus = path == null ? "" : path;
        hovered = -1;
        scroll.setValue(0);
    }

    /**
     * What the next model is to be built for: {@code filter}, the focus and this wall's viewport and tile size.
     * The same object while nothing changed, so a builder can tell by identity.
     */
    public WallModel.Request request(SourceFilter filter) {
        double w = Math.max(50, getWidth() - scroll.prefWidth(-1));
        double h = Math.max(50, getHeight());
        WallModel.Request r = new WallModel.Request(filter, focus, w, h, tileWidth, zoom);
        if (!r.equals(request)) {
            request = r;
        }
        return request;
    }

    /** Whole tiles and values alone painted since the last call: {whole, valueOnly} (for diagnostics). */
    public int[] takePaintCounts() {
        int[] n = {tilesPainted, valuesPainted};
        tilesPainted = 0;
        valuesPainted = 0;
        return n;
    }

    /** Cells looked at by the pulses since the last call (for the test that this does not grow with sources). */
    public long takeCellsTouched() {
        long n = cellsTouched;
        cellsTouched = 0;
        return n;
    }

    /**
     * Sources whose tiles blink (unacknowledged alarms) and the blink phase. Only those tiles on screen repaint
     * when the phase flips; a new set repaints the screen once.
     */
    public void setBlinking(Set<String> srcs, boolean on) {
        if (srcs != blinking) {
            blinking = srcs;
            needFull = true;
        } else if (on != blinkOn && !srcs.isEmpty()) {
            for (int k = 0; k < drawn.length; k++) {
                int c = first + k;
                if (c < model.cells.count() && model.cells.kind[c] == WallModel.TILE
                        && srcs.contains(model.index.name(model.cells.ref[c]))) {
                    drawn[k] = null; // repainted by the next paintChanged
                }
            }
        }
        blinkOn = on;
    }

    /** Forgets the tiles: the next update lays out another engine's sources afresh. */
    public void reset() {
        model = WallModel.empty();
        drawnCells = null;
        snap = TrackerSnapshot.empty();
        judgement = Judgement.empty();
        hovered = -1;
        focus = "";
        needFull = true;
    }

    /** Whether the tile of {@code src} is marked as blinking (an unacknowledged alarm). */
    public boolean isBlinking(String src) {
        return blinking.contains(src);
    }

    public WallModel model() {
        return model;
    }

    /** Number of source tiles currently on the wall (after filtering and summarising). */
    public int tileCount() {
        return model.tileCount();
    }

    /** Source ids of the tiles in display order. */
    public int[] tileIds() {
        return model.tileIds();
    }

    /** Centre of the tile of source {@code id} in this region's coordinates, or null when it has no tile. */
    public Point2D tileCentre(int id) {
        return cellCentre(model.cellOf(id));
    }

    /** Centre of the aggregate tile of the group {@code key}, or null when it is not collapsed. */
    public Point2D aggregateCentre(String key) {
        for (int c = 0; c < model.cells.count(); c++) {
            if (model.cells.kind[c] == WallModel.AGGREGATE && model.groups[model.cells.ref[c]].key().equals(key)) {
                return cellCentre(c);
            }
        }
        return null;
    }

    /** The texts the aggregate tile of group {@code key} shows now, " | " between them; null if not drawn. */
    public String describeAggregate(String key) {
        for (int c = first; c < model.cells.count() && c - first < painted.length; c++) {
            if (model.cells.kind[c] == WallModel.AGGREGATE && model.groups[model.cells.ref[c]].key().equals(key)) {
                String p = painted[c - first];
                String summary = " | " + model.groups[model.cells.ref[c]].summary();
                return p == null || !p.endsWith(summary) ? p : p.substring(0, p.length() - summary.length());
            }
        }
        return null;
    }

    /** Centre of cell {@code c} (tests). */
    Point2D cellCentreForTest(int c) {
        return cellCentre(c);
    }

    private Point2D cellCentre(int c) {
        if (c < 0) {
            return null;
        }
        WallLayout l = model.cells.layout;
        return new Point2D(l.x(c) + l.tileW / 2, l.y(c) - scroll.getValue() + l.tileH / 2);
    }

    /** The texts the tile of source {@code id} shows on screen now, " | " between them; null if not drawn. */
    public String describeTile(int id) {
        int k = model.cellOf(id) - first;
        return k >= 0 && k < painted.length ? painted[k] : null;
    }

    /**
     * Called once per pulse with the newest snapshot (values), the newest judgement (a tile's state) and the newest
     * model (what goes where, and each group's counts, as of the judgement it was built from). Cheap when nothing
     * changed; never more than the cells on screen.
     */
    public void update(TrackerSnapshot s, Judgement j, WallModel m, long nowMillis) {
        snap = s;
        judgement = j;
        now = nowMillis;
        if (m != model) {
            if (m.cells != model.cells) {
                hovered = -1;
            }
            model = m;
        }
        if (model.cells != drawnCells) {
            if (!needFull && drawnCells != null && sameGeometry(drawnCells, model.cells)) {
                rearranged(drawnCells, model.cells);
            } else {
                relayout();
            }
        }
        long second = Math.floorDiv(nowMillis, 1000);
        if (needFull) {
            paintAll();
            drawnSecond = second;
            ageCursor = Integer.MAX_VALUE;
            needFull = false;
            return;
        }
        if (second != drawnSecond) {
            drawnSecond = second;
            ageCursor = 0;
        }
        paintChanged();
    }

    private static boolean sameGeometry(WallModel.Cells a, WallModel.Cells b) {
        return a.layout.tileW == b.layout.tileW && a.layout.columns == b.layout.columns
                && a.layout.contentHeight == b.layout.contentHeight;
    }

    /**
     * A new arrangement in the same grid (an exception joined or left a collapsed group, a source arrived): only
     * the cells on screen that now hold something else are painted again, not the screen.
     */
    private void rearranged(WallModel.Cells old, WallModel.Cells now) {
        drawnCells = now;
        if (Math.max(first, windowEnd()) - first != drawn.length) {
            needFull = true;
            return;
        }
        for (int k = 0; k < drawn.length; k++) {
            int c = first + k;
            cellsTouched++;
            if (c >= old.count() || old.kind[c] != now.kind[c] || old.ref[c] != now.ref[c]) {
                drawn[k] = null;
                drawnState[k] = null;
                painted[k] = null;
            }
        }
    }

    private void relayout() {
        drawnCells = model.cells;
        WallLayout l = model.cells.layout;
        double h = Math.max(50, getHeight());
        // Room past the last row for the "more below" line, so the last row can be scrolled clear of it.
        double extra = l.contentHeight > h ? offscreen.height() : 0;
        scroll.setMax(Math.max(0, l.contentHeight + extra - h));
        scroll.setVisibleAmount(h);
        scroll.setVisible(l.contentHeight > h);
        scroll.setUnitIncrement(l.tileH + WallLayout.GAP);
        scroll.setBlockIncrement(h * 0.9);
        if (scroll.getValue() > scroll.getMax()) {
            scroll.setValue(scroll.getMax());
        }
        needFull = true;
    }

    /**
     * The shown name of tile cell {@code c}: the names of its group's tile cells shortened together for this
     * layout's tile width (in the middle, never two alike), made the first time the group is drawn.
     */
    private String label(int c) {
        WallModel.Cells cells = model.cells;
        if (labels == null || labelledCells != cells) {
            labels = new String[cells.count()];
            labelledCells = cells;
        }
        if (labels[c] == null) {
            int group = cells.group[c];
            List<Integer> members = new ArrayList<>();
            for (int k = 0; k < cells.count(); k++) {
                if (cells.kind[k] == WallModel.TILE && cells.group[k] == group) {
                    members.add(k);
                }
            }
            String[] names = new String[members.size()];
            for (int i = 0; i < names.length; i++) {
                names[i] = model.tileName(members.get(i));
            }
            WallLayout l = cells.layout;
            javafx.scene.text.Font f = text.font(TilePainter.nameSize(l.tileH), false);
            String[] shown = NameShortener.shorten(names, f, TilePainter.nameBudget(l.tileW, l.tileH, text), text);
            for (int i = 0; i < shown.length; i++) {
                labels[members.get(i)] = shown[i];
            }
        }
        return labels[c];
    }

    /** The labels the source tiles show at this layout, in display order (for tests: never two alike in a group). */
    public List<String> tileLabels() {
        List<String> out = new ArrayList<>();
        WallModel.Cells cells = model.cells;
        for (int c = 0; c < cells.count(); c++) {
            if (cells.kind[c] == WallModel.TILE) {
                out.add(label(c));
            }
        }
        return out;
    }

    /** The group of each source tile, in display order. */
    public List<String> tileGroups() {
        List<String> out = new ArrayList<>();
        WallModel.Cells cells = model.cells;
        for (int c = 0; c < cells.count(); c++) {
            if (cells.kind[c] == WallModel.TILE) {
                out.add(model.groups[cells.group[c]].title());
            }
        }
        return out;
    }

    /** The texts the header of group {@code gi} (in display order) shows now, " | " between them; null if not drawn. */
    public String describeHeader(int gi) {
        return headerTexts.get(gi);
    }

    /** Whether the wall now summarises: some group is collapsed into an aggregate tile. */
    public boolean summarising() {
        for (WallModel.Group g : model.groups) {
            if (g.collapsed()) {
                return true;
            }
        }
        return false;
    }

    /** Tile width and height of the current layout, or null before the first layout. */
    public double[] tileSize() {
        WallLayout l = model.cells.layout;
        return l == null || model.cells.count() == 0 ? null : new double[] {l.tileW, l.tileH};
    }

    /** The time zone of the clock times tiles show ("since 17:50:04"). */
    public void setZone(java.time.ZoneId z) {
        zone = z;
        needFull = true;
    }

    // The canvas follows this region's size, never the other way round: the region must be free to shrink.
    @Override
    protected double computeMinWidth(double height) {
        return 100;
    }

    @Override
    protected double computeMinHeight(double width) {
        return 100;
    }

    @Override
    protected double computePrefWidth(double height) {
        return 800;
    }

    @Override
    protected double computePrefHeight(double width) {
        return 600;
    }

    @Override
    protected void layoutChildren() {
        double sw = scroll.prefWidth(-1);
        double w = getWidth(), h = getHeight();
        if (canvas.getWidth() != w - sw || canvas.getHeight() != h) {
            canvas.setWidth(Math.max(1, w - sw));
            canvas.setHeight(Math.max(1, h));
            needFull = true;
        }
        scroll.resizeRelocate(w - sw, 0, sw, h);
        offscreen.layout(w - sw, h);
    }

    /** Cells on screen now: [first, end). */
    private int windowEnd() {
        WallLayout l = model.cells.layout;
        int end = l.firstCellAt(scroll.getValue() + canvas.getHeight() + l.tileH + WallLayout.GAP) + l.columns;
        return Math.min(model.cells.count(), end);
    }

    private void paintAll() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(palette.background());
        g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
        WallLayout l = model.cells.layout;
        first = l.firstCellAt(scroll.getValue());
        int end = Math.max(first, windowEnd());
        int n = end - first;
        if (drawn.length != n) {
            drawn = new SourceView[n];
            drawnState = new SourceState[n];
            painted = new String[n];
        }
        for (int c = first; c < end; c++) {
            paintCell(g, c);
        }
        offscreen.update(model.cells, judgement, scroll.getValue(), scroll.getValue() + canvas.getHeight(),
                scroll.isVisible());
        if (model.cells.count() == 0) {
            g.setFill(palette.dimText());
            g.setFont(text.font(22 * zoom, false));
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.CENTER);
            g.fillText(snap.sourceCount() == 0 ? "Waiting for datagrams…" : "No source matches the filter",
                    canvas.getWidth() / 2, canvas.getHeight() / 2);
            g.setTextAlign(TextAlignment.LEFT);
        }
    }

    private void paintChanged() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        WallModel.Cells cells = model.cells;
        int slice = Math.max(1, (drawn.length + AGE_SLICES - 1) / AGE_SLICES);
        int ageFrom = ageCursor, ageTo = ageCursor >= drawn.length ? ageCursor : ageCursor + slice;
        ageCursor = ageTo;
        for (int k = 0; k < drawn.length; k++) {
            int c = first + k;
            cellsTouched++;
            boolean aged = k >= ageFrom && k < ageTo;
            if (cells.kind[c] != WallModel.TILE) {
                String summary = cells.ref[c] < 0 ? model.request.focus() : model.groups[cells.ref[c]].summary();
                if (aged || painted[k] == null || !painted[k].endsWith(summary)) {
                    paintCell(g, c);
                }
                continue;
            }
            int id = cells.ref[c];
            if (id >= snap.sourceCount()) {
                continue;
            }
            SourceView v = snap.source(id);
            SourceView old = drawn[k];
            SourceState state = judgement.state(id);
            if (!aged && v == old && state == drawnState[k]) {
                continue;
            }
            if (!aged && old != null && state == drawnState[k] && onlyValueChanged(old, v) && c != hovered
                    && id != selectedId.get() && !blinking.contains(v.src())) {
                painted[k] = painter.paintValue(g, palette, v, state, cells.layout.x(c), cells.layout.y(c) - scroll.getValue(),
                        cells.layout.tileW, cells.layout.tileH, painted[k]);
                drawn[k] = v;
                valuesPainted++;
            } else {
                paintCell(g, c);
            }
        }
    }

    /** True when a repaint of the value alone shows everything that changed from {@code a} to {@code b}. */
    private boolean onlyValueChanged(SourceView a, SourceView b) {
        // The tile's status ("LOST n" over 1 or 5 minutes, the publisher's text) only moves with these.
        return a.lost5m() == b.lost5m() && a.late5m() == b.late5m() && a.lost1m() == b.lost1m()
                && a.late1m() == b.late1m() && java.util.Objects.equals(a.text(), b.text())
                && a.stripEndSecond() == b.stripEndSecond() && java.util.Arrays.equals(a.strip(), b.strip())
                && java.util.Objects.equals(a.unit(), b.unit());
    }

    private void paintCell(GraphicsContext g, int c) {
        int k = c - first;
        if (k < 0 || k >= drawn.length) {
            return;
        }
        WallModel.Cells cells = model.cells;
        WallLayout l = cells.layout;
        double x = l.x(c), y = l.y(c) - scroll.getValue();
        switch (cells.kind[c]) {
            case WallModel.TILE -> {
                int id = cells.ref[c];
                if (id >= snap.sourceCount()) {
                    return;
                }
                SourceView v = snap.source(id);
                SourceState h = judgement.state(id);
                drawnState[k] = h;
                painted[k] = painter.paint(g, palette, v, h, TileStatus.of(v, h, judgement, now, zone), label(c), x, y,
                        l.tileW, l.tileH, now, id == selectedId.get(), c == hovered,
                        blinking.contains(v.src()) ? (blinkOn ? 1 : 0) : -1);
                drawn[k] = v;
                tilesPainted++;
            }
            case WallModel.AGGREGATE -> {
                WallModel.Group gr = model.groups[cells.ref[c]];
                painted[k] = painter.paintAggregate(g, palette, gr.title(), gr.worst(), gr.summary(),
                        gr.counts(), gr.exceptions() - gr.shownExceptions(), x, y, l.tileW, l.tileH, c == hovered)
                        + " | " + gr.summary();
            }
            case WallModel.HEADER -> {
                WallModel.Group gr = model.groups[cells.ref[c]];
                String shown = headers.paint(g, palette, gr.title(), gr.size(), gr.counts(), x, y, l.tileW, l.tileH);
                headerTexts.put(cells.ref[c], shown);
                painted[k] = shown + " | " + gr.summary();
            }
            default -> {
                String path = model.request.focus();
                header(g, "◀ BACK", path + " | " + String.format(java.util.Locale.ROOT, "%,d", model.matched)
                        + " sources", x, y, l.tileW, l.tileH);
                painted[k] = "BACK | " + path;
            }
        }
    }

    /** A group header: its name and, below, "N sources" and the counts of every state but OK. */
    private void header(GraphicsContext g, String title, String summary, double x, double y, double w, double h) {
        double pad = Math.max(3, h * 0.07);
        g.setFill(palette.background());
        g.fillRect(x - 2, y - 2, w + 4, h + 4);
        g.setFill(palette.header());
        g.fillRect(x, y, w, h);
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.LEFT);
        var titleFont = text.font(h * 0.3, true);
        g.setFont(titleFont);
        g.setFill(palette.background());
        g.fillText(text.fit(title, titleFont, w - 2 * pad), x + pad, y + pad);
        var small = text.font(Math.max(10, h * 0.2), true);
        g.setFont(small);
        String[] lines = summary.split(" \\| ", 2);
        g.fillText(text.fit(lines[0], small, w - 2 * pad), x + pad, y + pad + h * 0.36);
        if (lines.length > 1) {
            g.fillText(text.fit(lines[1], small, w - 2 * pad), x + pad, y + pad + h * 0.36 + h * 0.24);
        }
    }

    private int cellAt(double x, double y) {
        return model.cells.layout.cellAt(x, y + scroll.getValue());
    }

    private void clicked(MouseEvent e) {
        requestFocus();
        int c = cellAt(e.getX(), e.getY());
        if (c < 0) {
            selectedId.set(-1);
            return;
        }
        switch (model.cells.kind[c]) {
            case WallModel.TILE -> selectedId.set(model.cells.ref[c]);
            case WallModel.AGGREGATE -> setFocus(model.groups[model.cells.ref[c]].key()); // drill down
            case WallModel.BACK -> up();
            default -> {
            }
        }
    }

    /** Back up one level of drill-down. */
    public void up() {
        int slash = focus.lastIndexOf('/');
        setFocus(slash < 0 ? "" : focus.substring(0, slash));
    }

    private void moved(MouseEvent e) {
        int c = cellAt(e.getX(), e.getY());
        hover(c);
        if (c < 0) {
            return;
        }
        switch (model.cells.kind[c]) {
            case WallModel.TILE -> tooltip.setText(model.index.name(model.cells.ref[c]));
            case WallModel.AGGREGATE -> tooltip.setText(model.groups[model.cells.ref[c]].key()
                    + ": click to open the group");
            case WallModel.BACK -> tooltip.setText("Back up one level (Backspace)");
            default -> tooltip.setText(model.groups[model.cells.ref[c]].key());
        }
    }

    private void hover(int c) {
        if (c != hovered) {
            int old = hovered;
            hovered = c;
            GraphicsContext g = canvas.getGraphicsContext2D();
            if (old >= 0 && old < model.cells.count()) {
                paintCell(g, old);
            }
            if (c >= 0) {
                paintCell(g, c);
            }
        }
    }

    private void scrolled(ScrollEvent e) {
        scroll.setValue(Math.clamp(scroll.getValue() - e.getDeltaY(), 0, scroll.getMax()));
        e.consume();
    }

    private void key(KeyEvent e) {
        if (e.getCode() == KeyCode.BACK_SPACE && !focus.isEmpty()) {
            up();
            e.consume();
            return;
        }
        WallModel.Cells cells = model.cells;
        if (cells.count() == 0) {
            return;
        }
        int cur = model.cellOf(selectedId.get());
        int columns = cells.layout.columns;
        int step = switch (e.getCode()) {
            case RIGHT, END -> 1;
            case LEFT, HOME -> -1;
            case DOWN -> columns;
            case UP -> -columns;
            default -> 0;
        };
        int next = switch (e.getCode()) {
            case RIGHT, LEFT, UP -> cur < 0 ? 0 : cur + step;
            case DOWN -> cur < 0 ? 0 : cur + step;
            case HOME -> 0;
            case END -> cells.count() - 1;
            case PAGE_DOWN -> {
                scroll.increment();
                yield Integer.MIN_VALUE;
            }
            case PAGE_UP -> {
                scroll.decrement();
                yield Integer.MIN_VALUE;
            }
            case ESCAPE -> -1;
            default -> Integer.MIN_VALUE;
        };
        if (next == Integer.MIN_VALUE) {
            return;
        }
        e.consume();
        if (e.getCode() == KeyCode.ESCAPE) {
            selectedId.set(-1);
            return;
        }
        next = Math.clamp(next, 0, cells.count() - 1);
        // Headers and aggregates are not selectable: go on in the same direction to the next tile (else back).
        int dir = step == 0 ? 1 : Integer.signum(step);
        int c = next;
        while (c >= 0 && c < cells.count() && cells.kind[c] != WallModel.TILE) {
            c += dir;
        }
        if (c < 0 || c >= cells.count()) {
            return;
        }
        selectedId.set(cells.ref[c]);
        WallLayout l = cells.layout;
        double y = l.y(c);
        if (y < scroll.getValue()) {
            scroll.setValue(Math.max(0, y - WallLayout.GAP));
        } else if (y + l.tileH > scroll.getValue() + canvas.getHeight()) {
            scroll.setValue(Math.min(scroll.getMax(), y + l.tileH + WallLayout.GAP - canvas.getHeight()));
        }
    }
}
