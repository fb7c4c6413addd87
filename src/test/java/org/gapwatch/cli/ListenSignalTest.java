package org.gapwatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.gapwatch.net.Loopback;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SIGTERM and SIGINT (Ctrl-C) end {@code listen} with its summary and exit 0, at any moment of its run. */
class ListenSignalTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"TERM", "INT"})
    void aSignalDuringWarmUpPrintsTheSummaryAndExitsZero(String signal) {
        // A warm-up far longer than the test: the signal surely comes while it runs.
        Launcher l = Launcher.start(dir, "listen", "--group", Loopback.freshGroup().toString(), "--interface", "lo",
                "--warmup-datagrams", "2000000000");
        l.awaitStderr("gapwatch: warming up");
        l.signal(signal);
        assertEquals(0, l.awaitExit(), l.stderr());
        assertFalse(l.stderr().contains("listening on"), "the signal came during warm-up: " + l.stderr());
        assertTrue(l.stdout().startsWith("SOURCE"), l.stdout());
        assertTrue(l.stdout().contains("total: 0 sources, 0 datagrams"), l.stdout());
    }

    @ParameterizedTest
    @ValueSource(strings = {"TERM", "INT"})
    void aSignalWhileListeningPrintsTheJsonSummaryAndExitsZero(String signal) {
        Launcher l = Launcher.start(dir, "listen", "--group", Loopback.freshGroup().toString(), "--interface", "lo",
                "--no-warmup", "--json");
        l.awaitStderr("listening on");
        l.signal(signal);
        assertEquals(0, l.awaitExit(), l.stderr());
        assertTrue(l.stdout().startsWith("{\"sources\":[],\"totals\":{\"datagrams\":0,"), l.stdout());
    }
}
