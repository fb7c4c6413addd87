package org.gapwatch.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsStoreTest {
    @TempDir
    Path dir;

    @Test
    void savedSettingsLoadBackEqual() throws Exception {
        SettingsStore store = new SettingsStore(dir.resolve("gapwatch/settings.json"));
        Settings s = Settings.defaults().withGroups(List.of("239.255.1.1:5000", "239.255.1.2:6000@10.0.0.1"))
                .withNetworkInterface("lo").withThresholds(2.5, 10).withDefaultStaleMillis(8000)
                .withTheme(Settings.LIGHT).withZoom(1.5).withTileWidth(180).withView(Settings.TABLE)
                .withWindow(new Settings.WindowBounds(10, 20, 1600, 900, false))
                .withHiddenColumns(List.of("session"));
        store.save(s);
        List<String> warnings = new ArrayList<>();
        assertEquals(s, store.load(warnings::add));
        assertTrue(warnings.isEmpty());
        try (var files = Files.list(dir.resolve("gapwatch"))) {
            assertEquals(List.of("settings.json"), files.map(p -> p.getFileName().toString()).toList(),
                    "no temporary file left behind");
        }
    }

    @Test
    void missingFileGivesDefaultsQuietly() {
        List<String> warnings = new ArrayList<>();
        assertEquals(Settings.defaults(), new SettingsStore(dir.resolve("none.json")).load(warnings::add));
        assertTrue(warnings.isEmpty());
    }

    @Test
    void corruptFileGivesDefaultsAndOneLineWarning() throws Exception {
        Path f = dir.resolve("settings.json");
        Files.writeString(f, "{\"groups\": [\"239.255.1.1:5000\", ");
        List<String> warnings = new ArrayList<>();
        assertEquals(Settings.defaults(), new SettingsStore(f).load(warnings::add));
        assertEquals(1, warnings.size());
        assertFalse(warnings.get(0).contains("\n"));
        assertTrue(warnings.get(0).contains("using defaults"));
    }

    static List<String> loadWarnings(Path f, Settings expected) {
        List<String> warnings = new ArrayList<>();
        Settings s = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> new SettingsStore(f).load(warnings::add));
        assertEquals(expected, s);
        return warnings;
    }

    @Test
    void fifoGivesDefaultsAndOneLineWithoutBlocking() throws Exception {
        Path f = dir.resolve("settings.json");
        boolean made;
        try {
            made = new ProcessBuilder("mkfifo", f.toString()).inheritIO().start().waitFor() == 0;
        } catch (java.io.IOException e) {
            made = false;
        }
        assumeTrue(made, "mkfifo is not available: FIFO settings file not tested");
        assertEquals(List.of("gapwatch: settings: " + f + " is not a regular file (a FIFO); using defaults"),
                loadWarnings(f, Settings.defaults()));
    }

    @Test
    void linkToDevZeroGivesDefaultsAndOneLine() throws Exception {
        assumeTrue(Files.exists(Path.of("/dev/zero")), "/dev/zero is not there: device settings file not tested");
        Path f = Files.createSymbolicLink(dir.resolve("settings.json"), Path.of("/dev/zero"));
        assertEquals(List.of("gapwatch: settings: " + f + " is not a regular file (a character device); using "
                + "defaults"), loadWarnings(f, Settings.defaults()));
        Files.delete(f); // the temporary folder's clean-up warns about links leading out of it
    }

    @Test
    void fileOverOneMebibyteGivesDefaultsAndOneLineOneOfExactlyThatLoads() throws Exception {
        Path f = dir.resolve("settings.json");
        String json = "{\"theme\":\"light\"}";
        Files.writeString(f, json + " ".repeat((1 << 20) - json.length()));
        assertEquals(List.of(), loadWarnings(f, Settings.defaults().withTheme(Settings.LIGHT)));
        Files.writeString(f, json + " ".repeat((1 << 20) - json.length() + 1));
        assertEquals(List.of("gapwatch: settings: " + f + " is larger than 1 MiB (1048577 bytes); using defaults"),
                loadWarnings(f, Settings.defaults()));
    }

    @Test
    void directoryAndMalformedJsonGiveDefaultsAndOneLineEach() throws Exception {
        Path d = Files.createDirectory(dir.resolve("settings.json"));
        assertEquals(List.of("gapwatch: settings: " + d + " is a directory; using defaults"),
                loadWarnings(d, Settings.defaults()));
        Path f = dir.resolve("bad.json");
        for (String bad : List.of("", "[1, 2]", "\"text\"", "{\"zoom\": \"big\"}", "{\"groups\": {\"a\": 1}}",
                "{\"window\": 7}", "{\"theme\": \"light\",}", "\u0000\u00ff garbage", "[".repeat(5000))) {
            Files.writeString(f, bad);
            List<String> warnings = loadWarnings(f, Settings.defaults());
            assertEquals(1, warnings.size(), bad + ": " + warnings);
            assertTrue(warnings.getFirst().startsWith("gapwatch: settings: " + f + " is not valid ("), warnings.getFirst());
            assertTrue(warnings.getFirst().endsWith("); using defaults"), warnings.getFirst());
            assertFalse(warnings.getFirst().contains("\n"), warnings.getFirst());
        }
    }

    @Test
    void missingAndOutOfRangeFieldsFallBackToDefaults() throws Exception {
        Path f = dir.resolve("settings.json");
        Files.writeString(f, "{\"theme\":\"purple\",\"zoom\":99,\"lossWarnPercent\":-3,\"future\":1}");
        Settings s = new SettingsStore(f).load(w -> { });
        assertEquals(Settings.DARK, s.theme());
        assertEquals(1.0, s.zoom());
        assertEquals(1.0, s.lossWarnPercent());
        assertEquals(5_000, s.defaultStaleMillis());
        assertEquals(List.of(), s.groups());
    }

    @Test
    void anOldFileWithoutJudgingLoadsWithItsDefaultsAndANewOneRoundTrips() throws Exception {
        Path f = dir.resolve("settings.json");
        Files.writeString(f, "{\"lossWarnPercent\":2,\"lossAlarmPercent\":8,\"theme\":\"light\"}");
        Settings old = new SettingsStore(f).load(w -> { });
        assertEquals(2.0, old.lossWarnPercent());
        assertEquals(new Settings.Judging("1m", List.of(), 10_000), old.judging());

        SettingsStore store = new SettingsStore(dir.resolve("new.json"));
        Settings s = old.withJudging(new Settings.Judging("5m",
                List.of(new Settings.Rule("plant/**", 0.5, 2, "Call the plant desk")), 30_000));
        store.save(s);
        assertEquals(s, store.load(w -> { }));
    }

    @Test
    void configDirectoryFollowsXdgThenHome() {
        assertEquals(Path.of("/x/cfg/gapwatch/settings.json"),
                SettingsStore.defaultFile(Map.of("XDG_CONFIG_HOME", "/x/cfg"), "/home/op"));
        assertEquals(Path.of("/home/op/.config/gapwatch/settings.json"),
                SettingsStore.defaultFile(Map.of(), "/home/op"));
        assertEquals(Path.of("/home/op/.config/gapwatch/settings.json"),
                SettingsStore.defaultFile(Map.of("XDG_CONFIG_HOME", "relative"), "/home/op"));
    }
}
