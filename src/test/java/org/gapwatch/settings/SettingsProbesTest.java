package org.gapwatch.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The probes to compare with: a list of http(s) URLs, saved and loaded, and a file older than the setting loads. */
class SettingsProbesTest {
    @TempDir
    Path dir;

    @Test
    void keptTrimmedOnceEachAndOnlyHttpUrls() {
        assertEquals(List.of(), Settings.defaults().probes());
        Settings s = Settings.defaults().withProbes(List.of(" http://probe-a:9477/metrics ",
                "http://probe-a:9477/metrics", "https://[::1]:9477/metrics", "ftp://x/metrics", "probe-b:9477",
                "http://probe-c:9477/metrics?x=1", ""));
        assertEquals(List.of("http://probe-a:9477/metrics", "https://[::1]:9477/metrics"), s.probes());
        // Other changes keep them.
        assertEquals(s.probes(), s.withZoom(2).withMetricsAddress("127.0.0.1:9477").withTheme(Settings.LIGHT).probes());
    }

    @Test
    void savedAndLoaded() throws java.io.IOException {
        SettingsStore store = new SettingsStore(dir.resolve("settings.json"));
        store.save(Settings.defaults().withProbes(List.of("http://10.0.0.5:9477/metrics")));
        assertEquals(List.of("http://10.0.0.5:9477/metrics"), store.load(w -> { }).probes());
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
