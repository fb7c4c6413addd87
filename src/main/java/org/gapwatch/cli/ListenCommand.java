package org.gapwatch.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.Callable;
import org.gapwatch.engine.Engine;
import org.gapwatch.judge.Judge;
import org.gapwatch.judge.JudgeRunner;
import org.gapwatch.judge.Judgement;
import org.gapwatch.fault.Faults;
import org.gapwatch.fault.LoopState;
import org.gapwatch.export.MetricsEndpoint;
import org.gapwatch.export.SnapshotCollector;
import org.gapwatch.export.SourceLabels;
import org.gapwatch.net.GroupSpec;
import org.gapwatch.net.Interfaces;
import org.gapwatch.net.MulticastReceiver;
import org.gapwatch.net.ReceiverConfig;
import org.gapwatch.net.ReceiverStatus;
import org.gapwatch.net.Warmup;
import org.gapwatch.settings.ProbeConfig;
import org.gapwatch.track.TrackerConfig;
import org.gapwatch.track.TrackerSnapshot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * Headless monitoring: join, account, and print a summary on exit (after --duration, or on SIGINT/SIGTERM). If one of
 * the receiver's loops stops by itself, the summary is printed as well, the reason goes to stderr and the exit code
 * is {@link #EXIT_LOOP_STOPPED}.
 */
@Command(name = "listen", mixinStandardHelpOptions = true,
        description = "Join multicast groups headless and report per-source loss on exit.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:summary printed", "2:usage error", "3:a receive loop stopped (reason on stderr); "
                + "summary printed"})
public final class ListenCommand implements Callable<Integer> {
    /** Exit code when a receiver loop could not go on: monitoring ended early, the summary is what it saw. */
    public static final int EXIT_LOOP_STOPPED = 3;

    @Spec
    CommandSpec spec;

    @Option(names = "--group", paramLabel = "G:P[@S]",
            description = "Group to join: ADDRESS:PORT or ADDRESS:PORT@SOURCE (repeatable; required without --config).")
    List<String> groups = new ArrayList<>();

    @Option(names = "--interface", paramLabel = "IF", description = "Interface name or address (default: the system's choice).")
    String networkInterface;

    @Option(names = "--duration", paramLabel = "D", converter = DurationConverter.class,
            description = "Stop after this long (e.g. 30s, 5m); default: until SIGINT/SIGTERM.")
    Duration duration;

    @Option(names = "--every", paramLabel = "D", converter = DurationConverter.class,
            description = "Also print a summary this often while running.")
    Duration every;

    @Option(names = "--max-sources", paramLabel = "N", description = "Most sources tracked (default: ${DEFAULT-VALUE}).")
    int maxSources = TrackerConfig.DEFAULT_MAX_SOURCES;

    @Option(names = "--receive-buffer", paramLabel = "BYTES",
            description = "Receive buffer to ask the kernel for (default: ${DEFAULT-VALUE}).")
    int receiveBuffer = ReceiverConfig.DEFAULT_RECEIVE_BUFFER;

    /** A smaller buffer cannot hold one datagram of the largest size (65,507 bytes of payload). */
    static final int MIN_RECEIVE_BUFFER = 65_536;

    @Option(names = "--json", description = "Print summaries as one JSON object per line.")
    boolean json;

    @Option(names = "--no-warmup", description = "Skip compiling the decode path before joining (starts faster;"
            + " the first second of a flood may then overflow the socket buffer).")
    boolean noWarmup;

    @Option(names = "--warmup-datagrams", paramLabel = "N", hidden = true,
            description = "Synthetic datagrams of the warm-up (default: ${DEFAULT-VALUE}); tests lengthen it.")
    int warmupDatagrams = 400_000;

    @Option(names = "--record", paramLabel = "FILE",
            description = "Also write every received datagram to this pcap file (opens in Wireshark and tcpdump).")
    java.nio.file.Path record;

    @Option(names = "--record-max-size", paramLabel = "SIZE", converter = SizeConverter.class,
            description = "Start a new record file at this size (e.g. 100M), keeping --record-keep files.")
    long recordMaxSize;

    @Option(names = "--record-keep", paramLabel = "N",
            description = "Record files kept when rotating: FILE, FILE.1 ... (default: ${DEFAULT-VALUE}).")
    int recordKeep = 10;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Probe config (JSON, e.g. /etc/gapwatch/probe.json): groups, interface, thresholds, limits,"
                    + " metrics address; options given here override it. SIGHUP reloads it.")
    java.nio.file.Path config;

    @Option(names = "--metrics", paramLabel = "ADDRESS:PORT",
            description = "Serve /metrics for Prometheus (text and OpenMetrics) on this address only,"
                    + " e.g. 127.0.0.1:9477.")
    String metrics;

    @Option(names = "--metrics-max-series", paramLabel = "N",
            description = "Most sources exported with series of their own; above it the sources without problems"
                    + " are summed per group (default: " + SnapshotCollector.DEFAULT_MAX_SOURCE_SERIES + ").")
    Integer metricsMaxSeries;

    /** Lets the capture feature record what is received; null when not recording. */
    ListenHooks hooks = ListenHooks.NONE;

    @Override
    public Integer call() throws Exception {
        if (maxSources < 1) {
            throw new ParameterException(spec.commandLine(), "--max-sources must be at least 1");
        }
        if (duration != null && duration.isZero()) {
            throw new ParameterException(spec.commandLine(), "--duration must be more than 0");
        }
        if (receiveBuffer < MIN_RECEIVE_BUFFER) {
            throw new ParameterException(spec.commandLine(), "--receive-buffer must be at least " + MIN_RECEIVE_BUFFER
                    + " bytes (one largest datagram), not " + receiveBuffer);
        }
        InterfaceOption.check(spec, networkInterface);
        Groups.parse(spec, groups); // a bad --group is a usage error
        if (metricsMaxSeries != null && metricsMaxSeries < 1) {
            throw new ParameterException(spec.commandLine(), "--metrics-max-series must be at least 1");
        }
        ParseResult given = spec.commandLine().getParseResult();
        if (groups.isEmpty() && config == null) {
            throw new ParameterException(spec.commandLine(), "Missing required option: '--group=G:P[@S]'");
        }
        ProbeSettings.CommandLine fromCommandLine = new ProbeSettings.CommandLine(groups, networkInterface,
                given.hasMatchedOption("--max-sources") ? maxSources : null,
                given.hasMatchedOption("--receive-buffer") ? receiveBuffer : null, metrics, metricsMaxSeries);
        if (metrics != null) {
            try {
                org.gapwatch.export.MetricsAddress.parse(metrics);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        ProbeSettings probe = ProbeSettings.of(fromCommandLine, config == null ? null : ProbeConfig.load(config), config);
        List<GroupSpec> specs = probe.groups();
        Interfaces.resolve(probe.networkInterface()); // a bad one is said now, not after the warm-up
        if (record == null) {
            for (String option : List.of("--record-max-size", "--record-keep")) {
                if (given.hasMatchedOption(option)) {
                    throw new ParameterException(spec.commandLine(), option + " needs --record");
                }
            }
        } else {
            try {
                hooks = new RecordingHooks(record, recordMaxSize, recordKeep);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Engine engine = new Engine(probe.trackerConfig());
        engine.setResources(org.gapwatch.files.MappingFiles::read); // jsonmap mappings, checked when parsed
        // Judged on a thread of its own while listening, so the report has the loss episodes of the whole run, and
        // with the probe's loss levels, so that the exported state agrees with the exported thresholds.
        JudgeRunner judging = new JudgeRunner(new Judge(probe.judgeConfig()), engine::snapshot,
                System::currentTimeMillis, "judge").start();
        // Scrapes read the newest snapshot and the newest judgement; neither waits for the receiver nor the judge.
        SnapshotCollector collector = new SnapshotCollector(engine::snapshot, judging::latest,
                probe.metricsMaxSourceSeries(), SourceLabels.DEFAULT, probe.thresholds());
        // Bound before the warm-up, so that a port in use fails at once; scrapes see empty figures until joined.
        MetricsEndpoint endpoint;
        try {
            endpoint = new MetricsEndpoint(collector, probe.metrics());
        } catch (RuntimeException e) {
            judging.close();
            throw e;
        }
        // Set once joined; until then a signal ends the run with the (empty) summary all the same.
        AtomicReference<MulticastReceiver> joined = new AtomicReference<>();
        CountDownLatch stop = new CountDownLatch(1);
        // Errors the loops survive: once per distinct trace on stderr, with the trace in the error log file.
        Faults faults = Faults.toDefaultLog(line -> {
            err.println(line);
            err.flush();
        });
        // A loop that stops by itself ends the run: the summary of what was seen, the reason, exit 3.
        AtomicReference<String> loopStopped = new AtomicReference<>();
        faults.onChange(h -> {
            if (h.state() == LoopState.STOPPED && loopStopped.compareAndSet(null, h.name() + " stopped: "
                    + h.reason())) {
                stop.countDown();
            }
        });
        CountDownLatch printed = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        AtomicBoolean unwritten = new AtomicBoolean();
        Runnable finish = () -> {
            if (!finished.compareAndSet(false, true)) {
                return;
            }
            MulticastReceiver r = joined.get();
            boolean ended = r == null || closeInTime(r);
            endpoint.close();
            hooks.stopped(err);
            judging.close();
            long now = System.currentTimeMillis();
            // When the loops have ended the tracker is ours to read; else the last snapshot they published.
            TrackerSnapshot last = ended ? engine.trackerOnWriterThread().snapshot(now) : engine.snapshot();
            if (!ended) {
                err.println("gapwatch: the receive loops did not end in time; the summary is their last snapshot");
            }
            Judgement judged = judging.judgeNow(last, now);
            out.println(json ? Summary.json(judged, hooks::json) : Summary.table(judged));
            unwritten.set(StandardOut.failed(out, err));
            if (loopStopped.get() != null) {
                err.println("gapwatch: " + loopStopped.get() + "; exit " + EXIT_LOOP_STOPPED);
            }
            err.flush();
            printed.countDown();
        };
        // Registered before the warm-up and the joins, so that SIGTERM or Ctrl-C at any moment prints the summary.
        Thread hook = new Thread(() -> {
            stop.countDown();
            finish.run();
            try {
                // Longer than closing may take (bounded, see closeInTime), so a signal still gets its summary.
                printed.await(80, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            // A signal ends the JVM with 128+n; a summary that was printed is a normal exit.
            Runtime.getRuntime().halt(exitCode(unwritten.get(), loopStopped.get()));
        }, "gapwatch-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        if (endpoint.url() != null) {
            err.println("gapwatch: metrics on " + endpoint.url());
            err.flush();
        }

        MulticastReceiver receiver;
        try {
            if (!noWarmup) {
                err.println("gapwatch: warming up (--no-warmup skips it)");
                err.flush();
                Warmup.run(warmupDatagrams);
            }
            receiver = new MulticastReceiver(engine, new ReceiverConfig(specs, probe.networkInterface(),
                    probe.receiveBuffer()), faults);
        } catch (RuntimeException e) {
            // Cannot join (no such interface, port taken): an error line and exit 2, no summary.
            Runtime.getRuntime().removeShutdownHook(hook);
            endpoint.close();
            judging.close();
            throw e;
        }
        joined.set(receiver);
        receiver.setEventListener(e -> {
            err.println("gapwatch: " + e);
            err.flush();
        });
        ReceiverStatus status = receiver.status();
        err.println("gapwatch: listening on " + String.join(", ", status.groups()) + " via " + status.interfaceName());
        if (status.bufferWarning() != null) {
            err.println("gapwatch: " + status.bufferWarning());
        }
        err.flush();
        hooks.started(receiver, err);
        if (config != null) {
            ProbeReload reload = new ProbeReload(config, fromCommandLine, probe, receiver, collector,
                    judging.judge(), endpoint, err);
            Hangup.onSignal(reload::reload);
        }

        ScheduledExecutorService ticker = null;
        if (every != null && !every.isZero()) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "gapwatch-every");
                t.setDaemon(true);
                return t;
            });
            long ms = Math.max(1, every.toMillis());
            ticker.scheduleAtFixedRate(() -> {
                Judgement judged = judging.latest();
                out.println(json ? Summary.json(judged) : Summary.table(judged));
                out.flush();
            }, ms, ms, TimeUnit.MILLISECONDS);
        }
        receiver.start();
        if (duration != null) {
            stop.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        } else {
            stop.await();
        }
        if (ticker != null) {
            ticker.shutdownNow();
        }
        finish.run();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook finishes the job
            printed.await();
        }
        return exitCode(unwritten.get(), loopStopped.get());
    }

    /** 1 when the report could not be written, else 3 when a loop stopped, else 0. */
    private static int exitCode(boolean unwritten, String loopStopped) {
        return unwritten ? 1 : loopStopped != null ? EXIT_LOOP_STOPPED : 0;
    }

    /** Closes the receiver, waiting a bounded time; true when its loops ended and the tracker is ours. */
    private static boolean closeInTime(MulticastReceiver receiver) {
        try {
            // Closing waits while the processing loop works through a backlog, a minute at most.
            return receiver.closeAsync().get(75, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }
}
