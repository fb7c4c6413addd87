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

/**
 * The judgement is the one source of truth about a source: no view, alarm or report computes a loss share, compares
 * with a loss threshold or decides staleness or conflict itself. Checked on the sources: outside {@code judge}
 * (and {@code track}, which counts), nothing calls the track-level figures the judgement is made of.
 */
class OneJudgementTest {
    private static final Path MAIN = Path.of("src", "main", "java", "org", "gapwatch");
    /** What feeds the judgement: the share formula and the facts judged on. */
    private static final Pattern FIGURES = Pattern.compile(
            "\\bLossShare\\b|\\.isStale\\(|\\.conflict\\(|lossFraction|\\blossWarn\\(|\\blossAlarm\\(");
    /** Arithmetic that makes a loss share of its own: lost divided by something. */
    private static final Pattern OWN_SHARE = Pattern.compile("(?i)\\(double\\)\\s*\\w*lost\\w*\\s*/");

    @Test
    void nothingOutsideTheJudgementComputesALossShareOrAThresholdOfItsOwn() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String rel = MAIN.relativize(f).toString().replace('\\', '/');
                if (rel.startsWith("judge/") || rel.startsWith("track/")) {
                    continue;
                }
                String[] lines = Files.readString(f).split("\n");
                for (int i = 0; i < lines.length; i++) {
                    String line = lines[i];
                    if (line.trim().startsWith("*") || line.trim().startsWith("//")) {
                        continue;
                    }
                    Matcher m = FIGURES.matcher(line);
                    if (m.find()) {
                        found.add(rel + ":" + (i + 1) + " uses " + m.group());
                    }
                    if (OWN_SHARE.matcher(line).find()) {
                        found.add(rel + ":" + (i + 1) + " divides a lost count: " + line.trim());
                    }
                }
            }
        }
        assertEquals(List.of(), found);
    }

    @Test
    void theRulesAreWhereTheTestLooks() throws IOException {
        assertTrue(Files.readString(MAIN.resolve("judge/Judge.java")).contains(".isStale("), "run from the project");
        assertTrue(FIGURES.matcher("x.lossFraction1m()").find() && OWN_SHARE.matcher("(double) dLost / n").find(),
                "the patterns catch what they are for");
    }
}
