package org.gapwatch.alarm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.gapwatch.track.SourceView;
import org.gapwatch.track.TrackerSnapshot;

/**
 * Raises and resolves alarms from successive {@link TrackerSnapshot}s and keeps their log. One alarm per episode:
 * raised when a condition starts, resolved (and kept in the log) when it ends, raised anew if it comes back.
 *
 * <p>Not thread-safe: evaluate, acknowledge and read from one thread (the UI's). One model serves one engine.
 * Evaluating costs a pass over the sources without allocation for those in no alarm, so once per pulse is
 * affordable, once a second is enough.
 */
public final class AlarmModel {
    /** Log entries kept; beyond it the oldest resolved ones are dropped. */
    public static final int DEFAULT_LOG_CAPACITY = 10_000;
    /** The source name of a {@link AlarmKind#WIDESPREAD_LOSS} alarm. */
    public static final String ALL_SOURCES = "(many sources)";
    /** The source name of a {@link AlarmKind#RECEIVER} alarm. */
    public static final String RECEIVER = "(this monitor's receiver)";
    /** Loss counts as widespread when at least this many sources lose at once... */
    static final int WIDESPREAD_MIN_SOURCES = 10;
    /** ...and at least this share of all sources. */
    static final double WIDESPREAD_MIN_SHARE = 0.25;

    private record OpenKey(String src, AlarmKind kind) {
    }

    private AlarmThresholds thresholds;
    private final int logCapacity;
    private final LinkedHashMap<Long, Alarm> log = new LinkedHashMap<>();
    private final Map<OpenKey, Alarm> open = new HashMap<>();
    /** Per source id: bits of the kinds with an open alarm, so sources in no alarm need no map lookup. */
    private int[] openBits = new int[0];
    /** Per source id: losing as part of a widespread-loss episode, so no loss alarm of its own until it clears. */
    private boolean[] covered = new boolean[0];
    /**
     * Per source id: over the loss level at the last evaluation, not yet alarmed. A loss alarm waits one evaluation
     * (an on-delay of about a second), because a storm shows up source by source as each one's next datagram
     * reveals its gap: by the next evaluation it is either one widespread episode or this source's own.
     */
    private boolean[] lossPending = new boolean[0];
    /**
     * A stale alarm waits until the source was stale at this many evaluations in a row (about two seconds at one a
     * second): in a loss storm, fast sources miss their staleness time for a moment by the dozen, and the next
     * datagram that gets through ends it; a source that has really stopped is still stale then.
     */
    static final int STALE_ON_DELAY_EVALUATIONS = 3;
    private int[] staleEvaluations = new int[0];
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private long nextId = 1;
    private long version;
    private Set<String> unacknowledgedSources = Set.of();
    private int unacknowledged;

    public AlarmModel() {
        this(AlarmThresholds.defaults(), DEFAULT_LOG_CAPACITY);
    }

    public AlarmModel(AlarmThresholds thresholds, int logCapacity) {
        this.thresholds = thresholds;
        this.logCapacity = logCapacity;
    }

    public AlarmThresholds thresholds() {
        return thresholds;
    }

    /** Takes effect at the next {@link #evaluate}: alarms whose condition no longer holds are resolved there. */
    public void setThresholds(AlarmThresholds thresholds) {
        this.thresholds = thresholds;
    }

    /** Called after every change (evaluate that raised or resolved, acknowledge, clear), on the model's thread. */
    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    public void removeListener(Runnable listener) {
        listeners.remove(listener);
    }

    /**
     * Checks every source of {@code snapshot} at time {@code nowMillis}: raises alarms whose condition started,
     * resolves those whose condition ended.
     *
     * @return the alarms raised by this call, in source order (for notification)
     */
    public List<Alarm> evaluate(TrackerSnapshot snapshot, long nowMillis) {
        int n = snapshot.sourceCount();
        if (openBits.length < n) {
            openBits = Arrays.copyOf(openBits, Math.max(n, openBits.length * 2));
            covered = Arrays.copyOf(covered, openBits.length);
            lossPending = Arrays.copyOf(lossPending, openBits.length);
            staleEvaluations = Arrays.copyOf(staleEvaluations, openBits.length);
        }
        int[] want = new int[n];
        int losing = 0;
        for (int id = 0; id < n; id++) {
            // A covered source is held to the clearing level, like one in alarm: the episode ends when it clears.
            int held = openBits[id] | (covered[id] ? AlarmKind.LOSS.bit() : 0);
            SourceView v = snapshot.source(id);
            want[id] = conditions(v, nowMillis, held);
            // A storm ramps up source by source: count every source past the clearing level as part of it, so the
            // episode is seen before the first sources pass the raise level on their own.
            losing += v.lossFraction1m() > thresholds.lossClearFraction() ? 1 : 0;
            if ((want[id] & AlarmKind.LOSS.bit()) == 0) {
                covered[id] = false;
                lossPending[id] = false;
            }
            if ((want[id] & AlarmKind.STALE.bit()) == 0) {
                staleEvaluations[id] = 0;
            }
        }
        // Loss everywhere at once is one event (the network or this machine), not hundreds of alarms: one alarm
        // stands for it, and sources not already in a loss alarm raise none of their own while it lasts.
        boolean widespread = losing >= Math.max(WIDESPREAD_MIN_SOURCES, Math.ceil(WIDESPREAD_MIN_SHARE * n));
        List<Alarm> raised = new ArrayList<>();
        boolean changed = widespread(widespread, losing, n, nowMillis, raised);
        for (int id = 0; id < n; id++) {
            int have = openBits[id];
            int w = want[id];
            if ((w & AlarmKind.STALE.bit()) != 0 && (have & AlarmKind.STALE.bit()) == 0
                    && ++staleEvaluations[id] < STALE_ON_DELAY_EVALUATIONS) {
                w &= ~AlarmKind.STALE.bit();
            }
            if ((w & AlarmKind.LOSS.bit()) != 0 && (have & AlarmKind.LOSS.bit()) == 0) {
                if (widespread) {
                    covered[id] = true;
                }
                if (covered[id] || !lossPending[id]) {
                    lossPending[id] = !covered[id];
                    w &= ~AlarmKind.LOSS.bit();
                }
            }
            if (w == have) {
                continue;
            }
            SourceView v = snapshot.source(id);
            for (AlarmKind kind : AlarmKind.values()) {
                int bit = kind.bit();
                if ((w & bit) != 0 && (have & bit) == 0) {
                    raised.add(raise(v, kind, nowMillis));
                } else if ((w & bit) == 0 && (have & bit) != 0) {
                    resolve(v.src(), kind, nowMillis);
                }
            }
            openBits[id] = w;
            changed = true;
        }
        if (changed) {
            trimLog();
            changed();
        }
        return raised.isEmpty() ? List.of() : raised;
    }

    /**
     * Raises, replaces or resolves the one receiver alarm: {@code problem} is null while the receiver's loops run
     * well, else one line ("processing stopped: REASON", "processing stalled: ..."). A different problem is a new
     * episode (stalled, then stopped, is two alarms).
     *
     * @return the alarm raised by this call, if any (for notification)
     */
    public List<Alarm> receiver(String problem, long nowMillis) {
        OpenKey key = new OpenKey(RECEIVER, AlarmKind.RECEIVER);
        Alarm open = this.open.get(key);
        if (open == null ? problem == null : open.detail().equals(problem)) {
            return List.of();
        }
        if (open != null) {
            resolve(RECEIVER, AlarmKind.RECEIVER, nowMillis);
        }
        List<Alarm> raised = List.of();
        if (problem != null) {
            Alarm a = new Alarm(nextId++, nowMillis, RECEIVER, AlarmKind.RECEIVER, problem, false, -1);
            this.open.put(key, a);
            log.put(a.id(), a);
            raised = List.of(a);
        }
        trimLog();
        changed();
        return raised;
    }

    /** Raises or resolves the one widespread-loss alarm; true if it did either. */
    private boolean widespread(boolean now, int losing, int sources, long nowMillis, List<Alarm> raised) {
        OpenKey key = new OpenKey(ALL_SOURCES, AlarmKind.WIDESPREAD_LOSS);
        boolean isOpen = open.containsKey(key);
        if (now && !isOpen) {
            Alarm a = new Alarm(nextId++, nowMillis, ALL_SOURCES, AlarmKind.WIDESPREAD_LOSS,
                    String.format(Locale.ROOT, "loss over %.1f%% at %d of %d sources at once: the network or this"
                            + " machine, not one publisher (see socket drops)", 100 * thresholds.lossRaiseFraction(),
                            losing, sources), false, -1);
            open.put(key, a);
            log.put(a.id(), a);
            raised.add(a);
            return true;
        }
        if (!now && isOpen) {
            resolve(ALL_SOURCES, AlarmKind.WIDESPREAD_LOSS, nowMillis);
            return true;
        }
        return false;
    }

    private int conditions(SourceView v, long now, int have) {
        AlarmThresholds t = thresholds;
        int bits = 0;
        if (t.stale() && v.isStale(now)) {
            bits |= AlarmKind.STALE.bit();
        }
        double loss = v.lossFraction1m();
        double level = (have & AlarmKind.LOSS.bit()) != 0 ? t.lossClearFraction() : t.lossRaiseFraction();
        if (loss > level) {
            bits |= AlarmKind.LOSS.bit();
        }
        if (t.status() && v.status() != null && v.status().isAlarming()) {
            bits |= AlarmKind.STATUS.bit();
        }
        if (t.conflict() && v.conflict(now)) {
            bits |= AlarmKind.CONFLICT.bit();
        }
        return bits;
    }

    private Alarm raise(SourceView v, AlarmKind kind, long now) {
        Alarm a = new Alarm(nextId++, now, v.src(), kind, detail(v, kind, now), false, -1);
        Alarm previous = open.put(new OpenKey(v.src(), kind), a);
        if (previous != null) {
            // Only when sources were renumbered (another engine): close the stale entry.
            log.put(previous.id(), previous.resolve(now));
        }
        log.put(a.id(), a);
        return a;
    }

    private void resolve(String src, AlarmKind kind, long now) {
        Alarm a = open.remove(new OpenKey(src, kind));
        if (a != null) {
            log.put(a.id(), a.resolve(now));
        }
    }

    static String detail(SourceView v, AlarmKind kind, long now) {
        return switch (kind) {
            case STALE -> String.format(Locale.ROOT, "no update for %s (stale after %s)",
                    seconds(v.ageMillis(now)), seconds(v.staleAfterMillis()));
            case LOSS -> {
                long netLost = Math.max(0, v.lost1m() - v.late1m());
                long expected = Math.max(0, v.received1m() - v.late1m()) + v.lost1m();
                yield String.format(Locale.ROOT, "%.1f%% lost in the last minute (%d of %d)",
                        100 * v.lossFraction1m(), netLost, expected);
            }
            case STATUS -> v.status().name().toLowerCase(Locale.ROOT)
                    + (v.text() == null || v.text().isEmpty() ? "" : ": " + v.text());
            case CONFLICT -> "claimed by " + v.sender() + " and " + v.otherSender();
            case WIDESPREAD_LOSS, RECEIVER -> "";
        };
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    /** Acknowledges one alarm; false if no such alarm is in the log or it was already acknowledged. */
    public boolean acknowledge(long id) {
        Alarm a = log.get(id);
        if (a == null || a.acknowledged()) {
            return false;
        }
        put(a.acknowledge());
        changed();
        return true;
    }

    /** Acknowledges every alarm in the log; returns how many were not yet acknowledged. */
    public int acknowledgeAll() {
        int n = 0;
        for (Map.Entry<Long, Alarm> e : log.entrySet()) {
            if (!e.getValue().acknowledged()) {
                Alarm a = e.getValue().acknowledge();
                e.setValue(a);
                OpenKey k = new OpenKey(a.src(), a.kind());
                if (a.active() && open.containsKey(k)) {
                    open.put(k, a);
                }
                n++;
            }
        }
        if (n > 0) {
            changed();
        }
        return n;
    }

    /** Drops resolved, acknowledged alarms from the log. */
    public int clearResolvedAcknowledged() {
        int n = 0;
        for (Iterator<Alarm> it = log.values().iterator(); it.hasNext(); ) {
            Alarm a = it.next();
            if (!a.active() && a.acknowledged()) {
                it.remove();
                n++;
            }
        }
        if (n > 0) {
            changed();
        }
        return n;
    }

    private void put(Alarm a) {
        log.put(a.id(), a);
        OpenKey k = new OpenKey(a.src(), a.kind());
        Alarm o = open.get(k);
        if (o != null && o.id() == a.id()) {
            open.put(k, a);
        }
    }

    private void trimLog() {
        if (log.size() <= logCapacity) {
            return;
        }
        for (Iterator<Alarm> it = log.values().iterator(); it.hasNext() && log.size() > logCapacity; ) {
            if (!it.next().active()) {
                it.remove();
            }
        }
    }

    private void changed() {
        version++;
        Set<String> srcs = new LinkedHashSet<>();
        int count = 0;
        for (Alarm a : log.values()) {
            if (!a.acknowledged()) {
                srcs.add(a.src());
                count++;
            }
        }
        unacknowledgedSources = Collections.unmodifiableSet(srcs);
        unacknowledged = count;
        for (Runnable r : listeners) {
            r.run();
        }
    }

    /** Every alarm kept, oldest first. A copy. */
    public List<Alarm> log() {
        return List.copyOf(log.values());
    }

    /** The alarm with this id, or null if it is not (or no longer) in the log. */
    public Alarm get(long id) {
        return log.get(id);
    }

    /** Alarms whose condition still holds, oldest first. */
    public List<Alarm> active() {
        List<Alarm> out = new ArrayList<>(open.values());
        out.sort((a, b) -> Long.compare(a.id(), b.id()));
        return out;
    }

    /**
     * Sources with an alarm nobody acknowledged yet, whether or not its condition still holds (an operator must see
     * that something happened while away). For the wall's blinking tiles. Unmodifiable; a new set after each change.
     */
    public Set<String> unacknowledgedSources() {
        return unacknowledgedSources;
    }

    public int unacknowledgedCount() {
        return unacknowledged;
    }

    public int activeCount() {
        return open.size();
    }

    /** Increases with every change; a view redraws when it differs from what it last drew. */
    public long version() {
        return version;
    }
}
