package org.gapwatch.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.LongSupplier;
import org.gapwatch.capture.CaptureFilter;
import org.gapwatch.capture.CaptureReader;
import org.gapwatch.capture.CapturedDatagram;
import org.gapwatch.engine.Engine;
import org.gapwatch.judge.Judge;
import org.gapwatch.judge.Judgement;
import org.gapwatch.net.GroupSpec;
import org.gapwatch.track.TrackerConfig;
import org.gapwatch.track.TrackerSnapshot;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The per-source report of a capture file, with the numbers live monitoring of the same datagrams would have shown:
 * the datagrams go through the same decoder and tracker, with the capture's arrival times. "stale" is judged at the
 * capture's last timestamp.
 */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = "Report per-source loss of the UDP multicast streams in a pcap or pcapng file.")
public final class AnalyzeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "A pcap or pcapng capture (tcpdump, Wireshark, "
            + "gapwatch listen --record).")
    Path file;

    @Option(names = "--group", paramLabel = "[PROTO://]G:P[@S]",
            description = "Keep datagrams to this group and decode them with its protocol (repeatable; default: "
                    + "every multicast datagram, as JSON v1).")
    List<String> groups = new ArrayList<>();

    @Option(names = "--port", paramLabel = "PORT", description = "Keep datagrams to this port on any address "
            + "(repeatable).")
    List<Integer> ports = new ArrayList<>();

    @ArgGroup(exclusive = true)
    Output output = new Output();

    static final class Output {
        @Option(names = "--json", description = "Print the report as one JSON object (as listen --json).")
        boolean json;

        @Option(names = "--csv", description = "Print one CSV row per source.")
        boolean csv;
    }

    @Option(names = "--max-sources", paramLabel = "N", description = "Most sources tracked (default: ${DEFAULT-VALUE}).")
    int maxSources = TrackerConfig.DEFAULT_MAX_SOURCES;

    /** The clock of the progress lines; tests replace it. */
    LongSupplier nanoTime = System::nanoTime;
    /** Capture time between two judgements while reading: what the live monitor's loss episodes would see. */
    static final long JUDGE_EVERY_MILLIS = 1_000;

    @Override
    public Integer call() throws IOException {
        if (maxSources < 1) {
            throw new ParameterException(spec.commandLine(), "--max-sources must be at least 1");
        }
        List<GroupSpec> specs = Groups.parse(spec, groups);
        CaptureFilter filter;
        try {
            filter = CaptureFilter.of(specs, ports);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Result r;
        try {
            r = analyze(file, filter, TrackerConfig.defaults().withMaxSources(maxSources),
                    new ReadProgress(file, nanoTime, line -> {
                        err.println(line);
                        err.flush();
                    }));
        } catch (IOException | RuntimeException e) {
            throw namingTheFile(e);
        }
        for (String line : r.problems()) {
            err.println("gapwatch: " + file + ": " + line);
        }
        if (r.datagrams() == 0) {
            err.println("gapwatch: " + file + ": no UDP datagrams " + (specs.isEmpty() && ports.isEmpty()
                    ? "to multicast groups" : "to the chosen groups and ports") + " in this capture");
        }
        err.flush();
        if (output.json) {
            out.println(Summary.json(r.judgement()));
        } else if (output.csv) {
            out.print(SummaryCsv.csv(r.snapshot(), r.lastMillis()));
        } else {
            out.print(Summary.table(r.judgement()));
        }
        return StandardOut.failed(out, err) ? 1 : 0;
    }

    /** The failure as one line that says which file it was about (an I/O error's message may not). */
    private IOException namingTheFile(Exception e) {
        String message = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        if (message.contains(file.toString())) {
            return e instanceof IOException io ? io : new IOException(message, e);
        }
        return new IOException(file + ": " + message, e);
    }

    /**
     * The tracker's picture at the capture's last timestamp, its judgement (with the loss episodes, judged once a
     * second of capture time as live monitoring would have), and the capture's problems.
     */
    public record Result(TrackerSnapshot snapshot, long lastMillis, long datagrams, List<String> problems,
                         Judgement judgement) {
    }

    /** Reads a capture through a fresh engine, as {@code analyze} does. */
    public static Result analyze(Path file, CaptureFilter filter, TrackerConfig config) throws IOException {
        return analyze(file, filter, config, null);
    }

    /** The same, telling {@code progress} (if not null) how far the read has come as it goes. */
    public static Result analyze(Path file, CaptureFilter filter, TrackerConfig config,
                                 CaptureReader.ReadListener progress) throws IOException {
        Engine engine = new Engine(config);
        engine.setResources(org.gapwatch.files.MappingFiles::read);
        // Datagrams to a subscription's group and ports are decoded with its protocol; all others as JSON v1.
        for (GroupSpec g : filter.groups()) {
            if (!g.json()) {
                engine.route(g.subscription(), g.destinations());
            }
        }
        Judge judge = new Judge();
        long lastMillis = 0;
        long nextJudgement = Long.MIN_VALUE;
        long count = 0;
        try (CaptureReader reader = CaptureReader.open(file, filter)) {
            reader.onRead(progress);
            CapturedDatagram d;
            while ((d = reader.next()) != null) {
                byte[] p = d.payload();
                long millis = d.arrivalEpochMillis();
                if (millis >= nextJudgement) {
                    if (nextJudgement != Long.MIN_VALUE) {
                        judge.judge(engine.trackerOnWriterThread().snapshot(millis), millis);
                    }
                    nextJudgement = millis + JUDGE_EVERY_MILLIS;
                }
                engine.datagram(p, 0, p.length, d.sender(), d.destination(), d.arrivalEpochNanos());
                lastMillis = Math.max(lastMillis, millis);
                count++;
            }
            // Judge staleness when the capture ended, even if its last packets were not ones kept.
            long lastRecord = reader.stats().lastRecordNanos();
            if (lastRecord != Long.MIN_VALUE) {
                lastMillis = Math.max(lastMillis, Math.floorDiv(lastRecord, 1_000_000L));
            }
            TrackerSnapshot snapshot = engine.trackerOnWriterThread().snapshot(lastMillis);
            return new Result(snapshot, lastMillis, count, reader.stats().problemLines(),
                    judge.judge(snapshot, lastMillis));
        }
    }
}
