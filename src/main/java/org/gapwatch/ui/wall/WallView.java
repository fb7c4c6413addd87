package org.gapwatch.ui.wall;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.geometry.Orientation;
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
import org.gapwatch.track.SourceView;
import org.gapwatch.track.TrackerSnapshot;
import org.gapwatch.judge.Judgement;
import org.gapwatch.judge.SourceState;
import org.gapwatch.ui.Palette;
import org.gapwatch.ui.SourceFilter;

/**
 * The wall: a tile per source on one canvas the size of the viewport, grouped by the first level of {@code src}.
 * Each pulse it is handed the newest snapshot and repaints only the tiles whose view changed, plus everything once
 * a second (ages and strips move with the clock). Tiles keep their place: the order is by group and name.
 */
public final class WallView extends Region {
    private static final long MEMBERSHIP_EVERY_MILLIS = 500;

    private final Canvas canvas = new Canvas();
    private final ScrollBar scroll = new ScrollBar();
    /** Tile width "Fit" goes down to before it scrolls: names then have 14 px capitals, values 24 px (at zoom 1). */
    static final double READABLE_TILE_WIDTH = 264;

    private final TextFit text = new TextFit();
    private final TilePainter painter = new TilePainter(text);
    private final OffscreenSummary offscreen = new OffscreenSummary();
    private final HeaderPainter headers = new HeaderPainter(text);
    private String[] headerTexts = new String[0];
    private java.time.ZoneId zone = java.time.ZoneId.systemDefault();
    private final Tooltip tooltip = new Tooltip();
    private final IntegerProperty selectedId = new SimpleIntegerProperty(-1);

    private Palette palette = Palette.DARK;
    private double tileWidth; // 0 = fit
    private double zoom = 1;

    private int[] ids = new int[0];
    private String[] names = new String[0];
    /** The names as the tiles show them at the current layout (shortened, never two alike in a group). */
    private String[] labels = new String[0];
    private String[] groupNames = new String[0];
    private int[] groupSizes = new int[0];
    private SourceView[] drawn = new SourceView[0];
    private String[] painted = new String[0];
    private WallLayout layout;
    private boolean needLayout = true;
    private boolean needFull = true;
    private long drawnSecond = Long.MIN_VALUE;
    private int membershipCount = -1;
    private SourceFilter membershipFilter;
    private long membershipMillis;
    private int hovered = -1;
    private TrackerSnapshot snap = TrackerSnapshot.empty();
    private long now;
    private Judgement judgement = Judgement.empty();
    private SourceState[] drawnState = new SourceState[0];
    private int tilesPainted;
    private int valuesPainted;
    private java.util.Set<String> blinking = java.util.Set.of();
    private boolean blinkOn;

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
        needLayout = true;
    }

    public void setZoom(double z) {
        zoom = z;
        needLayout = true;
    }

    /** Whole tiles and values alone painted since the last call: {whole, valueOnly} (for diagnostics). */
    public int[] takePaintCounts() {
        int[] n = {tilesPainted, valuesPainted};
        tilesPainted = 0;
        valuesPainted = 0;
        return n;
    }

    /**
     * Sources whose tiles blink (unacknowledged alarms) and the blink phase. Only those tiles repaint when the
     * phase flips; a new set repaints everything once.
     */
    public void setBlinking(java.util.Set<String> srcs, boolean on) {
        if (srcs != blinking) {
            blinking = srcs;
            needFull = true;
        } else if (on != blinkOn && !srcs.isEmpty()) {
            for (int i = 0; i < ids.length; i++) {
                if (ids[i] < snap.sourceCount() && srcs.contains(snap.source(ids[i]).src())) {
                    drawn[i] = null; // repainted by the next paintChanged
                }
            }
        }
        blinkOn = on;
    }

    /** Forgets the tiles: the next update lays out another engine's sources afresh. */
    public void reset() {
        membershipCount = -1;
        ids = new int[0];
        names = new String[0];
        labels = new String[0];
        groupNames = new String[0];
        groupSizes = new int[0];
        drawn = new SourceView[0];
        drawnState = new SourceState[0];
        painted = new String[0];
        hovered = -1;
        snap = TrackerSnapshot.empty();
        needLayout = true;
    }

    /** Whether the tile of {@code src} is marked as blinking (an unacknowledged alarm). */
    public boolean isBlinking(String src) {
        return blinking.contains(src);
    }

    /** Number of tiles currently on the wall (after filtering). */
    public int tileCount() {
        return ids.length;
    }

    /** Source ids of the tiles in display order. */
    public int[] tileIds() {
        return ids.clone();
    }

    /** Centre of the tile of source {@code id} in this region's coordinates, or null when not laid out. */
    public javafx.geometry.Point2D tileCentre(int id) {
        if (layout == null) {
            return null;
        }
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] == id) {
                return new javafx.geometry.Point2D(layout.tileX[i] + layout.tileW / 2,
                        layout.tileY[i] - scroll.getValue() + layout.tileH / 2);
            }
        }
        return null;
    }

    /** The texts the header of group {@code gi} (in display order) shows now, " | " between them; null if not drawn. */
    public String describeHeader(int gi) {
        return gi < headerTexts.length ? headerTexts[gi] : null;
    }

    /** The texts the tile of source {@code id} shows on screen now, " | " between them; null if not drawn. */
    public String describeTile(int id) {
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] == id) {
                return painted[i];
            }
        }
        return null;
    }

    /**
     * Called once per pulse with the newest snapshot and the newest judgement (which may be of a slightly older
     * snapshot: states come from it, values from the snapshot). Cheap when nothing changed.
     */
    public void update(TrackerSnapshot s, Judgement j, long nowMillis, SourceFilter filter) {
        snap = s;
        now = nowMillis;
        if (j != judgement && filter.problemsOnly()) {
            membershipCount = -1;
        }
        judgement = j;
        if (s.sourceCount() != membershipCount || filter != membershipFilter || nowMillis < membershipMillis
                || (filter.problemsOnly() && nowMillis - membershipMillis >= MEMBERSHIP_EVERY_MILLIS)) {
            rebuildMembership(s, nowMillis, filter);
        }
        if (needLayout) {
            relayout();
        }
        long second = Math.floorDiv(nowMillis, 1000);
        if (needFull || second != drawnSecond) {
            paintAll();
            drawnSecond = second;
            needFull = false;
        } else {
            paintChanged();
        }
    }

    private void rebuildMembership(TrackerSnapshot s, long nowMillis, SourceFilter filter) {
        membershipCount = s.sourceCount();
        membershipFilter = filter;
        membershipMillis = nowMillis;
        List<SourceView> keep = new ArrayList<>();
        for (int i = 0; i < s.sourceCount(); i++) {
            SourceView v = s.source(i);
            if (filter.matches(v, judgement.state(v.id()))) {
                keep.add(v);
            }
        }
        keep.sort(Comparator.comparing(SourceView::group).thenComparing(SourceView::src));
        int[] newIds = new int[keep.size()];
        for (int i = 0; i < newIds.length; i++) {
            newIds[i] = keep.get(i).id();
        }
        if (Arrays.equals(newIds, ids)) {
            return;
        }
        ids = newIds;
        names = new String[ids.length];
        List<String> groups = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            SourceView v = keep.get(i);
            String g = v.group();
            if (groups.isEmpty() || !groups.getLast().equals(g)) {
                groups.add(g);
                sizes.add(0);
            }
            sizes.set(sizes.size() - 1, sizes.getLast() + 1);
            names[i] = v.src().length() > g.length() + 1 ? v.src().substring(g.length() + 1) : v.src();
        }
        groupNames = groups.toArray(String[]::new);
        groupSizes = sizes.stream().mapToInt(Integer::intValue).toArray();
        drawn = new SourceView[ids.length];
        drawnState = new SourceState[ids.length];
        painted = new String[ids.length];
        hovered = -1;
        needLayout = true;
    }

    private void relayout() {
        double w = Math.max(50, getWidth() - scroll.prefWidth(-1));
        double h = Math.max(50, getHeight());
        double tw = tileWidth > 0 ? tileWidth * zoom
                : WallLayout.fitWidth(groupSizes, w, h, READABLE_TILE_WIDTH * zoom, 2 * READABLE_TILE_WIDTH * zoom);
        layout = new WallLayout(groupSizes, w, tw);
        // Names are shortened per group when the group is first drawn at this layout (not all at once).
        labels = new String[ids.length];
        // Room past the last row for the "more below" line, so the last row can be scrolled clear of it.
        double extra = layout.contentHeight > h ? offscreen.height() : 0;
        scroll.setMax(Math.max(0, layout.contentHeight + extra - h));
        scroll.setVisibleAmount(h);
        scroll.setVisible(layout.contentHeight > h);
        scroll.setUnitIncrement(layout.tileH + WallLayout.GAP);
        scroll.setBlockIncrement(h * 0.9);
        if (scroll.getValue() > scroll.getMax()) {
            scroll.setValue(scroll.getMax());
        }
        needLayout = false;
        needFull = true;
    }

    /** The shown name of tile {@code i}: its group's names shortened for this layout's tile width. */
    private String label(int i) {
        if (labels[i] == null) {
            int start = 0, gi = 0;
            while (start + groupSizes[gi] <= i) {
                start += groupSizes[gi++];
            }
            javafx.scene.text.Font f = text.font(TilePainter.nameSize(layout.tileH), false);
            double budget = TilePainter.nameBudget(layout.tileW, layout.tileH, text);
            String[] shown = NameShortener.shorten(Arrays.copyOfRange(names, start, start + groupSizes[gi]), f,
                    budget, text);
            System.arraycopy(shown, 0, labels, start, shown.length);
        }
        return labels[i];
    }

    /** The labels the tiles show at this layout, in display order (for tests: never two alike in a group). */
    public List<String> tileLabels() {
        List<String> out = new ArrayList<>(ids.length);
        for (int i = 0; i < ids.length && layout != null; i++) {
            out.add(label(i));
        }
        return out;
    }

    /** The group of each tile, in display order. */
    public List<String> tileGroups() {
        List<String> out = new ArrayList<>(ids.length);
        for (int gi = 0; gi < groupNames.length; gi++) {
            for (int i = 0; i < groupSizes[gi]; i++) {
                out.add(groupNames[gi]);
            }
        }
        return out;
    }

    /** Tile width and height of the current layout, or null before the first layout. */
    public double[] tileSize() {
        return layout == null ? null : new double[] {layout.tileW, layout.tileH};
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
            needLayout = true;
        }
        scroll.resizeRelocate(w - sw, 0, sw, h);
        offscreen.layout(w - sw, h);
    }

    private void paintAll() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(palette.background());
        g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
        if (layout == null) {
            return;
        }
        double top = scroll.getValue();
        double bottom = top + canvas.getHeight();
        headers(g, top, bottom);
        offscreen.update(layout, ids, judgement, top, bottom, scroll.isVisible());
        for (int i = 0; i < ids.length; i++) {
            double y = layout.tileY[i];
            if (y + layout.tileH >= top && y <= bottom) {
                paintTile(g, i, top);
            } else {
                drawn[i] = null;
            }
        }
        if (ids.length == 0) {
            g.setFill(palette.dimText());
            g.setFont(text.font(22 * zoom, false));
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.CENTER);
            g.fillText(snap.sourceCount() == 0 ? "Waiting for datagrams…" : "No source matches the filter",
                    canvas.getWidth() / 2, canvas.getHeight() / 2);
            g.setTextAlign(TextAlignment.LEFT);
        }
    }

    private void headers(GraphicsContext g, double top, double bottom) {
        if (headerTexts.length != groupNames.length) {
            headerTexts = new String[groupNames.length];
        }
        int start = 0;
        for (int gi = 0; gi < groupNames.length; gi++) {
            double x = layout.headerX[gi];
            double y = layout.headerY[gi] - top;
            if (y + layout.tileH >= 0 && y <= bottom - top) {
                int[] counts = new int[SourceState.values().length];
                for (int i = start; i < start + groupSizes[gi]; i++) {
                    counts[judgement.state(ids[i]).ordinal()]++;
                }
                headerTexts[gi] = headers.paint(g, palette, groupNames[gi], groupSizes[gi], counts, x, y,
                        layout.tileW, layout.tileH);
            }
            start += groupSizes[gi];
        }
    }

    private void paintChanged() {
        if (layout == null) {
            return;
        }
        GraphicsContext g = canvas.getGraphicsContext2D();
        double top = scroll.getValue();
        double bottom = top + canvas.getHeight();
        boolean stateChanged = false;
        for (int i = 0; i < ids.length; i++) {
            double y = layout.tileY[i];
            if (y + layout.tileH >= top && y <= bottom && ids[i] < snap.sourceCount()) {
                SourceView v = snap.source(ids[i]);
                SourceView old = drawn[i];
                SourceState state = judgement.state(ids[i]);
                if (v == old && state == drawnState[i]) {
                    continue;
                }
                if (old != null && state == drawnState[i] && onlyValueChanged(old, v) && i != hovered && ids[i] != selectedId.get()
                        && !blinking.contains(v.src())) {
                    painted[i] = painter.paintValue(g, palette, v, state, layout.tileX[i], y - top, layout.tileW,
                            layout.tileH, painted[i]);
                    drawn[i] = v;
                    valuesPainted++;
                } else {
                    stateChanged |= state != drawnState[i];
                    paintTile(g, i, top);
                }
            }
        }
        if (stateChanged) {
            headers(g, top, bottom); // the headers' counts follow a state change at once, not a second later
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

    private void paintTile(GraphicsContext g, int i, double top) {
        if (ids[i] >= snap.sourceCount()) {
            return;
        }
        SourceView v = snap.source(ids[i]);
        SourceState h = judgement.state(ids[i]);
        drawnState[i] = h;
        painted[i] = painter.paint(g, palette, v, h, TileStatus.of(v, h, judgement, now, zone), label(i),
                layout.tileX[i], layout.tileY[i] - top, layout.tileW, layout.tileH, now, ids[i] == selectedId.get(),
                i == hovered,
                blinking.contains(v.src()) ? (blinkOn ? 1 : 0) : -1);
        drawn[i] = v;
        tilesPainted++;
    }

    private int indexAt(double x, double y) {
        return layout == null ? -1 : layout.tileAt(x, y + scroll.getValue());
    }

    private void clicked(MouseEvent e) {
        requestFocus();
        int i = indexAt(e.getX(), e.getY());
        selectedId.set(i < 0 ? -1 : ids[i]);
    }

    private void moved(MouseEvent e) {
        int i = indexAt(e.getX(), e.getY());
        hover(i);
        if (i >= 0 && i < ids.length && ids[i] < snap.sourceCount()) {
            tooltip.setText(snap.source(ids[i]).src());
        }
    }

    private void hover(int i) {
        if (i != hovered) {
            int old = hovered;
            hovered = i;
            GraphicsContext g = canvas.getGraphicsContext2D();
            if (old >= 0 && old < ids.length) {
                paintTile(g, old, scroll.getValue());
            }
            if (i >= 0) {
                paintTile(g, i, scroll.getValue());
            }
        }
    }

    private void scrolled(ScrollEvent e) {
        scroll.setValue(Math.clamp(scroll.getValue() - e.getDeltaY(), 0, scroll.getMax()));
        e.consume();
    }

    private void key(KeyEvent e) {
        if (ids.length == 0 || layout == null) {
            return;
        }
        int cur = -1;
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] == selectedId.get()) {
                cur = i;
                break;
            }
        }
        int columns = layout.columns;
        int next = switch (e.getCode()) {
            case RIGHT -> cur + 1;
            case LEFT -> cur - 1;
            case DOWN -> cur < 0 ? 0 : cur + columns;
            case UP -> cur - columns;
            case HOME -> 0;
            case END -> ids.length - 1;
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
        next = Math.clamp(next, 0, ids.length - 1);
        selectedId.set(ids[next]);
        double y = layout.tileY[next];
        if (y < scroll.getValue()) {
            scroll.setValue(Math.max(0, y - WallLayout.GAP));
        } else if (y + layout.tileH > scroll.getValue() + canvas.getHeight()) {
            scroll.setValue(Math.min(scroll.getMax(), y + layout.tileH + WallLayout.GAP - canvas.getHeight()));
        }
    }
}
