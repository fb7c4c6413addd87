package org.gapwatch.ui.capture;

import java.nio.file.Path;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringExpression;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Whether a window shows a replay rather than live data, for everything that must say so: the
 * {@link ReplayBanner}, the window title ({@link #windowTitle}), and the main window's choice of engine. One per
 * window; a {@link ReplayBar} enters it when created and leaves it when closed. FX thread only.
 */
public final class ReplayMode {
    private final ReadOnlyBooleanWrapper replaying = new ReadOnlyBooleanWrapper(this, "replaying");
    private final ReadOnlyObjectWrapper<Path> file = new ReadOnlyObjectWrapper<>(this, "file");
    private final ReadOnlyStringWrapper position = new ReadOnlyStringWrapper(this, "position", "");
    private final ReadOnlyStringWrapper state = new ReadOnlyStringWrapper(this, "state", "");
    private final ReadOnlyStringWrapper bannerText = new ReadOnlyStringWrapper(this, "bannerText", "");
    private ReplayBar bar;

    public ReplayMode() {
        replaying.addListener(o -> updateBanner());
        file.addListener(o -> updateBanner());
        position.addListener(o -> updateBanner());
        state.addListener(o -> updateBanner());
    }

    /** True while a capture is being replayed in this window. */
    public ReadOnlyBooleanProperty replayingProperty() {
        return replaying.getReadOnlyProperty();
    }

    public boolean isReplaying() {
        return replaying.get();
    }

    /** The capture replayed, or null when live. */
    public ReadOnlyObjectProperty<Path> fileProperty() {
        return file.getReadOnlyProperty();
    }

    /** The replay's clock as local date and time ({@code 2026-11-27 03:12:05}), or empty. */
    public ReadOnlyStringProperty positionProperty() {
        return position.getReadOnlyProperty();
    }

    /**
     * {@code REPLAY — file.pcap — 2026-11-27 03:12:05} while replaying, with {@code — PAUSED}, {@code — FINISHED}
     * or {@code — FAILED} after it when the replay's clock does not move (frozen numbers must not look live);
     * else empty.
     */
    public ReadOnlyStringProperty bannerTextProperty() {
        return bannerText.getReadOnlyProperty();
    }

    /** The bar replaying now, or null. */
    public ReplayBar bar() {
        return bar;
    }

    /** {@code base} when live, {@code REPLAY — file.pcap — base} while replaying: bind the stage's title to it. */
    public StringExpression windowTitle(String base) {
        return Bindings.createStringBinding(() -> replaying.get() && file.get() != null
                ? "REPLAY — " + file.get().getFileName() + " — " + base : base, replaying, file);
    }

    void enter(ReplayBar b, Path capture) {
        if (bar != null && bar != b) {
            ReplayBar old = bar;
            bar = null;
            old.close();
        }
        bar = b;
        file.set(capture);
        position.set("");
        state.set("");
        replaying.set(true);
    }

    void position(ReplayBar b, String text) {
        if (bar == b) {
            position.set(text);
        }
    }

    /** A word for the banner when the replay's clock stands still, or empty while it plays. */
    void state(ReplayBar b, String word) {
        if (bar == b) {
            state.set(word);
        }
    }

    void leave(ReplayBar b) {
        if (bar == b) {
            bar = null;
            replaying.set(false);
            file.set(null);
            position.set("");
            state.set("");
        }
    }

    private void updateBanner() {
        if (!replaying.get() || file.get() == null) {
            bannerText.set("");
            return;
        }
        String p = position.get();
        String s = state.get();
        bannerText.set("REPLAY — " + file.get().getFileName() + (p.isEmpty() ? "" : " — " + p)
                + (s.isEmpty() ? "" : " — " + s));
    }
}
