package org.gapwatch.ui.capture;

import java.util.Objects;
import javafx.geometry.Pos;
import javafx.scene.control.Label;

/**
 * The window's unmistakable marking while it shows a replay: a full-width band, large white letters on a striped
 * steel blue that is no status colour, {@code REPLAY — file.pcap — 2026-11-27 03:12:05}. Shown only while
 * {@link ReplayMode#replayingProperty()} holds (invisible and taking no room otherwise): put it at the top of the
 * window once.
 */
public final class ReplayBanner extends Label {
    public ReplayBanner(ReplayMode mode) {
        setId("replay-banner");
        getStyleClass().add("replay-banner");
        getStylesheets().add(Objects.requireNonNull(ReplayBanner.class.getResource("capture.css")).toExternalForm());
        setMaxWidth(Double.MAX_VALUE);
        setAlignment(Pos.CENTER);
        textProperty().bind(mode.bannerTextProperty());
        visibleProperty().bind(mode.replayingProperty());
        managedProperty().bind(mode.replayingProperty());
    }
}
