package org.gapwatch.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The desktop's metrics address: trimmed, blank is off, and it survives a save and a load. */
class SettingsMetricsAddressTest {
    @TempDir
    Path dir;

    @Test
    void blankIsOffAndAnAddressIsKeptTrimmed() {
        assertNull(Settings.defaults().metricsAddress());
        assertNull(Settings.defaults().withMetricsAddress("  ").metricsAddress());
        assertEquals("127.0.0.1:9477", Settings.defaults().withMetricsAddress(" 127.0.0.1:9477 ").metricsAddress());
        // Other changes keep it.
        assertEquals("127.0.0.1:9477", Settings.defaults().withMetricsAddress("127.0.0.1:9477").withZoom(2)
                .withTheme(Settings.LIGHT).metricsAddress());
    }

    @Test
    void savedAndLoaded() throws java.io.IOException {
        SettingsStore store = new SettingsStore(dir.resolve("settings.json"));
        store.save(Settings.defaults().withMetricsAddress("[::1]:9477"));
        assertEquals("[::1]:9477", store.load(w -> { }).metricsAddress());
    }
}
