package org.gapwatch.alarm;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.gapwatch.judge.DecimalText;
import org.gapwatch.judge.Episode;
import org.gapwatch.judge.JudgeConfig;
import org.gapwatch.judge.Judgement;
import org.gapwatch.judge.LossFigures;
import org.gapwatch.judge.LossWindow;
import org.gapwatch.judge.SourceState;
import org.gapwatch.track.SourceView;
import org.gapwatch.track.TrackerSnapshot;

/**
 * Alarm handling as ISA-18.2 describes it, on the states of a {@link Judgement}: one row per alarm point (source
 * and kind) with its first and last activation, count and state (active or cleared, acknowledged or not; shelved;
 * suppressed by a loss episode); chattering points marked and notified once; the alarm rate against the flood
 * benchmark. The model decides nothing about a source: what is wrong is the judgement's; here is only what an
 * operator was told and did.
 *
 * <p>Not thread-safe: evaluate, acknowledge, shelve and read from one thread (the UI's). One model per engine.
 */
public final class AlarmModel {
    /** Rows kept; beyond it the oldest rows in state normal are dropped. */
    public static final int DEFAULT_LOG_CAPACITY = 10_000;
    /** The source name of the {@link AlarmKind#EPISODE} point. */
    public static final String EPISODE_SOURCE = "(loss episode)";
    /** An episode raises its one alarm once this many of its sources are badly losing. */
    public static final int EPISODE_MIN_SOURCES = 2;
    /** A point that activates this many times within {@link #CHATTER_MILLIS} is chattering. */
    public static final int CHATTER_COUNT = 3;
    public static final long CHATTER_MILLIS = 60_000;
    /** ISA-18.2's benchmark: more than this many alarms in {@link #FLOOD_WINDOW_MILLIS} is a flood. */
    public static final int FLOOD_BENCHMARK = 10;
    public static final long FLOOD_WINDOW_MILLIS = 600_000;
    /** A stale alarm waits for this many evaluations in a row (about 2 s at one a second; see docs/alarms.md). */
    static final int STALE_ON_DELAY_EVALUATIONS = 3;
    /** A loss alarm waits for this many (about 1 s): by then a storm is one episode, not this source's own. */
    static final int LOSS_ON_DELAY_EVALUATIONS = 2;
    /** The source name of the {@link AlarmKind#RECEIVER} point: this monitor's own receive loops. */
    public static final String RECEIVER = "(this monitor's receiver)";
    /** The source name of the {@link AlarmKind#DISPLAY} point: a part of this monitor's window that fails. */
    public static final String DISPLAY = "(this monitor's display)";

    private record Key(String src, AlarmKind kind) {
    }

    /** Kinds the judgement raises per source ({@link #kindOf}): the first ordinals of {@link AlarmKind}. */
    static final int SOURCE_KINDS = AlarmKind.CONFLICT.ordinal() + 1;
    private static final int CHUNK = TrackerSnapshot.CHUNK;

    /** A point to look at again at {@code due}: its shelf runs out, or its chattering may end. */
    private record Timer(long due, AlarmPoint point) {
    }

    private final int logCapacity;
    private final AlarmRows<AlarmPoint> rows = new AlarmRows<>();
    /** The points that are no source's: the episode's and the conditions from outside, in the order first seen. */
    private final LinkedHashMap<Key, AlarmPoint> others = new LinkedHashMap<>();
    private final Map<Key, String> external = new LinkedHashMap<>();
    private final ArrayDeque<Long> rate = new ArrayDeque<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private long nextId = 1;
    private long version;
    private long episodeRaised = -1;
    private final SourcesWaiting waiting = new SourcesWaiting();
    private int unacknowledged;
    private int active;
    private long lastNow;

    /** Per source id its points, and which chunks of sources to look at. */
    private final AlarmSources sources = new AlarmSources();
    private long evaluation;
    private final PriorityQueue<Timer> shelves = new PriorityQueue<>(Comparator.comparingLong(Timer::due));
    private final PriorityQueue<Timer> chatter = new PriorityQueue<>(Comparator.comparingLong(Timer::due));
    private final List<Timer> deferred = new ArrayList<>();
    private boolean rowsChanged;
    /** A row went since the last result: the list's order is to be sorted afresh. */
    private boolean orderAfresh;
    /** The ids of the rows that joined or activated again since the last result (the list's order moves them). */
    private long[] moved = new long[64];
    private int movedCount;
    private int looked;
    /** The episode whose sources' loss points are suppressed (-1: none) and its list as last applied. */
    private long suppressingEpisode = -1;
    private List<String> suppressingList = List.of();

    /**
     * What the reading methods return: made on the model's thread after every change and evaluation, immutable, and
     * made visible through {@link #deliverOn} (so that readers on the FX thread see it together with the listeners).
     * The rows of sources are found in {@code log}; {@code others} holds the few points that are no source's.
     */
    private record Published(long version, List<Alarm> log, NewestFirst newestFirst, Map<Key, Alarm> others,
                             Set<String> unacknowledgedSources, int unacknowledged, int active, int perTenMinutes) {
        static final Published EMPTY = new Published(0, List.of(), NewestFirst.EMPTY, Map.of(), Set.of(), 0, 0, 0);
    }

    private volatile Published published = Published.EMPTY;
    private Published made = Published.EMPTY;
    private volatile java.util.concurrent.Executor delivery;
    /** The model's own thread, once it ran there; other threads' actions are queued for it. */
    private volatile Thread owner;
    private final java.util.concurrent.ConcurrentLinkedQueue<Runnable> actions =
            new java.util.concurrent.ConcurrentLinkedQueue<>();

    public AlarmModel() {
        this(DEFAULT_LOG_CAPACITY);
    }

    public AlarmModel(int logCapacity) {
        this.logCapacity = logCapacity;
    }

    /**
     * From now on the model lives on another thread than its readers': each new result is published (and the
     * listeners called) through {@code readers} (the FX thread's {@code Platform::runLater}), and operator actions
     * handed to {@link #perform} wait in a queue for {@link #runActions} on the model's thread.
     */
    public void deliverOn(java.util.concurrent.Executor readers) {
        this.delivery = readers;
    }

    /**
     * Runs an operator action on the model's thread: at once if it has none of its own or this is it, else at its
     * next round. The operator actions below hand themselves over the same way when called from another thread.
     */
    public void perform(Runnable action) {
        if (!handedOver(action)) {
            action.run();
        }
    }

    /** Queues {@code action} and says true when the model has a thread of its own and this is another one. */
    private boolean handedOver(Runnable action) {
        if (delivery == null || Thread.currentThread() == owner) {
            return false;
        }
        actions.add(action);
        return true;
    }

    /** Runs the queued operator actions; on the model's thread (which this makes it, once {@link #deliverOn}). */
    public void runActions() {
        if (delivery != null) {
            owner = Thread.currentThread();
        }
        for (Runnable a; (a = actions.poll()) != null; ) {
            a.run();
        }
    }

    /** Called after every change (evaluate that changed a row, acknowledge, shelve, clear), on the readers' thread. */
    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    public void removeListener(Runnable listener) {
        listeners.remove(listener);
    }

    /**
     * A condition from outside the judgement (the receiver's health: "processing stopped"), taken in at the next
     * {@link #evaluate}: {@code detail} non-null while it holds, null when it ended. Its kind is one the judgement
     * does not raise ({@link AlarmKind#RECEIVER}).
     *
     * @throws IllegalArgumentException for a kind of the judgement's (stale, loss, status, conflict, episode)
     */
    public void setCondition(String src, AlarmKind kind, String detail) {
        if (kind.ordinal() < SOURCE_KINDS || kind == AlarmKind.EPISODE) {
            throw new IllegalArgumentException("a condition from outside cannot be of kind " + kind.label());
        }
        Key k = new Key(src, kind);
        if (detail == null) {
            external.remove(k);
        } else {
            external.put(k, detail);
        }
    }

    /**
     * Brings every point up to date with {@code j} at {@code nowMillis}.
     *
     * <p>Incremental: only the sources of the chunks whose states changed since the judgement evaluated last ({@link
     * Judgement#sameStates}), those of chunks where a source waits out its on-delay, and the points whose shelf or
     * chattering runs out are looked at; a point whose state stays needs nothing (an active one stays active, a
     * source with no alarm raises none). The first evaluation, and one with fewer sources than the last (another
     * engine), look at every source. The result is the same as looking at all (IncrementalAlarmModelTest).
     *
     * @return the rows that activated now and should be notified, in source order: one per episode, none for a
     *         suppressed, shelved or (after its first notice as such) chattering point
     */
    public List<Alarm> evaluate(Judgement j, long nowMillis) {
        if (delivery != null) {
            owner = Thread.currentThread();
        }
        lastNow = nowMillis;
        evaluation++;
        looked = 0;
        sources.startLooking();
        rowsChanged = false;
        unshelveExpired(nowMillis);
        Episode episode = j.currentEpisode();
        boolean counting = episode != null && episode.id() != episodeRaised;
        if (counting) {
            sources.countEpisode(episode); // on the wanted kinds of the last evaluation, before they move
        } else {
            sources.stopCounting();
        }
        int chunks = sources.read(j, counting, evaluation, this::forgotten);
        // Two or more sources of one episode that would each raise a loss alarm raise the episode's instead.
        if (counting && sources.badlyInEpisode() >= EPISODE_MIN_SOURCES) {
            episodeRaised = episode.id();
        }
        boolean raised = episode != null && episode.id() == episodeRaised;
        Set<String> inEpisode = raised ? j.episodeSources() : Set.of();
        List<Alarm> notify = new ArrayList<>(0);
        JudgeConfig config = j.config();
        for (int c = 0; c < chunks; c++) {
            int k = sources.chunkToLook(c);
            for (int id = k * CHUNK, hi = Math.min(j.sourceCount(), id + CHUNK); id < hi; id++) {
                SourcePoints s = sources.at(id);
                if (s != null) {
                    looked++;
                    evaluateSource(s, j, inEpisode, config, nowMillis, notify);
                }
            }
        }
        suppressAsEpisodeGrows(raised ? episode : null, inEpisode);
        evaluateOthers(raised ? episode : null, config, nowMillis, notify);
        endQuietChattering(nowMillis);
        sources.evaluated(j);
        looked += sources.looked();
        if (rowsChanged) {
            trim();
            changed();
        } else {
            publish(false); // the rate over ten minutes moves with the clock
        }
        return notify.isEmpty() ? List.of() : notify;
    }

    private void evaluateSource(SourcePoints s, Judgement j, Set<String> inEpisode, JudgeConfig config, long now,
                                List<Alarm> notify) {
        for (AlarmPoint p : s.points) {
            if (p != null && p.kind != s.wanted && p.row != null && p.row.active()) {
                clear(p);
            }
        }
        AlarmKind kind = s.wanted;
        if (kind == null) {
            return;
        }
        AlarmPoint p = s.point(kind);
        boolean suppressed = kind == AlarmKind.LOSS && inEpisode.contains(s.src);
        Alarm row = p.row;
        if (row != null && row.active()) {
            if (row.suppressed() != suppressed) {
                put(p, row.with(true, row.acknowledged(), -1, row.shelvedUntil(), suppressed, row.chattering()));
            }
            return;
        }
        if (sources.waited(s) < onDelay(kind)) {
            return;
        }
        sources.doneWaiting(s);
        String detail = detail(j.snapshot().source(s.id), kind, j, now);
        if (s.guidanceOf != config) {
            s.guidance = config.guidanceFor(s.src);
            s.guidanceOf = config;
        }
        raise(p, detail, s.guidance, suppressed, now, notify);
    }

    /** Activates {@code p} and adds it to {@code notify} unless shelved, suppressed or chattering on. */
    private void raise(AlarmPoint p, String detail, String guidance, boolean suppressed, long now, List<Alarm> notify) {
        Alarm row = p.row;
        Alarm a = activate(p, detail, guidance, suppressed, now);
        boolean becameChattering = a.chattering() && (row == null || !row.chattering());
        if (a.shelvedUntil() < 0 && !suppressed && (!a.chattering() || becameChattering)) {
            notify.add(a);
        }
    }

    /**
     * The loss points of sources that joined the raised episode since the last evaluation are suppressed now (its
     * list only grows); when the episode raised is another one (or none), those of the one before and of this one
     * are looked at again.
     */
    private void suppressAsEpisodeGrows(Episode raised, Set<String> inEpisode) {
        long id = raised == null ? -1 : raised.id();
        List<String> list = raised == null ? List.of() : raised.sources();
        if (id == suppressingEpisode && list == suppressingList) {
            return;
        }
        if (id == suppressingEpisode && AlarmSources.extendsList(list, suppressingList)) {
            suppress(list, suppressingList.size(), inEpisode);
        } else {
            suppress(suppressingList, 0, inEpisode);
            suppress(list, 0, inEpisode);
        }
        suppressingEpisode = id;
        suppressingList = list;
    }

    private void suppress(List<String> sources, int from, Set<String> inEpisode) {
        for (int i = from; i < sources.size(); i++) {
            looked++;
            SourcePoints s = this.sources.named(sources.get(i));
            AlarmPoint p = s == null || s.wanted != AlarmKind.LOSS ? null : s.points[AlarmKind.LOSS.ordinal()];
            Alarm row = p == null ? null : p.row;
            boolean suppressed = row != null && inEpisode.contains(s.src);
            if (row != null && row.active() && row.suppressed() != suppressed) {
                put(p, row.with(true, row.acknowledged(), -1, row.shelvedUntil(), suppressed, row.chattering()));
            }
        }
    }

    /** The episode's point (while {@code raised}), then the conditions from outside, in the order they were set. */
    private void evaluateOthers(Episode raised, JudgeConfig config, long now, List<Alarm> notify) {
        if (raised != null) {
            evaluateOther(new Key(EPISODE_SOURCE, AlarmKind.EPISODE), episodeDetail(raised), config, now, notify);
        }
        for (Map.Entry<Key, String> e : external.entrySet()) {
            evaluateOther(e.getKey(), e.getValue(), config, now, notify);
        }
        for (Map.Entry<Key, AlarmPoint> e : others.entrySet()) {
            AlarmPoint p = e.getValue();
            boolean wanted = e.getKey().kind() == AlarmKind.EPISODE ? raised != null : external.containsKey(e.getKey());
            if (!wanted && p.row != null && p.row.active()) {
                clear(p);
            }
        }
    }

    private void evaluateOther(Key k, String detail, JudgeConfig config, long now, List<Alarm> notify) {
        looked++;
        AlarmPoint p = others.computeIfAbsent(k, x -> new AlarmPoint(x.src(), x.kind()));
        Alarm row = p.row;
        if (row != null && row.active()) {
            if (k.kind() == AlarmKind.EPISODE && !row.detail().equals(detail)) {
                put(p, new Alarm(row.id(), row.src(), row.kind(), row.firstMillis(), row.lastMillis(), row.count(),
                        true, row.acknowledged(), -1, row.shelvedUntil(), false, row.chattering(), detail,
                        row.guidance())); // the open episode's evidence grows
            }
            return;
        }
        raise(p, detail, config.guidanceFor(k.src()), false, now, notify);
    }

    /** A source not in the judgement any more (another engine's): its active points clear. */
    private void forgotten(SourcePoints s) {
        for (AlarmPoint p : s.points) {
            if (p != null && p.row != null && p.row.active()) {
                clear(p);
            }
        }
    }

    private void clear(AlarmPoint p) {
        Alarm a = p.row;
        put(p, a.with(false, a.acknowledged(), lastNow, a.shelvedUntil(), false, a.chattering()));
        p.clearedIn = evaluation;
        if (a.chattering()) {
            chatter.add(new Timer(p.times.peekLast() + CHATTER_MILLIS, p));
        }
    }

    /**
     * Chattering ends for a cleared point with no activation within the chattering window: the points whose last
     * activation is that old now, except those cleared in this evaluation (they are looked at in the next).
     */
    private void endQuietChattering(long now) {
        while (!chatter.isEmpty() && chatter.peek().due() <= now) {
            Timer t = chatter.poll();
            looked++;
            AlarmPoint p = t.point();
            Alarm a = p.row;
            if (a == null || !a.chattering() || a.active()) {
                continue; // it is put on again when it clears
            }
            if (p.clearedIn == evaluation) {
                deferred.add(t);
            } else if (!quietSince(p, now)) {
                chatter.add(new Timer(p.times.peekLast() + CHATTER_MILLIS, p));
            } else {
                put(p, a.with(false, a.acknowledged(), a.clearedMillis(), a.shelvedUntil(), false, false));
            }
        }
        chatter.addAll(deferred);
        deferred.clear();
    }

    /**
     * Replaces (or adds) the row of {@code p}, keeping the counts of active and unacknowledged rows and the sources
     * waiting for acknowledgement as they change, not by a pass over the rows.
     */
    private void put(AlarmPoint p, Alarm a) {
        Alarm was = p.row;
        if (was == null || was.lastMillis() != a.lastMillis()) {
            if (movedCount == moved.length) {
                moved = java.util.Arrays.copyOf(moved, movedCount * 2);
            }
            moved[movedCount++] = a.id();
        }
        if (was == null) {
            rows.append(a, p);
        } else {
            rows.replace(a);
            count(was, -1);
        }
        count(a, 1);
        p.row = a;
        rowsChanged = true;
    }

    private void count(Alarm a, int sign) {
        if (a.active()) {
            active += sign;
        }
        if (a.needsAcknowledging()) {
            unacknowledged += sign;
            waiting.add(a.src(), sign);
        }
    }

    private void dropped(AlarmPoint p, Alarm a) {
        orderAfresh = true;
        count(a, -1);
        p.row = null;
    }

    static AlarmKind kindOf(SourceState s) {
        return switch (s) {
            case STALE -> AlarmKind.STALE;
            case BADLY_LOSING -> AlarmKind.LOSS;
            case ALARM, FAULT -> AlarmKind.STATUS;
            case CONFLICT -> AlarmKind.CONFLICT;
            default -> null;
        };
    }

    /** The on-delays: a stale point waits three evaluations, a loss point two; the rest none. */
    private static int onDelay(AlarmKind kind) {
        return switch (kind) {
            case STALE -> STALE_ON_DELAY_EVALUATIONS;
            case LOSS -> LOSS_ON_DELAY_EVALUATIONS;
            default -> 1;
        };
    }

    private Alarm activate(AlarmPoint p, String detail, String guidance, boolean suppressed, long now) {
        if (p.times == null) {
            p.times = new ArrayDeque<>();
        }
        ArrayDeque<Long> times = p.times;
        times.addLast(now);
        while (!times.isEmpty() && times.peekFirst() <= now - CHATTER_MILLIS) {
            times.removeFirst();
        }
        rate.addLast(now);
        Alarm row = p.row;
        Alarm a = row == null
                ? new Alarm(nextId++, p.src, p.kind, now, now, 1, true, false, -1, -1, suppressed, false, detail,
                guidance)
                : row.activated(now, detail, guidance, suppressed);
        if (times.size() >= CHATTER_COUNT && !a.chattering()) {
            a = a.with(true, false, -1, a.shelvedUntil(), suppressed, true);
        }
        put(p, a);
        return a;
    }

    /** No activation within the chattering window any more. */
    private static boolean quietSince(AlarmPoint p, long now) {
        return p.times == null || p.times.isEmpty() || p.times.peekLast() <= now - CHATTER_MILLIS;
    }

    /** Takes off the shelf the rows whose time came (their timers; a row shelved again meanwhile waits on). */
    private void unshelveExpired(long now) {
        while (!shelves.isEmpty() && shelves.peek().due() <= now) {
            looked++;
            AlarmPoint p = shelves.poll().point();
            Alarm a = p.row;
            if (a == null || a.shelvedUntil() < 0) {
                continue;
            }
            if (now >= a.shelvedUntil()) {
                put(p, a.with(a.active(), a.acknowledged(), a.clearedMillis(), -1, a.suppressed(), a.chattering()));
            } else {
                shelves.add(new Timer(a.shelvedUntil(), p));
            }
        }
    }

    /** Sources and points looked at by the last {@link #evaluate} (what its cost grows with); for tests. */
    int lookedAtInLastEvaluation() {
        return looked;
    }

    static String detail(SourceView v, AlarmKind kind, Judgement j, long now) {
        return switch (kind) {
            // As String.format(Locale.ROOT, "no update for %.1f s (stale after %.1f s)", age and stale after in
            // seconds) and "%.1f%% lost in the last %s (%d of %d)" write them, without a formatter (DecimalText).
            case STALE -> "no update for " + DecimalText.seconds(v.ageMillis(now)) + " (stale after "
                    + DecimalText.seconds(v.staleAfterMillis()) + ")";
            case LOSS -> {
                LossWindow w = j.config().thresholdsFor(v.src()).window();
                yield DecimalText.oneDecimal(100 * j.loss(v.id())) + "% lost in the last " + w.label() + " ("
                        + LossFigures.netLost(v, w) + " of " + LossFigures.expected(v, w) + ")";
            }
            case STATUS -> v.status().name().toLowerCase(Locale.ROOT)
                    + (v.text() == null || v.text().isEmpty() ? "" : ": " + v.text());
            case CONFLICT -> "claimed by " + v.sender() + " and " + v.otherSender();
            case EPISODE, RECEIVER, DISPLAY -> "";
        };
    }

    static String episodeDetail(Episode e) {
        return e.sources().size() + " sources, " + e.lost() + " lost; cause " + e.summary();
    }

    // ---- operator actions ----

    /** Acknowledges one row; false if there is no such row or nothing to acknowledge. */
    public boolean acknowledge(long id) {
        if (handedOver(() -> acknowledge(id))) {
            Alarm a = get(id); // the answer as the readers' result has it; the model's next round decides
            return a != null && !a.acknowledged();
        }
        Alarm a = rows.row(id);
        if (a == null || a.acknowledged()) {
            return false;
        }
        put(rows.owner(id), a.acknowledge());
        changed();
        return true;
    }

    /** Acknowledges every row; returns how many were not yet acknowledged. */
    public int acknowledgeAll() {
        if (handedOver(this::acknowledgeAll)) {
            return (int) log().stream().filter(a -> !a.acknowledged()).count();
        }
        int[] n = {0};
        rows.forEach((p, a) -> {
            if (!a.acknowledged()) {
                put(p, a.acknowledge());
                n[0]++;
            }
        });
        if (n[0] > 0) {
            changed();
        }
        return n[0];
    }

    /**
     * Shelves a row until {@code untilMillis} (the operator's choice): it raises and notifies nothing until then,
     * and is then back in whatever state its condition is. False if no such row or the time is not in the future.
     */
    public boolean shelve(long id, long untilMillis) {
        if (handedOver(() -> shelve(id, untilMillis))) {
            return get(id) != null;
        }
        return untilMillis > lastNow && setShelf(id, untilMillis);
    }

    /** Takes a row off the shelf now. */
    public boolean unshelve(long id) {
        if (handedOver(() -> unshelve(id))) {
            Alarm a = get(id);
            return a != null && a.shelvedUntil() >= 0;
        }
        Alarm a = rows.row(id);
        return a != null && a.shelvedUntil() >= 0 && setShelf(id, -1);
    }

    private boolean setShelf(long id, long until) {
        Alarm a = rows.row(id);
        if (a == null) {
            return false;
        }
        AlarmPoint p = rows.owner(id);
        put(p, a.with(a.active(), a.acknowledged(), a.clearedMillis(), until, a.suppressed(), a.chattering()));
        if (until >= 0) {
            shelves.add(new Timer(until, p));
        }
        changed();
        return true;
    }

    /** Drops rows in state normal (cleared and acknowledged). */
    public int clearResolvedAcknowledged() {
        if (handedOver(this::clearResolvedAcknowledged)) {
            return (int) log().stream().filter(a -> a.state() == AlarmState.NORMAL).count();
        }
        int n = rows.dropNormal(Integer.MAX_VALUE, this::dropped);
        if (n > 0) {
            changed();
        }
        return n;
    }

    /** Beyond the capacity, the oldest rows in state normal go (the others are kept, however many). */
    private void trim() {
        if (rows.size() > logCapacity) {
            rows.dropNormal(rows.size() - logCapacity, this::dropped);
        }
    }

    private void changed() {
        version++;
        publish(true);
    }

    private void publish(boolean rowsChanged) {
        int perTen = rateNow();
        Published p = made;
        if (rowsChanged) {
            Map<Key, Alarm> byKey = new HashMap<>();
            for (Map.Entry<Key, AlarmPoint> e : others.entrySet()) {
                if (e.getValue().row != null) {
                    byKey.put(e.getKey(), e.getValue().row);
                }
            }
            List<Alarm> log = rows.view();
            // The list's order is made here, on the model's thread, so that the FX thread reads only what it shows;
            // an acknowledgement, a shelf, a clearing move no row, and keep the last one; rows that joined or
            // activated again are merged into it (a sort of them, not of every row), unless a row went.
            NewestFirst order = orderAfresh ? NewestFirst.of(log)
                    : movedCount > 0 ? p.newestFirst().after(log, moved, movedCount) : p.newestFirst().over(log);
            orderAfresh = false;
            movedCount = 0;
            p = new Published(version, log, order, Map.copyOf(byKey), waiting.view(), unacknowledged, active,
                    perTen);
        } else if (perTen != p.perTenMinutes()) {
            p = new Published(p.version(), p.log(), p.newestFirst(), p.others(), p.unacknowledgedSources(),
                    p.unacknowledged(), p.active(), perTen);
        } else {
            return;
        }
        made = p;
        Published shown = p;
        java.util.concurrent.Executor readers = delivery;
        Runnable show = () -> {
            published = shown;
            if (rowsChanged) {
                for (Runnable r : listeners) {
                    r.run();
                }
            }
        };
        if (readers == null) {
            show.run();
        } else {
            readers.execute(show);
        }
    }

    private int rateNow() {
        while (!rate.isEmpty() && rate.peekFirst() <= lastNow - FLOOD_WINDOW_MILLIS) {
            rate.removeFirst();
        }
        return rate.size();
    }

    // ---- reading (any thread: the newest published result) ----

    /** Every row, in the order the points first alarmed. Unmodifiable. */
    public List<Alarm> log() {
        return published.log();
    }

    /** The row with this id, or null. */
    public Alarm get(long id) {
        NewestFirst rows = published.newestFirst();
        int at = rows.positionOf(id);
        return at < 0 ? null : rows.get(at);
    }

    /** Every row, latest activation first (the alarm list's order), made with the result: no sort for a reader. */
    public NewestFirst newestFirst() {
        return published.newestFirst();
    }

    /**
     * The row of a point, or null if it never alarmed (or its row was dropped). The episode's and the outside
     * conditions' at once; a source's by a pass over the log (for a look-up now and then, not per source).
     */
    public Alarm point(String src, AlarmKind kind) {
        Published p = published;
        if (kind.ordinal() >= SOURCE_KINDS) {
            return p.others().get(new Key(src, kind));
        }
        for (int i = p.log().size() - 1; i >= 0; i--) {
            Alarm a = p.log().get(i);
            if (a.kind() == kind && a.src().equals(src)) {
                return a;
            }
        }
        return null;
    }

    /** Rows whose condition holds now. */
    public List<Alarm> active() {
        return log().stream().filter(Alarm::active).toList();
    }

    /** Sources with a row waiting for acknowledgement, for the wall's blinking tiles. A new set after each change. */
    public Set<String> unacknowledgedSources() {
        return published.unacknowledgedSources();
    }

    public int unacknowledgedCount() {
        return published.unacknowledged();
    }

    public int activeCount() {
        return published.active();
    }

    /** Activations in the {@link #FLOOD_WINDOW_MILLIS} up to the last evaluation. */
    public int alarmsPerTenMinutes() {
        return published.perTenMinutes();
    }

    /** More alarms in ten minutes than ISA-18.2's benchmark of {@value #FLOOD_BENCHMARK}. */
    public boolean flood() {
        return alarmsPerTenMinutes() > FLOOD_BENCHMARK;
    }

    /** Increases with every change; a view redraws when it differs from what it last drew. */
    public long version() {
        return published.version();
    }
}
