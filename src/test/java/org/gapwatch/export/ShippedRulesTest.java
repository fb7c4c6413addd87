package org.gapwatch.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.gapwatch.testutil.External;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The alert rules and the dashboard in packaging/: valid for promtool, and naming only figures the probe exports. */
class ShippedRulesTest {
    private static final Path RULES = Path.of("packaging", "prometheus", "gapwatch-rules.yml");
    private static final Path RULE_TESTS = Path.of("packaging", "prometheus", "gapwatch-rules.test.yml");
    private static final Path DASHBOARD = Path.of("packaging", "grafana", "gapwatch-dashboard.json");
    /** What SnapshotCollector exports (with _total for counters), with a judgement too. */
    private static final Set<String> EXPORTED = Set.of("gapwatch_received_total", "gapwatch_lost_total",
            "gapwatch_late_total", "gapwatch_duplicates_total", "gapwatch_restarts_total", "gapwatch_stale",
            "gapwatch_datagrams_total", "gapwatch_invalid_total", "gapwatch_rejected_sources_total",
            "gapwatch_socket_drops_total", "gapwatch_episodes_total", "gapwatch_sources",
            "gapwatch_export_summarised", "gapwatch_export_source_series", "gapwatch_loss_warn_ratio",
            "gapwatch_loss_alarm_ratio", "gapwatch_state", "gapwatch_sources_by_state");

    private static String promtool() {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, "promtool"))) {
                return Path.of(d, "promtool").toString();
            }
        }
        return null;
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), String.join(" ", command) + ":\n" + out);
        return out;
    }

    @Test
    void promtoolAcceptsTheRulesAndTheirUnitTestsPass() throws IOException, InterruptedException {
        String promtool = promtool();
        External.require(promtool != null, "the program promtool", "apt-get install prometheus");
        assertTrue(run(promtool, "check", "rules", RULES.toString()).contains("SUCCESS: 9 rules found"));
        assertTrue(run(promtool, "test", "rules", RULE_TESTS.toString()).contains("SUCCESS"));
    }

    private static Set<String> names(String text) {
        Set<String> out = new TreeSet<>();
        Matcher m = Pattern.compile("\\bgapwatch_[a-z_]+").matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    @Test
    void rulesAndDashboardNameOnlyExportedFigures() throws IOException {
        Set<String> used = names(Files.readString(RULES));
        String dashboard = Files.readString(DASHBOARD);
        JsonMapper.builder().build().readTree(dashboard); // valid JSON
        used.addAll(names(dashboard));
        used.removeAll(EXPORTED);
        assertEquals(Set.of(), used);
    }
}
