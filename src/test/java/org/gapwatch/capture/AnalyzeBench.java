package org.gapwatch.capture;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.gapwatch.cli.AnalyzeCommand;
import org.gapwatch.net.SimulatedStream;
import org.gapwatch.track.SourceView;
import org.gapwatch.track.TrackerConfig;

/**
 * Analyze speed: writes a capture of N datagrams (default 1,000,000; what {@code gapwatch publish} sends, 1,000
 * sources, 0.1% skipped on purpose) with the project's recorder, then times {@code analyze} on it in this JVM (first
 * run and best of the next runs), and tshark reading the same file if it is installed. Usage:
 * {@code AnalyzeBench [FILE] [COUNT] [RUNS]}.
 */
public final class AnalyzeBench {
    private AnalyzeBench() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args.length > 0 ? args[0] : "target/bench-analyze.pcap");
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        long expectedLost = write(file, count);
        System.out.printf(Locale.ROOT, "capture: %s, %d datagrams, %.1f MB, %d lost by design%n", file,
                count, Files.size(file) / 1e6, expectedLost);

        double best = 0;
        for (int i = 0; i <= runs; i++) {
            long t0 = System.nanoTime();
            AnalyzeCommand.Result r = AnalyzeCommand.analyze(file, CaptureFilter.multicast(), TrackerConfig.defaults());
            double seconds = (System.nanoTime() - t0) / 1e9;
            long lost = r.snapshot().sources().stream().mapToLong(SourceView::lost).sum();
            if (r.datagrams() != count || lost != expectedLost) {
                throw new AssertionError("analyze read " + r.datagrams() + " datagrams, " + lost + " lost");
            }
            double rate = count / seconds;
            System.out.printf(Locale.ROOT, "analyze %s: %.2f s, %,.0f datagrams/s%n", i == 0 ? "first run" : "run " + i,
                    seconds, rate);
            if (i > 0) {
                best = Math.max(best, rate);
            }
        }
        System.out.printf(Locale.ROOT, "analyze best of %d: %,.0f datagrams/s%n", runs, best);

        // The reader alone (pcap framing, IP, UDP, filter, payload copy), to show where the time goes.
        long t1 = System.nanoTime();
        long n = 0;
        try (CaptureReader reader = CaptureReader.open(file, CaptureFilter.multicast())) {
            while (reader.next() != null) {
                n++;
            }
        }
        double readSeconds = (System.nanoTime() - t1) / 1e9;
        System.out.printf(Locale.ROOT, "reader alone: %.2f s, %,.0f datagrams/s%n", readSeconds, n / readSeconds);

        if (onPath("tshark")) {
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(List.of("tshark", "-r", file.toString(), "-T", "fields", "-e",
                    "udp.length")).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            int code = p.waitFor();
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "tshark -T fields -e udp.length: %.2f s, %,.0f datagrams/s (exit %d)%n",
                    seconds, count / seconds, code);
        } else {
            System.out.println("tshark: not installed");
        }
    }

    /**
     * Writes the capture; returns the loss analyze must find: skipped numbers that lie after a source's first
     * datagram and before its last (a gap the tracker can see).
     */
    static long write(Path file, int count) throws Exception {
        int sources = 1000;
        SimulatedStream stream = new SimulatedStream(sources, 42, 0.001, 1000, "bench");
        InetSocketAddress sender = new InetSocketAddress(InetAddress.getByName("10.20.30.40"), 40000);
        InetSocketAddress group = new InetSocketAddress(InetAddress.getByName("239.255.9.9"), 5000);
        byte[] buf = new byte[65536];
        long[] skippedSince = new long[sources];
        boolean[] started = new boolean[sources];
        long lost = 0;
        long t = 1_780_000_000_000_000_000L;
        int written = 0;
        try (PcapWriter w = new PcapWriter(file, msg -> { throw new IllegalStateException(msg); })) {
            while (written < count) {
                t += 100_000; // 10,000 datagrams per second
                int len = stream.next(buf, t / 1_000_000);
                int source = (int) ((stream.generated() - 1) % sources);
                if (len < 0) {
                    skippedSince[source]++;
                    continue;
                }
                if (started[source]) {
                    lost += skippedSince[source];
                }
                started[source] = true;
                skippedSince[source] = 0;
                w.datagram(buf, 0, len, sender, group, t);
                written++;
            }
        }
        return lost;
    }

    static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }
}
