package org.gapwatch.ui;

import javafx.animation.Animation;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.stage.Window;

/** Runs a periodic refresh only while its node is in a showing window, so hidden views cost nothing. */
public final class WhileShowing {
    private WhileShowing() {
    }

    public static void run(Node node, Animation refresh) {
        ObservableValue<Boolean> showing = node.sceneProperty().flatMap(Scene::windowProperty)
                .flatMap(Window::showingProperty).orElse(false);
        showing.subscribe(s -> {
            if (s) {
                refresh.play();
            } else {
                refresh.stop();
            }
        });
    }
}
