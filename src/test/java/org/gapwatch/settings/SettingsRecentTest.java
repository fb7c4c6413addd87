package org.gapwatch.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The recent ring's bounds: 5 min / 256 MiB by default, 0 is off, saved and loaded, older files get the defaults. */
class SettingsRecentTest {
    @TempDir
    Path dir;

    @Test
    void defaultsZeroAndOutOfRange() {
        assertEquals(new Settings.Recent(5, 256), Settings.defaults().recent());
        assertFalse(Settings.defaults().recent().off());
        assertTrue(new Settings.Recent(0, 256).off());
        assertTrue(new Settings.Recent(5, 0).off());
        assertEquals(new Settings.Recent(5, 256), new Settings.Recent(-1, 70_000), "out of range: the defaults");
        Settings s = Settings.defaults().withRecent(new Settings.Recent(10, 1024));
        assertEquals(new Settings.Recent(10, 1024), s.withZoom(2).withTheme(Settings.LIGHT).recent(), "kept");
    }

    @Test
    void savedAndLoaded() throws java.io.IOException {
        SettingsStore store = new SettingsStore(dir.resolve("settings.json"));
        store.save(Settings.defaults().withRecent(new Settings.Recent(0, 512)));
        assertEquals(new Settings.Recent(0, 512), store.load(w -> { }).recent());
    }

    @Test
    void aFileFromBeforeTheSettingLoadsWithTheDefaults() throws java.io.IOException {
        Path f = dir.resolve("settings.json");
        Files.writeString(f, "{\"groups\": [\"239.1.1.1:5000\"], \"zoom\": 1.5}");
        assertEquals(new Settings.Recent(5, 256), new SettingsStore(f).load(w -> { }).recent());
    }

    @Test
    void aFieldLeftOutOfAHandWrittenFileIsItsDefaultNotOff() throws java.io.IOException {
        Path f = dir.resolve("settings.json");
        Files.writeString(f, "{\"recent\": {\"minutes\": 2}}");
        Settings.Recent r = new SettingsStore(f).load(w -> { }).recent();
        assertEquals(new Settings.Recent(2, 256), r);
        assertFalse(r.off());
    }
}
