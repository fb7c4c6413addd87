package org.gapwatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.gapwatch.net.Loopback;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A jsonmap subscription whose mapping is missing or invalid does not start: one line, exit 2. */
class JsonMapListenTest {
    @TempDir
    Path dir;

    private static void assertOneLine(CommandLineTest.Run r, String expected) {
        assertEquals(2, r.code(), r.err());
        String first = r.err().lines().findFirst().orElse("");
        assertEquals("gapwatch: " + expected + "; try 'gapwatch listen --help'", first, r.err());
    }

    @Test
    void aMissingMappingIsOneLineAndExitTwo() {
        String g = "jsonmap://" + Loopback.freshGroup() + "?map=" + dir.resolve("none.json");
        CommandLineTest.Run r = CommandLineTest.run("listen", "--group", g, "--interface", "lo", "--duration", "1s");
        assertOneLine(r, "bad group '" + g + "': mapping '" + dir.resolve("none.json") + "': " + dir.resolve("none.json")
                + " does not exist");
    }

    @Test
    void aBadPointerIsOneLineNamingTheFieldAndExitTwo() throws Exception {
        Path m = dir.resolve("bad.json");
        Files.writeString(m, "{\"src\": \"id\", \"value\": \"/v\"}");
        String g = "jsonmap://" + Loopback.freshGroup() + "?map=" + m;
        CommandLineTest.Run r = CommandLineTest.run("listen", "--group", g, "--interface", "lo", "--duration", "1s");
        assertEquals(2, r.code(), r.err());
        String line = r.err().lines().findFirst().orElse("");
        org.junit.jupiter.api.Assertions.assertTrue(line.contains("mapping " + m + ": src: "), line);
    }
}
