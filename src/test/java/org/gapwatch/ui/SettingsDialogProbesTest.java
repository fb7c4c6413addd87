package org.gapwatch.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.gapwatch.settings.RemoteProbe;
import org.junit.jupiter.api.Test;

/**
 * The dialog's probe list: one URL a line, then a name if given; blank lines ignored, a bad line named (the dialog
 * stays open); the text the dialog shows reads back as the same list.
 */
class SettingsDialogProbesTest {
    @Test
    void oneUrlALineAndABadLineNamed() {
        assertEquals(List.of(RemoteProbe.valueOf("http://probe-a:9477/metrics"),
                        RemoteProbe.valueOf("http://10.0.0.7:9477/metrics")),
                SettingsDialog.probeLines(" http://probe-a:9477/metrics\n\n  http://10.0.0.7:9477/metrics  \n"));
        assertEquals(List.of(), SettingsDialog.probeLines(""));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SettingsDialog.probeLines("http://probe-a:9477/metrics\nprobe-b:9477"));
        assertEquals("line 2: 'probe-b:9477' is not an http(s) URL without a query, such as"
                + " http://probe-a:9477/metrics", e.getMessage());
    }

    @Test
    void aNameFollowsTheUrlAndIsShownBackTheSame() {
        List<RemoteProbe> probes = SettingsDialog.probeLines("http://10.0.0.5:9464/metrics   rack 12  \n"
                + "http://10.0.0.6:9464/metrics\tcore  switch B\nhttp://probe-c:9477/metrics");
        assertEquals(List.of(new RemoteProbe("http://10.0.0.5:9464/metrics", "rack 12"),
                new RemoteProbe("http://10.0.0.6:9464/metrics", "core  switch B"),
                new RemoteProbe("http://probe-c:9477/metrics", null)), probes);
        assertEquals("http://10.0.0.5:9464/metrics rack 12\nhttp://10.0.0.6:9464/metrics core  switch B\n"
                + "http://probe-c:9477/metrics", SettingsDialog.probeText(probes));
        assertEquals(probes, SettingsDialog.probeLines(SettingsDialog.probeText(probes)));
    }

    @Test
    void aUrlOrANameTwiceIsNamed() {
        assertEquals("line 2: http://10.0.0.5:9464/metrics is listed twice", assertThrows(
                IllegalArgumentException.class, () -> SettingsDialog.probeLines(
                        "http://10.0.0.5:9464/metrics a\nhttp://10.0.0.5:9464/metrics b")).getMessage());
        // A name equal to another probe's host:port is ambiguous in the evidence too.
        assertEquals("line 2: the name 'probe-c:9477' is another probe's already", assertThrows(
                IllegalArgumentException.class, () -> SettingsDialog.probeLines(
                        "http://probe-c:9477/metrics\nhttp://10.0.0.9:9477/metrics probe-c:9477")).getMessage());
    }
}
