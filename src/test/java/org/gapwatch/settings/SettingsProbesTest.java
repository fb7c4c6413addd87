package org.gapwatch.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probes to compare with: http(s) URLs with optional names, saved and loaded; a file with the older plain URL
 * strings, or from before the setting, loads.
 */
class SettingsProbesTest {
    @TempDir
    Path dir;

    private static List<RemoteProbe> urls(String... urls) {
        return java.util.Arrays.stream(urls).map(RemoteProbe::valueOf).toList();
    }

    @Test
    void keptTrimmedOnceEachAndOnlyHttpUrls() {
        assertEquals(List.of(), Settings.defaults().probes());
        Settings s = Settings.defaults().withProbes(List.of(new RemoteProbe(" http://probe-a:9477/metrics ", " A "),
                new RemoteProbe("http://probe-a:9477/metrics", "again"), RemoteProbe.valueOf("https://[::1]:9477/metrics"),
                RemoteProbe.valueOf("ftp://x/metrics"), RemoteProbe.valueOf("probe-b:9477"),
                RemoteProbe.valueOf("http://probe-c:9477/metrics?x=1"), RemoteProbe.valueOf(""),
                new RemoteProbe(null, "no url")));
        assertEquals(List.of(new RemoteProbe("http://probe-a:9477/metrics", "A"),
                RemoteProbe.valueOf("https://[::1]:9477/metrics")), s.probes());
        // Other changes keep them.
        assertEquals(s.probes(), s.withZoom(2).withMetricsAddress("127.0.0.1:9477").withTheme(Settings.LIGHT).probes());
    }

    @Test
    void theShownNameIsTheGivenOneElseHostAndPort() {
        assertEquals("rack 12", new RemoteProbe("http://10.0.0.5:9464/metrics", "  rack 12 ").shownName());
        assertEquals("10.0.0.5:9464", new RemoteProbe("http://10.0.0.5:9464/metrics", " ").shownName());
        assertEquals("probe-a", RemoteProbe.valueOf("http://probe-a/metrics").shownName());
        assertEquals("[::1]:9477", RemoteProbe.valueOf("https://[::1]:9477/metrics").shownName());
    }

    @Test
    void savedAndLoadedWithTheirNames() throws java.io.IOException {
        Path f = dir.resolve("settings.json");
        SettingsStore store = new SettingsStore(f);
        List<RemoteProbe> probes = List.of(new RemoteProbe("http://10.0.0.5:9464/metrics", "rack 12"),
                RemoteProbe.valueOf("http://10.0.0.6:9477/metrics"));
        store.save(Settings.defaults().withProbes(probes));
        assertEquals(probes, store.load(w -> { }).probes());
        String json = Files.readString(f);
        assertEquals(true, json.contains("\"url\" : \"http://10.0.0.5:9464/metrics\""), json);
        assertEquals(true, json.contains("\"name\" : \"rack 12\""), json);
    }

    @Test
    void theOlderPlainStringFormAndTheObjectFormBothLoad() throws java.io.IOException {
        Path f = dir.resolve("settings.json");
        Files.writeString(f, "{\"probes\": [\"http://10.0.0.7:9477/metrics\","
                + " {\"url\": \"http://10.0.0.5:9464/metrics\", \"name\": \"rack 12\"},"
                + " {\"url\": \"http://10.0.0.8:9477/metrics\"}]}");
        List<String> warnings = new java.util.ArrayList<>();
        Settings s = new SettingsStore(f).load(warnings::add);
        assertEquals(List.of(), warnings);
        assertEquals(List.of(RemoteProbe.valueOf("http://10.0.0.7:9477/metrics"),
                new RemoteProbe("http://10.0.0.5:9464/metrics", "rack 12"),
                RemoteProbe.valueOf("http://10.0.0.8:9477/metrics")), s.probes());
    }

    @Test
    void aFileFromBeforeTheSettingLoadsWithNoProbes() throws java.io.IOException {
        Path f = dir.resolve("settings.json");
        Files.writeString(f, "{\"groups\": [\"239.1.1.1:5000\"], \"zoom\": 1.5, \"metricsAddress\": \"127.0.0.1:9477\"}");
        Settings s = new SettingsStore(f).load(w -> { });
        assertEquals(List.of(), s.probes());
        assertEquals(List.of("239.1.1.1:5000"), s.groups());
        assertEquals(1.5, s.zoom());
    }
}
