package org.gapwatch.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.gapwatch.settings.RemoteProbe;
import org.gapwatch.settings.Settings;
import org.gapwatch.testutil.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The settings dialog shows each probe as its URL and name, and OK gives the settings the names typed there; a
 * name used twice keeps the dialog open with the line named.
 */
@ExtendWith(ApplicationExtension.class)
class SettingsDialogProbeNamesTest {
    private Stage owner;

    @Start
    void start(Stage stage) {
        owner = stage;
        stage.setScene(new javafx.scene.Scene(new javafx.scene.layout.StackPane(), 400, 300)); // the dialog takes its CSS
        stage.show();
    }

    @Test
    void theDialogShowsAndTakesProbeNames() throws Exception {
        Settings s = Settings.defaults().withProbes(List.of(new RemoteProbe("http://10.0.0.5:9464/metrics", "rack 12"),
                RemoteProbe.valueOf("http://10.0.0.6:9477/metrics")));
        // Not shown: the whole dialog is taller than the headless test screen; its buttons work all the same.
        SettingsDialog d = Await.onFx(() -> new SettingsDialog(owner, s, List.of()));
        TextArea probes = (TextArea) d.getDialogPane().lookup("#settings-probes");
        assertEquals("http://10.0.0.5:9464/metrics rack 12\nhttp://10.0.0.6:9477/metrics",
                Await.onFx(probes::getText));

        // A name twice: OK is refused (no result: the dialog stays open), the line named under the list.
        WaitForAsyncUtils.asyncFx(() -> {
            probes.setText("http://10.0.0.5:9464/metrics rack 12\nhttp://10.0.0.6:9477/metrics rack 12");
            ((Button) d.getDialogPane().lookupButton(ButtonType.OK)).fire();
        }).get();
        assertNull(Await.onFx(d::getResult));
        assertEquals(true, Await.onFx(() -> d.getDialogPane().lookupAll(".warning").stream()
                .anyMatch(n -> ((Label) n).getText().equals("line 2: the name 'rack 12' is another probe's already"))));

        WaitForAsyncUtils.asyncFx(() -> {
            probes.setText("http://10.0.0.5:9464/metrics rack 12\nhttp://10.0.0.6:9477/metrics core B");
            ((Button) d.getDialogPane().lookupButton(ButtonType.OK)).fire();
        }).get();
        assertEquals(List.of(new RemoteProbe("http://10.0.0.5:9464/metrics", "rack 12"),
                new RemoteProbe("http://10.0.0.6:9477/metrics", "core B")),
                Await.onFx(() -> d.getResult().probes()));
    }
}
