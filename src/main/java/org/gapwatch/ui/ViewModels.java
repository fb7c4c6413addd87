package org.gapwatch.ui;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.gapwatch.fault.Faults;
import org.gapwatch.fault.Idle;
import org.gapwatch.fault.LoopRunner;
import org.gapwatch.judge.Judgement;
import org.gapwatch.track.SourceView;
import org.gapwatch.track.TrackerSnapshot;
import org.gapwatch.ui.heatmap.HeatRowsModel;
import org.gapwatch.ui.model.SourceIndex;
import org.gapwatch.ui.table.TableModel;
import org.gapwatch.ui.wall.WallModel;

/**
 * Builds the views' models off the FX thread (the runtime is kept apart from its representation, as in Phoebus):
 * from the newest snapshot and judgement, the source index, the wall's model and the table's, each published
 * through an {@link AtomicReference}. The FX pulse hands in what it wants (a request per view, null for a hidden
 * view, which then costs nothing here either) and takes the newest models; it never waits for one.
 *
 * <p>A model is made again when the request changed at once; when only the data did (new sources, a new
 * judgement, ten times a second), at most every {@link #WALL_EVERY_MILLIS} for the wall and, for a
 * table whose rows move with the data (sorted by a live column, problems only, a column filter), every
 * {@link #LIVE_TABLE_EVERY_MILLIS}, so that the rows do not churn under a flood.
 */
final class ViewModels implements AutoCloseable {
    static final long WALL_EVERY_MILLIS = 50;
    static final long TABLE_EVERY_MILLIS = 250;
    /**
     * A model is made again with the data at most this often relative to what the last one cost: a wall of 100,000
     * sources that takes 20 ms to build is rebuilt every 100 ms, so this thread stays below a fifth of a core.
     */
    static final int COST_FACTOR = 5;
    static final long LIVE_TABLE_EVERY_MILLIS = 1_000;
    static final long HEAT_ROWS_EVERY_MILLIS = 500;
    /** A source renamed (RTP, once RTCP names it) is looked for this often: it reads every name. */
    static final long RENAMES_EVERY_MILLIS = 1_000;

    private volatile Supplier<TrackerSnapshot> snapshots;
    private volatile Supplier<Judgement> judgements;
    private volatile LongSupplier clock;
    private volatile long generation;
    private volatile WallModel.Request wallRequest;
    private volatile TableModel.Request tableRequest;
    private volatile SourceFilter heatFilter;
    private volatile HeatRowsModel.Request heatmapRequest;
    private final Published<SourceIndex> published = new Published<>(SourceIndex.empty());
    private final Published<WallModel> wall = new Published<>(WallModel.empty());
    private final Published<TableModel> table = new Published<>(TableModel.empty());
    private final Published<List<SourceView>> heatRows = new Published<>(List.of());
    private final Published<HeatRowsModel> heatmap = new Published<>(HeatRowsModel.empty());
    private final LoopRunner loop;

    // The builder's own state (its thread only).
    private long builtGeneration = -1;
    private SourceIndex index = SourceIndex.empty();
    private WallModel wallBuilt = WallModel.empty();
    private final WallModel.Builder wallBuilder = new WallModel.Builder();
    private long wallAt = Long.MIN_VALUE / 2;
    private long wallCost;
    private long tableCost;
    private TableModel tableBuilt = TableModel.empty();
    private long tableAt = Long.MIN_VALUE / 2;
    private SourceIndex heatIndex;
    private Judgement heatJudged;
    private SourceFilter heatBuiltFor;
    private long heatAt = Long.MIN_VALUE / 2;
    private List<SourceView> heatRowsBuilt = List.of();
    private HeatRowsModel heatmapBuilt = HeatRowsModel.empty();
    private long renamesAt = Long.MIN_VALUE / 2;
    private TrackerSnapshot lastSnap;
    private Judgement lastJudged;
    private Object lastAsked;

    ViewModels(Supplier<TrackerSnapshot> snapshots, Supplier<Judgement> judgements, LongSupplier clock,
               Faults faults) {
        this.snapshots = snapshots;
        this.judgements = judgements;
        this.clock = clock;
        this.loop = faults.runner("view-models", this::step, Idle.park(4_000_000L));
    }

    ViewModels start() {
        loop.start();
        return this;
    }

    /** Shows another engine: every model starts afresh from its snapshots and judgements. */
    void switchTo(Supplier<TrackerSnapshot> s, Supplier<Judgement> j, LongSupplier c) {
        snapshots = s;
        judgements = j;
        clock = c;
        generation++; // from now on every model published for the engine before reads as empty
        loop.wake();
    }

    /** What the wall wants (null: it is hidden). */
    void wantWall(WallModel.Request r) {
        if (r != wallRequest) {
            wallRequest = r;
            loop.wake();
        }
    }

    /** What the table wants (null: it is hidden). */
    void wantTable(TableModel.Request r) {
        if (r != tableRequest) {
            tableRequest = r;
            loop.wake();
        }
    }

    /** The filter of the heatmap's rows (null: the heatmap is hidden). */
    void wantHeatRows(SourceFilter f) {
        heatFilter = f;
    }

    /** The heatmap's collapse choice (null: the heatmap is hidden); its rows are then built here too. */
    void wantHeatmap(HeatRowsModel.Request r) {
        if (r != heatmapRequest) {
            heatmapRequest = r;
            loop.wake();
        }
    }

    /** The heatmap's rows, built here from {@link #heatRows()} for its collapse choice. */
    HeatRowsModel heatmap() {
        return heatmap.get();
    }

    /** The newest index of the sources (by name: {@link SourceIndex#idOf}). */
    SourceIndex index() {
        return published.get();
    }

    WallModel wall() {
        return wall.get();
    }

    TableModel table() {
        return table.get();
    }

    /** The sources the wall's filter lets through, in wall order (for the heatmap). */
    List<SourceView> heatRows() {
        return heatRows.get();
    }

    /** One round: builds whatever is due. Public to the package so that tests can drive it without the thread. */
    synchronized int step() {
        long gen = generation;
        if (gen != builtGeneration) {
            builtGeneration = gen;
            index = SourceIndex.empty();
            wallBuilt = WallModel.empty();
            wallBuilder.reset();
            tableBuilt = TableModel.empty();
            heatIndex = null;
            heatRowsBuilt = List.of();
            heatmapBuilt = HeatRowsModel.empty();
        }
        TrackerSnapshot snap = snapshots.get();
        Judgement j = judgements.get();
        long now = clock.getAsLong();
        long t = System.nanoTime() / 1_000_000L;
        List<Object> asked = java.util.Arrays.asList(wallRequest, tableRequest, heatFilter, heatmapRequest);
        if (snap == lastSnap && j == lastJudged && asked.equals(lastAsked)
                && t - wallAt < WALL_EVERY_MILLIS * 2) {
            return 0; // nothing new (the last clause: a model held back by its period is made once that is over)
        }
        lastSnap = snap;
        lastJudged = j;
        lastAsked = asked;
        SourceIndex before = index;
        boolean renames = t - renamesAt >= RENAMES_EVERY_MILLIS;
        if (renames) {
            renamesAt = t;
        }
        index = SourceIndex.of(snap, index, renames);
        if (index != before) {
            publish(gen, published, index);
        }
        int work = 0;
        WallModel.Request wr = wallRequest;
        if (wr != null && (wr != wallBuilt.request() || ((index != wallBuilt.index() || j != wallBuilt.judgement())
                && t - wallAt >= period(WALL_EVERY_MILLIS, wallCost)))) {
            long t0 = System.nanoTime();
            wallBuilt = wallBuilder.build(index, j, wr);
            wallCost = (System.nanoTime() - t0) / 1_000_000L;
            wallAt = t;
            publish(gen, wall, wallBuilt);
            work++;
        }
        TableModel.Request tr = tableRequest;
        if (tr != null && (tr != tableBuilt.request()
                || (index != tableBuilt.index() && t - tableAt >= period(TABLE_EVERY_MILLIS, tableCost))
                || (tr.live() && j != tableBuilt.judgement()
                        && t - tableAt >= period(LIVE_TABLE_EVERY_MILLIS, tableCost)))) {
            long t0 = System.nanoTime();
            tableBuilt = TableModel.build(index, snap, j, tr, now, tableBuilt);
            tableCost = (System.nanoTime() - t0) / 1_000_000L;
            tableAt = t;
            publish(gen, table, tableBuilt);
            work++;
        }
        SourceFilter hf = heatFilter;
        if (hf != null && (hf != heatBuiltFor || ((index != heatIndex || (hf.problemsOnly() && j != heatJudged))
                && t - heatAt >= HEAT_ROWS_EVERY_MILLIS))) {
            heatBuiltFor = hf;
            heatIndex = index;
            heatJudged = j;
            heatAt = t;
            heatRowsBuilt = heatRows(index, snap, j, hf);
            publish(gen, heatRows, heatRowsBuilt);
            work++;
        }
        HeatRowsModel.Request hr = heatmapRequest;
        if (hf != null && hr != null && (hr != heatmapBuilt.request() || heatRowsBuilt != heatmapBuilt.sources())) {
            // The heatmap's rows (groups, collapsed as the operator chose), so that its FX side is by reference.
            heatmapBuilt = HeatRowsModel.build(heatRowsBuilt, hr, heatmapBuilt);
            publish(gen, heatmap, heatmapBuilt);
            work++;
        }
        return work;
    }

    /** At least {@code base}, {@link #COST_FACTOR} times the last build's cost, but never more than a second. */
    private static long period(long base, long lastCostMillis) {
        return Math.max(base, Math.min(1_000, COST_FACTOR * lastCostMillis));
    }

    private <T> void publish(long gen, Published<T> to, T model) {
        to.set(gen, model);
    }

    /**
     * The newest model of one kind, with the generation (engine) it was built for: one built for the engine before
     * reads as the empty model. A check before setting would not do: a round that began before a switch could set
     * its model just after it, and the live engine's index then answered for the replay's (a source selected by
     * name got a live id that the replay did not have, and was dropped).
     */
    private final class Published<T> {
        private final T empty;
        private final AtomicReference<Built<T>> newest;

        Published(T empty) {
            this.empty = empty;
            this.newest = new AtomicReference<>(new Built<>(generation, empty));
        }

        void set(long gen, T model) {
            newest.set(new Built<>(gen, model));
        }

        T get() {
            Built<T> b = newest.get();
            return b.generation() == generation ? b.model() : empty;
        }
    }

    private record Built<T>(long generation, T model) {
    }

    private static List<SourceView> heatRows(SourceIndex index, TrackerSnapshot snap, Judgement j, SourceFilter f) {
        List<SourceView> keep = new ArrayList<>();
        for (int pos = 0; pos < index.size(); pos++) {
            int id = index.idAt(pos);
            if (id < snap.sourceCount() && f.matches(snap.source(id), j.state(id))) {
                keep.add(snap.source(id));
            }
        }
        return List.copyOf(keep);
    }

    @Override
    public void close() {
        loop.close(Duration.ofSeconds(1));
    }
}
