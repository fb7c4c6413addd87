package org.gapwatch.ui;

import org.gapwatch.testutil.Await;

/** What the window tests share. */
final class TestWindows {
    private TestWindows() {
    }

    /**
     * Closes {@code window} (null: nothing) on the FX thread, and gives later tests in this JVM JavaFX's default
     * theme again (the window sets it for the whole application).
     */
    static void close(MonitorWindow window) {
        if (window == null) {
            return;
        }
        Await.onFx(() -> {
            window.stage().close();
            window.close();
            javafx.application.Application.setUserAgentStylesheet(null);
            return null;
        });
    }
}
