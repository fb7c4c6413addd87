package org.gapwatch.ui;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/** Starts the JavaFX application. Placeholder window until the desktop monitor lands. */
public final class DesktopLauncher {
    private static volatile UiOptions options;

    private DesktopLauncher() {
    }

    public static void launch(UiOptions uiOptions) {
        options = uiOptions;
        new Thread(() -> Application.launch(App.class), "fx-launcher").start();
    }

    public static final class App extends Application {
        @Override
        public void start(Stage stage) {
            stage.setTitle("Gapwatch");
            stage.setScene(new Scene(new Label("Gapwatch"), 640, 400));
            stage.show();
            if (options != null && options.smokeTest()) {
                Platform.runLater(() -> System.exit(0));
            }
        }
    }
}
