package org.gapwatch.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The layering of the architecture, checked on the sources: data flows socket, decoder, tracker, snapshot, view. */
class LayerRulesTest {
    private static final Path MAIN = Path.of("src", "main", "java", "org", "gapwatch");
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)", Pattern.MULTILINE);

    private static List<String> violations(String pkg, List<String> forbiddenPrefixes) throws IOException {
        List<String> out = new ArrayList<>();
        Path dir = MAIN.resolve(pkg);
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String text = Files.readString(f);
                Matcher m = IMPORT.matcher(text);
                while (m.find()) {
                    for (String bad : forbiddenPrefixes) {
                        if (m.group(1).startsWith(bad)) {
                            out.add(f + " imports " + m.group(1));
                        }
                    }
                }
                for (String bad : forbiddenPrefixes) {
                    // Fully qualified use without an import counts too.
                    if (text.replaceAll("(?m)^import .*$", "").contains(bad + (bad.endsWith(".") ? "" : "."))) {
                        out.add(f + " uses " + bad);
                    }
                }
            }
        }
        return out;
    }

    @Test
    void nothingBelowTheUiImportsJavaFx() throws IOException {
        List<String> v = new ArrayList<>();
        for (String pkg : List.of("protocol", "track", "engine", "net", "capture", "alarm", "demo", "settings",
                "export")) {
            v.addAll(violations(pkg, List.of("javafx", "org.controlsfx", "org.gapwatch.ui")));
        }
        assertEquals(List.of(), v);
    }

    @Test
    void theProtocolDoesNoIo() throws IOException {
        assertEquals(List.of(), violations("protocol",
                List.of("java.io", "java.nio.channels", "java.nio.file", "java.net", "org.gapwatch.track",
                        "org.gapwatch.net", "org.gapwatch.engine")));
    }

    @Test
    void theTrackerHasNoSocketsAndKnowsNothingAbove() throws IOException {
        assertEquals(List.of(), violations("track",
                List.of("java.nio.channels", "java.io", "java.nio.file", "org.gapwatch.net", "org.gapwatch.engine",
                        "org.gapwatch.capture", "org.gapwatch.cli")));
    }

    @Test
    void theExportReadsSnapshotsOnly() throws IOException {
        assertEquals(List.of(), violations("export",
                List.of("org.gapwatch.net", "org.gapwatch.capture", "org.gapwatch.cli", "org.gapwatch.ui")));
    }

    @Test
    void theEngineDoesNotReachUpwards() throws IOException {
        assertEquals(List.of(), violations("engine",
                List.of("org.gapwatch.net", "org.gapwatch.capture", "org.gapwatch.cli")));
    }

    @Test
    void theRulesSeeTheSources() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN.resolve("track"))) {
            assertTrue(files.anyMatch(p -> p.toString().endsWith("Tracker.java")), "run from the project folder");
        }
    }
}
