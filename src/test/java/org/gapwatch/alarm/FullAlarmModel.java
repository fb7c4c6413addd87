package org.gapwatch.alarm;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gapwatch.judge.Episode;
import org.gapwatch.judge.JudgeConfig;
import org.gapwatch.judge.Judgement;
import org.gapwatch.judge.SourceState;
import org.gapwatch.track.SourceView;

/**
 * The alarm model as it was before evaluation became incremental (main at 0d731b8): every evaluation builds the map
 * of every wanted point and walks every row. Kept as the oracle of {@code IncrementalAlarmModelTest} only; the same
 * results, the same notices, the same ids and versions as {@link AlarmModel} are what that test asserts.
 */
final class FullAlarmModel {
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

    private record Key(String src, AlarmKind kind) {
    }

    private final int logCapacity;
    private final LinkedHashMap<Key, Alarm> rows = new LinkedHashMap<>();
    private final Map<Key, ArrayDeque<Long>> activations = new HashMap<>();
    private final Map<Key, Integer> pending = new HashMap<>();
    private final Map<Key, String> external = new LinkedHashMap<>();
    private final ArrayDeque<Long> rate = new ArrayDeque<>();
    private long nextId = 1;
    private long version;
    private long episodeRaised = -1;
    private Set<String> unacknowledgedSources = Set.of();
    private int unacknowledged;
    private int active;
    private long lastNow;

    /**
     * What the reading methods return: made after every change and evaluation, immutable.
     */
    private record Published(long version, List<Alarm> log, Map<Key, Alarm> byKey, Set<String> unacknowledgedSources,
                             int unacknowledged, int active, int perTenMinutes) {
        static final Published EMPTY = new Published(0, List.of(), Map.of(), Set.of(), 0, 0, 0);
    }

    private Published published = Published.EMPTY;
    private Published made = Published.EMPTY;
    FullAlarmModel() {
        this(DEFAULT_LOG_CAPACITY);
    }

    FullAlarmModel(int logCapacity) {
        this.logCapacity = logCapacity;
    }

    /**
     * A condition from outside the judgement (the receiver's health: "processing stopped"), taken in at the next
     * {@link #evaluate}: {@code detail} non-null while it holds, null when it ended.
     */
    public void setCondition(String src, AlarmKind kind, String detail) {
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
     * @return the rows that activated now and should be notified, in source order: one per episode, none for a
     *         suppressed, shelved or (after its first notice as such) chattering point
     */
    public List<Alarm> evaluate(Judgement j, long nowMillis) {
        lastNow = nowMillis;
        boolean changed = unshelveExpired(nowMillis);
        // The detail of a source's alarm is written only when it activates (a view until then): an alarm already
        // active does not need it again, and writing 50,000 of them each second is what a mass stale costs.
        Map<Key, Object> want = new LinkedHashMap<>();
        Episode episode = j.currentEpisode();
        int badlyInEpisode = 0;
        for (int id = 0; id < j.sourceCount(); id++) {
            SourceView v = j.snapshot().source(id);
            AlarmKind kind = kindOf(j.state(id));
            if (kind != null) {
                want.put(new Key(v.src(), kind), v);
                if (kind == AlarmKind.LOSS && j.episodeSources().contains(v.src())) {
                    badlyInEpisode++;
                }
            }
        }
        // Two or more sources of one episode that would each raise a loss alarm raise the episode's instead.
        if (episode != null && badlyInEpisode >= EPISODE_MIN_SOURCES) {
            episodeRaised = episode.id();
        }
        Set<String> inEpisode = episode != null && episode.id() == episodeRaised ? j.episodeSources() : Set.of();
        if (episode != null && episode.id() == episodeRaised) {
            want.put(new Key(EPISODE_SOURCE, AlarmKind.EPISODE), AlarmModel.episodeDetail(episode));
        }
        want.putAll(external);
        List<Alarm> notify = new ArrayList<>();
        JudgeConfig config = j.config();
        for (Map.Entry<Key, Object> e : want.entrySet()) {
            Key k = e.getKey();
            Alarm row = rows.get(k);
            boolean suppressed = k.kind() == AlarmKind.LOSS && inEpisode.contains(k.src());
            if (row != null && row.active()) {
                if (k.kind() == AlarmKind.EPISODE && !row.detail().equals(e.getValue())) {
                    row = new Alarm(row.id(), row.src(), row.kind(), row.firstMillis(), row.lastMillis(),
                            row.count(), true, row.acknowledged(), -1, row.shelvedUntil(), false, row.chattering(),
                            (String) e.getValue(), row.guidance()); // the open episode's evidence grows
                    rows.put(k, row);
                    changed = true;
                }
                if (row.suppressed() != suppressed) {
                    rows.put(k, row.with(true, row.acknowledged(), -1, row.shelvedUntil(), suppressed,
                            row.chattering()));
                    changed = true;
                }
                continue;
            }
            if (!onDelayPassed(k)) {
                continue;
            }
            String detail = e.getValue() instanceof SourceView v ? AlarmModel.detail(v, k.kind(), j, nowMillis)
                    : (String) e.getValue();
            Alarm a = activate(k, row, detail, config.guidanceFor(k.src()), suppressed, nowMillis);
            changed = true;
            boolean becameChattering = a.chattering() && (row == null || !row.chattering());
            if (a.shelvedUntil() < 0 && !suppressed && (!a.chattering() || becameChattering)) {
                notify.add(a);
            }
        }
        pending.keySet().retainAll(want.keySet());
        for (Map.Entry<Key, Alarm> e : rows.entrySet()) {
            Alarm a = e.getValue();
            if (a.active() && !want.containsKey(e.getKey())) {
                e.setValue(a.with(false, a.acknowledged(), nowMillis, a.shelvedUntil(), false, a.chattering()));
                changed = true;
            } else if (a.chattering() && !a.active() && quietSince(e.getKey(), nowMillis)) {
                e.setValue(a.with(false, a.acknowledged(), a.clearedMillis(), a.shelvedUntil(), false, false));
                changed = true;
            }
        }
        if (changed) {
            trim();
            changed();
        } else {
            publish(false); // the rate over ten minutes moves with the clock
        }
        return notify.isEmpty() ? List.of() : notify;
    }

    private static AlarmKind kindOf(SourceState s) {
        return switch (s) {
            case STALE -> AlarmKind.STALE;
            case BADLY_LOSING -> AlarmKind.LOSS;
            case ALARM, FAULT -> AlarmKind.STATUS;
            case CONFLICT -> AlarmKind.CONFLICT;
            default -> null;
        };
    }

    /** The on-delays: a stale point waits three evaluations, a loss point two; the rest none. */
    private boolean onDelayPassed(Key k) {
        int need = switch (k.kind()) {
            case STALE -> STALE_ON_DELAY_EVALUATIONS;
            case LOSS -> LOSS_ON_DELAY_EVALUATIONS;
            default -> 1;
        };
        int seen = pending.merge(k, 1, Integer::sum);
        return seen >= need;
    }

    private Alarm activate(Key k, Alarm row, String detail, String guidance, boolean suppressed, long now) {
        pending.remove(k);
        ArrayDeque<Long> times = activations.computeIfAbsent(k, x -> new ArrayDeque<>());
        times.addLast(now);
        while (!times.isEmpty() && times.peekFirst() <= now - CHATTER_MILLIS) {
            times.removeFirst();
        }
        rate.addLast(now);
        Alarm a = row == null
                ? new Alarm(nextId++, k.src(), k.kind(), now, now, 1, true, false, -1, -1, suppressed, false, detail,
                guidance)
                : row.activated(now, detail, guidance, suppressed);
        if (times.size() >= CHATTER_COUNT && !a.chattering()) {
            a = a.with(true, false, -1, a.shelvedUntil(), suppressed, true);
        }
        rows.put(k, a);
        return a;
    }

    /** No activation within the chattering window any more. */
    private boolean quietSince(Key k, long now) {
        ArrayDeque<Long> times = activations.get(k);
        return times == null || times.isEmpty() || times.peekLast() <= now - CHATTER_MILLIS;
    }

    private boolean unshelveExpired(long now) {
        boolean changed = false;
        for (Map.Entry<Key, Alarm> e : rows.entrySet()) {
            Alarm a = e.getValue();
            if (a.shelvedUntil() >= 0 && now >= a.shelvedUntil()) {
                e.setValue(a.with(a.active(), a.acknowledged(), a.clearedMillis(), -1, a.suppressed(),
                        a.chattering()));
                changed = true;
            }
        }
        return changed;
    }

    // ---- operator actions ----

    /** Acknowledges one row; false if there is no such row or nothing to acknowledge. */
    public boolean acknowledge(long id) {
        Map.Entry<Key, Alarm> e = entry(id);
        if (e == null || e.getValue().acknowledged()) {
            return false;
        }
        e.setValue(e.getValue().acknowledge());
        changed();
        return true;
    }

    private Map.Entry<Key, Alarm> entry(long id) {
        for (Map.Entry<Key, Alarm> e : rows.entrySet()) {
            if (e.getValue().id() == id) {
                return e;
            }
        }
        return null;
    }

    /** Acknowledges every row; returns how many were not yet acknowledged. */
    public int acknowledgeAll() {
        int n = 0;
        for (Map.Entry<Key, Alarm> e : rows.entrySet()) {
            if (!e.getValue().acknowledged()) {
                e.setValue(e.getValue().acknowledge());
                n++;
            }
        }
        if (n > 0) {
            changed();
        }
        return n;
    }

    /**
     * Shelves a row until {@code untilMillis} (the operator's choice): it raises and notifies nothing until then,
     * and is then back in whatever state its condition is. False if no such row or the time is not in the future.
     */
    public boolean shelve(long id, long untilMillis) {
        return untilMillis > lastNow && setShelf(id, untilMillis);
    }

    /** Takes a row off the shelf now. */
    public boolean unshelve(long id) {
        Map.Entry<Key, Alarm> e = entry(id);
        return e != null && e.getValue().shelvedUntil() >= 0 && setShelf(id, -1);
    }

    private boolean setShelf(long id, long until) {
        Map.Entry<Key, Alarm> e = entry(id);
        if (e == null) {
            return false;
        }
        Alarm a = e.getValue();
        e.setValue(a.with(a.active(), a.acknowledged(), a.clearedMillis(), until, a.suppressed(), a.chattering()));
        changed();
        return true;
    }

    /** Drops rows in state normal (cleared and acknowledged). */
    public int clearResolvedAcknowledged() {
        int n = 0;
        for (Iterator<Alarm> it = rows.values().iterator(); it.hasNext(); ) {
            if (it.next().state() == AlarmState.NORMAL) {
                it.remove();
                n++;
            }
        }
        if (n > 0) {
            changed();
        }
        return n;
    }

    private void trim() {
        for (Iterator<Alarm> it = rows.values().iterator(); it.hasNext() && rows.size() > logCapacity; ) {
            if (it.next().state() == AlarmState.NORMAL) {
                it.remove();
            }
        }
    }

    private void changed() {
        version++;
        Set<String> srcs = new LinkedHashSet<>();
        int count = 0, on = 0;
        for (Alarm a : rows.values()) {
            if (a.needsAcknowledging()) {
                srcs.add(a.src());
                count++;
            }
            if (a.active()) {
                on++;
            }
        }
        unacknowledgedSources = Collections.unmodifiableSet(srcs);
        unacknowledged = count;
        active = on;
        publish(true);
    }

    private void publish(boolean rowsChanged) {
        int perTen = rateNow();
        Published p = made;
        if (rowsChanged) {
            List<Alarm> log = new ArrayList<>(rows.values());
            log.sort((a, b) -> Long.compare(a.id(), b.id()));
            p = new Published(version, List.copyOf(log), Map.copyOf(rows), unacknowledgedSources, unacknowledged,
                    active, perTen);
        } else if (perTen != p.perTenMinutes()) {
            p = new Published(p.version(), p.log(), p.byKey(), p.unacknowledgedSources(), p.unacknowledged(),
                    p.active(), perTen);
        } else {
            return;
        }
        made = p;
        published = p;
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
        for (Alarm a : published.log()) {
            if (a.id() == id) {
                return a;
            }
        }
        return null;
    }

    /** The row of a point, or null if it never alarmed. */
    public Alarm point(String src, AlarmKind kind) {
        return published.byKey().get(new Key(src, kind));
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

    /** Increases with every change; a view redraws when it differs from what it last drew. */
    public long version() {
        return published.version();
    }
}
