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
import org.gapwatch.fault.Faults;
import org.gapwatch.fault.LoopState;
import org.gapwatch.net.GroupSpec;
import org.gapwatch.net.MulticastReceiver;
import org.gapwatch.net.ReceiverConfig;
import org.gapwatch.net.ReceiverStatus;
import org.gapwatch.net.Warmup;
import org.gapwatch.track.TrackerConfig;
import org.gapwatch.track.TrackerSnapshot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
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

    @Option(names = "--group", paramLabel = "G:P[@S]", required = true,
            description = "Group to join: ADDRESS:PORT or ADDRESS:PORT@SOURCE (repeatable).")
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

    @Option(names = "--json", description = "Print summaries as one JSON object per line.")
    boolean json;

    @Option(names = "--no-warmup", description = "Skip compiling the decode path before joining (starts faster;"
            + " the first second of a flood may then overflow the socket buffer).")
    boolean noWarmup;

    @Option(names = "--record", paramLabel = "FILE",
            description = "Also write every received datagram to this pcap file (opens in Wireshark and tcpdump).")
    java.nio.file.Path record;

    @Option(names = "--record-max-size", paramLabel = "SIZE", converter = SizeConverter.class,
            description = "Start a new record file at this size (e.g. 100M), keeping --record-keep files.")
    long recordMaxSize;

    @Option(names = "--record-keep", paramLabel = "N",
            description = "Record files kept when rotating: FILE, FILE.1 ... (default: ${DEFAULT-VALUE}).")
    int recordKeep = 10;

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
        List<GroupSpec> specs = Groups.parse(spec, groups);
        if (record != null) {
            try {
                hooks = new RecordingHooks(record, recordMaxSize, recordKeep);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
        } else if (recordMaxSize != 0) {
            throw new ParameterException(spec.commandLine(), "--record-max-size needs --record");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!noWarmup) {
            Warmup.run(400_000);
        }
        Engine engine = new Engine(TrackerConfig.defaults().withMaxSources(maxSources));
        // Errors the loops survive: once per distinct trace on stderr, with the trace in the error log file.
        Faults faults = Faults.toDefaultLog(line -> {
            err.println(line);
            err.flush();
        });
        MulticastReceiver receiver = new MulticastReceiver(engine, new ReceiverConfig(specs, networkInterface,
                receiveBuffer), faults);
        // A loop that stops by itself ends the run: the summary of what was seen, the reason, exit 3.
        CountDownLatch stop = new CountDownLatch(1);
        AtomicReference<String> loopStopped = new AtomicReference<>();
        faults.onChange(h -> {
            if (h.state() == LoopState.STOPPED && loopStopped.compareAndSet(null, h.name() + " stopped: "
                    + h.reason())) {
                stop.countDown();
            }
        });
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

        CountDownLatch printed = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        Runnable finish = () -> {
            if (!finished.compareAndSet(false, true)) {
                return;
            }
            boolean ended = closeInTime(receiver);
            hooks.stopped(err);
            long now = System.currentTimeMillis();
            // When the loops have ended the tracker is ours to read; else the last snapshot they published.
            TrackerSnapshot last = ended ? engine.trackerOnWriterThread().snapshot(now) : engine.snapshot();
            if (!ended) {
                err.println("gapwatch: the receive loops did not end in time; the summary is their last snapshot");
            }
            out.println(json ? Summary.json(last, now) : Summary.table(last, now));
            out.flush();
            if (loopStopped.get() != null) {
                err.println("gapwatch: " + loopStopped.get() + "; exit " + EXIT_LOOP_STOPPED);
            }
            err.flush();
            printed.countDown();
        };
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
            Runtime.getRuntime().halt(loopStopped.get() != null ? EXIT_LOOP_STOPPED : 0);
        }, "gapwatch-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);

        ScheduledExecutorService ticker = null;
        if (every != null && !every.isZero()) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "gapwatch-every");
                t.setDaemon(true);
                return t;
            });
            long ms = Math.max(1, every.toMillis());
            ticker.scheduleAtFixedRate(() -> {
                long now = System.currentTimeMillis();
                TrackerSnapshot s = engine.snapshot();
                out.println(json ? Summary.json(s, now) : Summary.table(s, now));
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
        return loopStopped.get() != null ? EXIT_LOOP_STOPPED : 0;
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
