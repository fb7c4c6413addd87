package org.gapwatch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.gapwatch.export.MetricsEndpoint;
import org.gapwatch.export.SnapshotCollector;
import org.gapwatch.judge.Judge;
import org.gapwatch.net.GroupSpec;
import org.gapwatch.net.MulticastReceiver;
import org.gapwatch.settings.ProbeConfig;

/**
 * Applies a changed config file to a running probe (SIGHUP): joins the groups that are new, leaves those that are
 * gone, and keeps everything else running, so the counts of sources in groups that stay go on. The interface,
 * the metrics server, the export limits and the loss levels change at once; the source limit, receive buffer and staleness
 * default are the tracker's and the sockets', and say so until the next start. A file that does not load leaves
 * the running config as it is, with one line saying why.
 */
final class ProbeReload {
    private final Path file;
    private final ProbeSettings.CommandLine commandLine;
    private final MulticastReceiver receiver;
    private final SnapshotCollector collector;
    private final Judge judge;
    private final MetricsEndpoint metrics;
    private final PrintWriter err;
    private ProbeSettings current;

    ProbeReload(Path file, ProbeSettings.CommandLine commandLine, ProbeSettings current, MulticastReceiver receiver,
                SnapshotCollector collector, Judge judge, MetricsEndpoint metrics, PrintWriter err) {
        this.judge = judge;
        this.file = file;
        this.commandLine = commandLine;
        this.current = current;
        this.receiver = receiver;
        this.collector = collector;
        this.metrics = metrics;
        this.err = err;
    }

    /** Reads the file again and applies it; never throws. */
    synchronized void reload() {
        ProbeSettings next;
        try {
            next = ProbeSettings.of(commandLine, ProbeConfig.load(file), file);
        } catch (RuntimeException e) {
            say("reload failed, running config kept: " + e.getMessage());
            return;
        }
        List<String> done = new ArrayList<>();
        // The groups joined at each moment, so that a reload stopped half-way knows what runs.
        Set<GroupSpec> running = new LinkedHashSet<>(current.groups());
        try {
            for (GroupSpec g : current.groups()) {
                if (!next.groups().contains(g)) {
                    receiver.leave(g).get(10, TimeUnit.SECONDS);
                    running.remove(g);
                    done.add("left " + g);
                }
            }
            for (GroupSpec g : next.groups()) {
                if (running.add(g)) {
                    receiver.join(g).get(10, TimeUnit.SECONDS);
                    done.add("joined " + g);
                }
            }
            if (!Objects.equals(current.networkInterface(), next.networkInterface())) {
                receiver.switchInterface(next.networkInterface()).get(10, TimeUnit.SECONDS);
                done.add("interface " + (next.networkInterface() == null ? "default" : next.networkInterface()));
            }
            collector.configure(next.metricsMaxSourceSeries(), next.thresholds());
            judge.setConfig(next.judgeConfig());
            if (!Objects.equals(current.metrics(), next.metrics())) {
                metrics.moveTo(next.metrics());
                done.add(next.metrics() == null ? "metrics off" : "metrics on " + metrics.url());
            }
            if (current.maxSources() != next.maxSources() || current.receiveBuffer() != next.receiveBuffer()
                    || current.defaultStaleMillis() != next.defaultStaleMillis()) {
                done.add("maxSources, receiveBuffer and defaultStaleMillis take effect at the next start");
            }
            current = next;
            say("reloaded " + file + (done.isEmpty() ? ": nothing changed" : ": " + String.join("; ", done)));
        } catch (Exception e) {
            // A join that failed (a port taken) leaves that group out; the next reload tries again from the file.
            running.removeIf(g -> !done.contains("joined " + g) && !current.groups().contains(g));
            String why = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
            say("reload of " + file + " stopped (" + why + ")"
                    + (done.isEmpty() ? "" : " after: " + String.join("; ", done)));
            current = new ProbeSettings(List.copyOf(running), current.networkInterface(), current.maxSources(),
                    current.receiveBuffer(), current.defaultStaleMillis(), current.thresholds(), current.metrics(),
                    current.metricsMaxSourceSeries());
        }
    }

    private void say(String line) {
        err.println("gapwatch: " + line);
        err.flush();
    }
}
