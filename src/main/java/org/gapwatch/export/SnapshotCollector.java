package org.gapwatch.export;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.StateSetSnapshot;
import io.prometheus.metrics.model.snapshots.StateSetSnapshot.StateSetDataPointSnapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.gapwatch.judge.Cause;
import org.gapwatch.judge.Judgement;
import org.gapwatch.judge.SourceState;
import org.gapwatch.protocol.RejectReason;
import org.gapwatch.track.SourceView;
import org.gapwatch.track.Totals;
import org.gapwatch.track.TrackerSnapshot;

/**
 * Turns the newest published {@link TrackerSnapshot} into Prometheus metric families on each scrape. It only reads
 * the immutable snapshot (an atomic read), so a scrape never waits for the receiver and the receiver never waits
 * for a scrape.
 *
 * <p>Cardinality is bounded: with more than {@code maxSourceSeries} sources, only sources with a problem (loss,
 * late, duplicates, restarts, stale, a second sender, a judged state other than ok or warn) keep series of their own, at most {@code maxSourceSeries},
 * the most lost first; all others are summed per group into one series with {@code src="(others)"}, and at most
 * {@code maxSourceSeries} groups are kept (the largest; the rest summed into {@code group="(others)"}). So
 * {@code sum(gapwatch_lost_total)} is the exact total either way, and {@code gapwatch_export_summarised} says when
 * the sums are in use.
 *
 * <p>The judgement (the {@code listen} command's and the desktop's own, read with {@code JudgeRunner::latest},
 * never made here) decides staleness, and adds each source's judged state as an OpenMetrics StateSet
 * {@code gapwatch_state} (one series per state, 1 for the source's, with the label named after the metric, as the
 * StateSet type has it), the count of sources in each state ({@code gapwatch_sources_by_state}, exact when series
 * are summed, which a StateSet cannot be) and the closed loss episodes by cause ({@code gapwatch_episodes_total}).
 */
public final class SnapshotCollector implements MultiCollector {
    public static final int DEFAULT_MAX_SOURCE_SERIES = 10_000;
    /** The {@code src} (and, past the group limit, {@code group}) of summed series. */
    public static final String OTHERS = "(others)";

    private final Supplier<TrackerSnapshot> snapshots;
    private final Supplier<Judgement> judgements;
    private final SourceLabels labels;
    // Changed by a reload of the probe's config while scrapes go on.
    private volatile int maxSourceSeries;
    private volatile Thresholds thresholds;

    /** Loss shares (0..1) at which a source counts as losing and as badly losing, exported for alert rules. */
    public record Thresholds(double lossWarnRatio, double lossAlarmRatio) {
        public static Thresholds ofPercent(double warnPercent, double alarmPercent) {
            return new Thresholds(warnPercent / 100, alarmPercent / 100);
        }
    }

    /**
     * @param judgements the newest judgement of the same engine (its runner's {@code latest()}): the state, the
     *                   staleness and the episodes exported are its
     */
    public SnapshotCollector(Supplier<TrackerSnapshot> snapshots, Supplier<Judgement> judgements, int maxSourceSeries,
                             SourceLabels labels, Thresholds thresholds) {
        this.snapshots = snapshots;
        this.judgements = judgements;
        this.labels = labels;
        configure(maxSourceSeries, thresholds);
    }

    /** Sets the limit of per-source series and the exported thresholds, for the next scrape on. */
    public void configure(int maxSourceSeries, Thresholds thresholds) {
        if (maxSourceSeries < 1) {
            throw new IllegalArgumentException("the most per-source series must be at least 1, not " + maxSourceSeries);
        }
        this.maxSourceSeries = maxSourceSeries;
        this.thresholds = thresholds;
    }

    /** The five per-source counters, summed where sources are summed. */
    private static final class Counts {
        long received;
        long lost;
        long late;
        long duplicates;
        long restarts;
        long stale;
        long sources;

        void add(SourceView v, boolean stale) {
            received = saturatedAdd(received, v.received());
            lost = saturatedAdd(lost, v.lost());
            late = saturatedAdd(late, v.late());
            duplicates = saturatedAdd(duplicates, v.duplicates());
            restarts = saturatedAdd(restarts, v.restarts());
            this.stale += stale ? 1 : 0;
            sources++;
        }

        void add(Counts c) {
            received = saturatedAdd(received, c.received);
            lost = saturatedAdd(lost, c.lost);
            late = saturatedAdd(late, c.late);
            duplicates = saturatedAdd(duplicates, c.duplicates);
            restarts = saturatedAdd(restarts, c.restarts);
            stale += c.stale;
            sources += c.sources;
        }
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }

    /** One series: its labels and its counts, and its source where it has one of its own (else null). */
    private record Series(Labels labels, Counts counts, SourceView source) {
    }

    @Override
    public MetricSnapshots collect() {
        TrackerSnapshot snapshot = snapshots.get();
        Judgement judged = judgements.get();
        int maxSourceSeries = this.maxSourceSeries;
        Thresholds thresholds = this.thresholds;
        List<Series> series = new ArrayList<>();
        boolean summarised = snapshot.sourceCount() > maxSourceSeries;
        int ownSeries = summarised ? summarise(snapshot, judged, maxSourceSeries, series)
                : everySource(snapshot, judged, series);

        List<MetricSnapshot> out = new ArrayList<>();
        out.add(counter("gapwatch_received", "Updates received from the source, in order or late.", series, c -> c.received));
        out.add(counter("gapwatch_lost", "Updates lost: sequence numbers never received.", series, c -> c.lost));
        out.add(counter("gapwatch_late", "Updates that arrived after a later one (counted lost, then found).", series, c -> c.late));
        out.add(counter("gapwatch_duplicates", "Updates received more than once.", series, c -> c.duplicates));
        out.add(counter("gapwatch_restarts", "Times the source restarted its sequence.", series, c -> c.restarts));
        out.add(gauge("gapwatch_stale", "1 while the source is stale (summed series: how many are).", series, c -> c.stale));
        addJudgement(judged, series, out);
        addTotals(snapshot.totals(), snapshot.invalidByReason(), out);
        out.add(single("gapwatch_sources", "Sources tracked.", snapshot.sourceCount()));
        out.add(single("gapwatch_export_summarised",
                "1 when there are more sources than per-source series allowed, and the rest are summed per group.",
                summarised ? 1 : 0));
        out.add(single("gapwatch_export_source_series", "Sources exported with series of their own.", ownSeries));
        out.add(single("gapwatch_loss_warn_ratio", "Loss share at which a source counts as losing.",
                thresholds.lossWarnRatio()));
        out.add(single("gapwatch_loss_alarm_ratio", "Loss share at which a source counts as badly losing.",
                thresholds.lossAlarmRatio()));
        return new MetricSnapshots(out);
    }

    /**
     * The judged state of each source with series of its own, as a StateSet: a source judged not yet (it appeared
     * since the last judgement, a fraction of a second ago) has none until the next scrape. Then the count per state
     * of all sources the judgement saw, and the closed episodes by cause.
     */
    private static void addJudgement(Judgement j, List<Series> series, List<MetricSnapshot> out) {
        StateSetSnapshot.Builder states = StateSetSnapshot.builder().name("gapwatch_state")
                .help("The source's judged state (ok, warn, losing, badly-losing, stale, conflict, ...): 1 for its own.");
        for (Series s : series) {
            SourceState judged = s.source() == null ? null : stateOf(j, s.source());
            if (judged != null) {
                StateSetDataPointSnapshot.Builder p = StateSetDataPointSnapshot.builder().labels(s.labels());
                for (SourceState state : SourceState.values()) {
                    p.state(state.code(), state == judged);
                }
                states.dataPoint(p.build());
            }
        }
        out.add(states.build());
        GaugeSnapshot.Builder byState = GaugeSnapshot.builder().name("gapwatch_sources_by_state")
                .help("Sources in each judged state, over all sources (also those summed per group).");
        for (SourceState state : SourceState.values()) {
            byState.dataPoint(GaugeDataPointSnapshot.builder().labels(Labels.of("state", state.code()))
                    .value(j.count(state)).build());
        }
        out.add(byState.build());
        CounterSnapshot.Builder episodes = CounterSnapshot.builder().name("gapwatch_episodes")
                .help("Loss episodes that ended, by the cause judged (docs/alarms.md, Loss episodes).");
        for (Cause c : Cause.values()) {
            episodes.dataPoint(CounterDataPointSnapshot.builder().labels(Labels.of("cause", c.code()))
                    .value(j.closedEpisodes(c)).build());
        }
        out.add(episodes.build());
    }

    /** The judged state of {@code v}, or null when the judgement did not see it (newer, or another engine's). */
    private static SourceState stateOf(Judgement j, SourceView v) {
        TrackerSnapshot judged = j.snapshot();
        int id = v.id();
        return id < judged.sourceCount() && judged.source(id).src().equals(v.src()) ? j.state(id) : null;
    }

    private int everySource(TrackerSnapshot s, Judgement judged, List<Series> series) {
        for (int i = 0; i < s.sourceCount(); i++) {
            SourceView v = s.source(i);
            Counts c = new Counts();
            c.add(v, stale(judged, v));
            series.add(new Series(sourceLabels(v, v.src()), c, v));
        }
        return s.sourceCount();
    }

    private int summarise(TrackerSnapshot s, Judgement judged, int maxSourceSeries, List<Series> series) {
        List<SourceView> problems = new ArrayList<>();
        for (int i = 0; i < s.sourceCount(); i++) {
            SourceView v = s.source(i);
            // A source named like the summed series is always summed, so that no two series have the same labels.
            if (!OTHERS.equals(v.src()) && hasProblem(v, stateOf(judged, v))) {
                problems.add(v);
            }
        }
        problems.sort(Comparator.comparingLong(SourceView::lost).reversed().thenComparingInt(SourceView::id));
        List<SourceView> own = problems.subList(0, Math.min(problems.size(), maxSourceSeries));
        boolean[] hasOwn = new boolean[s.sourceCount()];
        for (SourceView v : own) {
            hasOwn[v.id()] = true;
            Counts c = new Counts();
            c.add(v, stale(judged, v));
            series.add(new Series(sourceLabels(v, v.src()), c, v));
        }
        Map<List<String>, Counts> byGroup = new LinkedHashMap<>();
        for (int i = 0; i < s.sourceCount(); i++) {
            if (!hasOwn[i]) {
                SourceView v = s.source(i);
                byGroup.computeIfAbsent(List.of(labels.protocol(v), labels.group(v)), k -> new Counts())
                        .add(v, stale(judged, v));
            }
        }
        if (byGroup.size() > maxSourceSeries) {
            byGroup = foldSmallestGroups(byGroup, maxSourceSeries);
        }
        byGroup.forEach((key, c) -> series.add(new Series(
                Labels.of("protocol", key.get(0), "group", key.get(1), "src", OTHERS), c, null)));
        return own.size();
    }

    /** Keeps the largest groups and sums the rest into {@code group="(others)"} per protocol. */
    private static Map<List<String>, Counts> foldSmallestGroups(Map<List<String>, Counts> byGroup,
                                                               int maxSourceSeries) {
        List<Map.Entry<List<String>, Counts>> entries = new ArrayList<>(byGroup.entrySet());
        entries.sort(Comparator.comparingLong((Map.Entry<List<String>, Counts> e) -> e.getValue().sources).reversed());
        Map<List<String>, Counts> kept = new LinkedHashMap<>();
        Map<List<String>, Counts> folded = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            Map.Entry<List<String>, Counts> e = entries.get(i);
            if (i < maxSourceSeries - 1 && !OTHERS.equals(e.getKey().get(1))) {
                kept.put(e.getKey(), e.getValue());
            } else {
                folded.computeIfAbsent(List.of(e.getKey().get(0), OTHERS), k -> new Counts()).add(e.getValue());
            }
        }
        kept.putAll(folded);
        return kept;
    }

    /**
     * Counted loss, late, duplicates or restarts, or a judged state worth showing (stale, two senders, losing, a
     * fault...): staleness and conflict are the judgement's to decide, not the export's.
     */
    private static boolean hasProblem(SourceView v, SourceState judged) {
        return (judged != null && judged.isProblem()) || v.lost() > 0 || v.late() > 0 || v.duplicates() > 0
                || v.restarts() > 0;
    }

    /** Judged stale; a source judged not yet arrived a moment ago and is not. */
    private static boolean stale(Judgement judged, SourceView v) {
        return stateOf(judged, v) == SourceState.STALE;
    }

    private Labels sourceLabels(SourceView v, String src) {
        return Labels.of("protocol", labels.protocol(v), "group", labels.group(v), "src", src);
    }

    private static void addTotals(Totals t, Map<String, Long> invalidByReason, List<MetricSnapshot> out) {
        out.add(counterOf("gapwatch_datagrams", "Datagrams received, valid or not.", t.datagrams()));
        CounterSnapshot.Builder invalid = CounterSnapshot.builder().name("gapwatch_invalid")
                .help("Datagrams or updates rejected, by reason (docs/protocol.md lists them).");
        for (RejectReason r : RejectReason.values()) {
            invalid.dataPoint(CounterDataPointSnapshot.builder().labels(Labels.of("reason", r.code()))
                    .value(invalidByReason.getOrDefault(r.code(), 0L)).build());
        }
        out.add(invalid.build());
        out.add(counterOf("gapwatch_rejected_sources", "Updates from new sources refused: the source limit was reached.",
                t.rejectedSources()));
        if (t.socketDropsKnown()) {
            // Absent, not 0, where the kernel's counters cannot be read.
            out.add(counterOf("gapwatch_socket_drops", "Datagrams the kernel dropped at this machine's sockets.",
                    t.socketDrops()));
        }
    }

    private interface Figure {
        long of(Counts c);
    }

    private static CounterSnapshot counter(String name, String help, List<Series> series, Figure f) {
        CounterSnapshot.Builder b = CounterSnapshot.builder().name(name).help(help);
        for (Series s : series) {
            b.dataPoint(CounterDataPointSnapshot.builder().labels(s.labels()).value(f.of(s.counts())).build());
        }
        return b.build();
    }

    private static GaugeSnapshot gauge(String name, String help, List<Series> series, Figure f) {
        GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(name).help(help);
        for (Series s : series) {
            b.dataPoint(GaugeDataPointSnapshot.builder().labels(s.labels()).value(f.of(s.counts())).build());
        }
        return b.build();
    }

    private static CounterSnapshot counterOf(String name, String help, long value) {
        return CounterSnapshot.builder().name(name).help(help)
                .dataPoint(CounterDataPointSnapshot.builder().value(value).build()).build();
    }

    private static GaugeSnapshot single(String name, String help, double value) {
        return GaugeSnapshot.builder().name(name).help(help)
                .dataPoint(GaugeDataPointSnapshot.builder().value(value).build()).build();
    }
}
