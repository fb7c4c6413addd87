package org.gapwatch.capture;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * Resynchronisation speed: writes a pcapng and a pcap file with 1,000 datagrams, then MB megabytes (default 200) of
 * seeded random bytes that are no block or record, then 1,000 datagrams more, and times the reader through each (best
 * of RUNS, default 3). Checks that all 2,000 datagrams are read and the junk is one stretch of garbage. Usage:
 * {@code ResyncBench [MB] [RUNS] [DIR]}; the files are deleted afterwards.
 */
public final class ResyncBench {
    private ResyncBench() {
    }

    public static void main(String[] args) throws Exception {
        int megabytes = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path dir = Path.of(args.length > 2 ? args[2] : "target");
        Files.createDirectories(dir);
        for (boolean pcapng : new boolean[] {true, false}) {
            Path file = dir.resolve(pcapng ? "bench-resync.pcapng" : "bench-resync.pcap");
            try {
                write(file, pcapng, megabytes);
                double best = Double.MAX_VALUE;
                for (int i = 0; i < runs; i++) {
                    long t0 = System.nanoTime();
                    CaptureStats stats = read(file);
                    best = Math.min(best, (System.nanoTime() - t0) / 1e9);
                }
                System.out.printf(Locale.ROOT, "%s, %d MB of junk between 2 x 1,000 datagrams: best of %d %.2f s, "
                        + "%.0f MB/s%n", pcapng ? "pcapng" : "pcap", megabytes, runs, best, Files.size(file) / 1e6
                        / best);
            } finally {
                Files.deleteIfExists(file);
            }
        }
    }

    static CaptureStats read(Path file) throws IOException {
        try (CaptureReader r = CaptureReader.open(file, CaptureFilter.multicast())) {
            long n = 0;
            while (r.next() != null) {
                n++;
            }
            if (n != 2000 || r.stats().skipped(SkipReason.GARBAGE) != 1) {
                throw new AssertionError(file + ": " + n + " datagrams, " + r.stats().skippedByReason());
            }
            return r.stats();
        }
    }

    /** 1,000 datagrams, {@code megabytes} of seeded random junk, 1,000 datagrams. */
    static void write(Path file, boolean pcapng, int megabytes) throws IOException {
        InetSocketAddress src = Fixtures.at("10.0.0.1", 1000);
        InetSocketAddress dst = Fixtures.at("239.255.0.1", 2000);
        long t0 = 1_780_000_000_000_000_000L;
        try (OutputStream out = Files.newOutputStream(file)) {
            Fixtures.Pcapng ng = pcapng ? new Fixtures.Pcapng(true).idb(101, 0, 9) : null;
            Fixtures.Pcap pcap = pcapng ? null : new Fixtures.Pcap(true, true, 101);
            for (int half = 0; half < 2; half++) {
                for (int i = 0; i < 1000; i++) {
                    int seq = half * 1000 + i;
                    byte[] ip = Fixtures.ipv4(src, dst, Fixtures.update("bench/resync", seq));
                    if (pcapng) {
                        ng.epb(0, t0 + seq * 1_000_000L, ip);
                    } else {
                        pcap.record(t0 + seq * 1_000_000L, ip);
                    }
                }
                byte[] bytes = pcapng ? ng.bytes() : pcap.bytes();
                int from = half == 1 && !pcapng ? 24 : 0; // pcap: no second file header; pcapng: a new section
                out.write(bytes, from, bytes.length - from);
                if (half == 0) {
                    Random random = new Random(13);
                    byte[] junk = new byte[1 << 20];
                    for (int m = 0; m < megabytes; m++) {
                        random.nextBytes(junk);
                        out.write(junk);
                    }
                    // Start the second half afresh (the fixtures keep all they wrote).
                    ng = pcapng ? new Fixtures.Pcapng(true).idb(101, 0, 9) : null;
                    pcap = pcapng ? null : new Fixtures.Pcap(true, true, 101);
                }
            }
        }
    }
}
