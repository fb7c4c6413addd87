package org.gapwatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.gapwatch.capture.PcapWriter;
import org.gapwatch.net.Loopback;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** A report that cannot be written (a full disk, a closed pipe) is an error: one line on stderr and exit 1. */
class UnwritableReportTest {
    private static final String FULL = "gapwatch: cannot write the report to standard output: No space left on device";

    @TempDir
    Path dir;

    private static File devFull() {
        File f = new File("/dev/full");
        assumeTrue(f.exists(), "/dev/full is missing: cannot fill standard output");
        return f;
    }

    private Path capture() throws Exception {
        Path file = dir.resolve("one.pcap");
        byte[] p = "{\"src\":\"a\",\"seq\":1}".getBytes(StandardCharsets.UTF_8);
        try (PcapWriter w = new PcapWriter(file, msg -> {
            throw new AssertionError(msg);
        })) {
            w.datagram(p, 0, p.length, new InetSocketAddress("10.0.0.9", 40000),
                    new InetSocketAddress("239.255.10.1", 5000), 1_700_000_000_000_000_000L);
        }
        return file;
    }

    private static String lastLine(String text) {
        List<String> lines = text.lines().toList();
        return lines.isEmpty() ? "" : lines.getLast();
    }

    @Test
    void listenToAFullDiskSaysSoAndExitsOne() {
        Launcher l = Launcher.start(dir, devFull(), "listen", "--group", Loopback.freshGroup().toString(),
                "--interface", "lo", "--no-warmup", "--duration", "200ms");
        assertEquals(1, l.awaitExit(), l.stderr());
        assertEquals(FULL, lastLine(l.stderr()));
    }

    @Test
    void analyzeToAFullDiskSaysSoAndExitsOne() throws Exception {
        Launcher l = Launcher.start(dir, devFull(), "analyze", capture().toString(), "--json");
        assertEquals(1, l.awaitExit(), l.stderr());
        assertEquals(List.of(FULL), l.stderr().lines().toList());
    }

    @Test
    void aReportWriterThatFailsMakesTheCommandFail() throws Exception {
        StringWriter err = new StringWriter();
        CommandLine cl = GapwatchCommand.commandLine();
        cl.setOut(new PrintWriter(new Writer() {
            @Override
            public void write(char[] c, int off, int len) throws IOException {
                throw new IOException("broken");
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        }, true));
        cl.setErr(new PrintWriter(err, true));
        assertEquals(1, cl.execute("analyze", capture().toString()));
        assertEquals(List.of("gapwatch: cannot write the report to standard output"), err.toString().lines().toList());
    }
}
