package org.gapwatch.cli;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gapwatch.export.MetricsAddress;
import org.gapwatch.export.SnapshotCollector;
import org.gapwatch.export.SnapshotCollector.Thresholds;
import org.gapwatch.net.GroupSpec;
import org.gapwatch.net.ReceiverConfig;
import org.gapwatch.settings.ProbeConfig;
import org.gapwatch.track.TrackerConfig;

/**
 * What a {@code listen} run uses: its options where they were given on the command line, else the config file's
 * values, else the defaults. Made again from the file on SIGHUP, with the same command line.
 *
 * @param metrics null for no metrics server
 */
record ProbeSettings(List<GroupSpec> groups, String networkInterface, int maxSources, int receiveBuffer,
                     long defaultStaleMillis, Thresholds thresholds, InetSocketAddress metrics,
                     int metricsMaxSourceSeries) {

    /** The options the command line gave, each null where it was not given. */
    record CommandLine(List<String> groups, String networkInterface, Integer maxSources, Integer receiveBuffer,
                       String metrics, Integer metricsMaxSourceSeries) {
    }

    static final double DEFAULT_WARN_PERCENT = 1.0;
    static final double DEFAULT_ALARM_PERCENT = 5.0;

    /** The subscriptions of one spec ({@code sacn://1-8} is eight), each checked (a jsonmap mapping loaded). */
    static List<GroupSpec> checked(String spec) {
        List<GroupSpec> out = GroupSpec.parseAll(spec);
        out.forEach(g -> g.check(org.gapwatch.files.MappingFiles::read));
        return out;
    }

    static ProbeSettings of(CommandLine cl, ProbeConfig file, Path path) {
        ProbeConfig f = file != null ? file : new ProbeConfig(null, null, null, null, null, null, null, null, null);
        List<GroupSpec> groups = new ArrayList<>();
        if (cl.groups() != null && !cl.groups().isEmpty()) {
            for (String g : cl.groups()) {
                groups.addAll(checked(g)); // a usage error, said by the caller
            }
        } else if (f.groups() != null) {
            for (String g : f.groups()) {
                try {
                    groups.addAll(checked(g));
                } catch (IllegalArgumentException e) {
                    throw ProbeConfig.bad(path, e.getMessage());
                }
            }
        } else {
            throw new IllegalArgumentException("listen needs --group, or --config with \"groups\"");
        }
        String metricsText = first(cl.metrics(), f.metrics());
        InetSocketAddress metrics = null;
        if (metricsText != null) {
            try {
                metrics = MetricsAddress.parse(metricsText);
            } catch (IllegalArgumentException e) {
                throw cl.metrics() != null ? e : ProbeConfig.bad(path, e.getMessage());
            }
        }
        double warn = first(f.lossWarnPercent(), DEFAULT_WARN_PERCENT);
        double alarm = first(f.lossAlarmPercent(), Math.max(warn, DEFAULT_ALARM_PERCENT));
        return new ProbeSettings(List.copyOf(groups), first(cl.networkInterface(), f.networkInterface()),
                first(cl.maxSources(), first(f.maxSources(), TrackerConfig.DEFAULT_MAX_SOURCES)),
                first(cl.receiveBuffer(), first(f.receiveBuffer(), ReceiverConfig.DEFAULT_RECEIVE_BUFFER)),
                first(f.defaultStaleMillis(), TrackerConfig.defaults().defaultStaleMillis()),
                Thresholds.ofPercent(warn, alarm), metrics,
                first(cl.metricsMaxSourceSeries(), first(f.metricsMaxSourceSeries(),
                        SnapshotCollector.DEFAULT_MAX_SOURCE_SERIES)));
    }

    /** The judgement at the probe's loss levels (over the last minute), so that the state agrees with the alerts. */
    org.gapwatch.judge.JudgeConfig judgeConfig() {
        return new org.gapwatch.judge.JudgeConfig(new org.gapwatch.judge.Thresholds(thresholds.lossWarnRatio(),
                thresholds.lossAlarmRatio(), org.gapwatch.judge.LossWindow.ONE_MINUTE), List.of(),
                org.gapwatch.judge.JudgeConfig.DEFAULT_QUIET_MILLIS);
    }

    TrackerConfig trackerConfig() {
        TrackerConfig d = TrackerConfig.defaults();
        return new TrackerConfig(maxSources, defaultStaleMillis, d.minMedianStaleMillis());
    }

    private static <T> T first(T a, T b) {
        return a != null ? a : b;
    }
}
