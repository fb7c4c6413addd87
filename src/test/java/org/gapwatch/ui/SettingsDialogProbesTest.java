package org.gapwatch.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The dialog's probe list: one URL a line, blank lines ignored, a bad line named (the dialog stays open). */
class SettingsDialogProbesTest {
    @Test
    void oneUrlALineAndABadLineNamed() {
        assertEquals(List.of("http://probe-a:9477/metrics", "http://10.0.0.7:9477/metrics"),
                SettingsDialog.probeLines(" http://probe-a:9477/metrics\n\n  http://10.0.0.7:9477/metrics  \n"));
        assertEquals(List.of(), SettingsDialog.probeLines(""));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SettingsDialog.probeLines("http://probe-a:9477/metrics\nprobe-b:9477"));
        assertEquals("line 2: 'probe-b:9477' is not an http(s) URL without a query, such as"
                + " http://probe-a:9477/metrics", e.getMessage());
    }
}
