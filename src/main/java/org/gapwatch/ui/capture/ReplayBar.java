package org.gapwatch.ui.capture;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import javafx.util.StringConverter;
import org.gapwatch.capture.CaptureFilter;
import org.gapwatch.capture.Replayer;
import org.gapwatch.engine.Engine;

/**
 * Replay controls for one capture: owns a {@link Replayer} that plays the file into the given engine (the engine
 * the views draw from while replaying). Play/pause, speed (1x to 60x, or as fast as possible), a time slider over
 * the capture's span (dragging or clicking seeks; backwards starts the engine afresh and feeds again), the replay's
 * clock as local date-time, datagrams fed of total, and the state (LOADING, PLAYING, PAUSED, FINISHED, FAILED with its
 * one line). Polls the replayer 5 times a second. The replay starts when the bar is created; {@link #close()}
 * stops it. FX thread only.
 */
public final class ReplayBar extends VBox {
    /** A replay speed offered in the bar. */
    public record Speed(String label, double factor) {
        @Override
        public String toString() {
            return label;
        }
    }

    public static final List<Speed> SPEEDS = List.of(new Speed("1×", 1), new Speed("2×", 2), new Speed("5×", 5),
            new Speed("10×", 10), new Speed("60×", 60), new Speed("Max", Replayer.AS_FAST_AS_POSSIBLE));
    private static final long HOLD_SLIDER_NANOS = 600_000_000L;
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter DATE_TIME_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    private final Path file;
    private final ReplayMode mode;
    private final Replayer replayer;
    private final ReadOnlyBooleanWrapper replaying = new ReadOnlyBooleanWrapper(this, "replaying", true);
    private final ReadOnlyObjectWrapper<Replayer.Progress> progress = new ReadOnlyObjectWrapper<>(this, "progress");
    private ZoneId zone = ZoneId.systemDefault();
    private Runnable onExit = () -> { };
    private boolean wantPlaying;
    private boolean updatingSlider;
    private long holdSliderUntil;

    private final Label replayTag = new Label("REPLAY");
    private final Button playButton = new Button();
    private final ComboBox<Speed> speedBox = new ComboBox<>();
    private final Slider slider = new Slider(0, 1, 0);
    private final Label startLabel = new Label();
    private final Label endLabel = new Label();
    private final Label positionLabel = new Label("—");
    private final Label fedLabel = new Label();
    private final Label stateLabel = new Label();
    private final Label problemsLabel = new Label();
    private final Button exitButton = new Button("✕ Back to LIVE");
    private final Timeline poll = new Timeline(new KeyFrame(Duration.millis(200), e -> refresh()));

    /** Replays {@code file} (every multicast UDP datagram in it) into {@code engine} at 1x, in a mode of its own. */
    public ReplayBar(Path file, Engine engine) {
        this(file, engine, new ReplayMode());
    }

    /** Replays {@code file} into {@code engine} at 1x; {@code mode} says so to the window while the bar is open. */
    public ReplayBar(Path file, Engine engine, ReplayMode mode) {
        this(file, engine, mode, CaptureFilter.multicast(), 1, false);
    }

    /**
     * @param speed       1 for as it happened, {@link Replayer#AS_FAST_AS_POSSIBLE} for no waiting
     * @param startPaused stay at the capture's first moment until Play
     */
    public ReplayBar(Path file, Engine engine, ReplayMode mode, CaptureFilter filter, double speed,
                     boolean startPaused) {
        this.file = file;
        this.mode = Objects.requireNonNull(mode);
        this.replayer = new Replayer(file, filter, engine);
        getStyleClass().add("replay-bar");
        getStylesheets().add(Objects.requireNonNull(ReplayBar.class.getResource("capture.css")).toExternalForm());
        build(speed);
        wantPlaying = !startPaused;
        if (startPaused) {
            replayer.pause();
        }
        replayer.speed(speed);
        mode.enter(this, file);
        replayer.start();
        poll.setCycleCount(Animation.INDEFINITE);
        poll.play();
        refresh();
    }

    private void build(double speed) {
        setSpacing(6);
        playButton.setId("replay-play");
        playButton.getStyleClass().add("replay-play");
        playButton.setOnAction(e -> togglePlay());

        speedBox.setId("replay-speed");
        speedBox.getItems().setAll(SPEEDS);
        speedBox.setValue(SPEEDS.stream().filter(s -> s.factor() == speed).findFirst()
                .orElseGet(() -> new Speed(String.format(Locale.ROOT, "%g×", speed), speed)));
        speedBox.setTooltip(new Tooltip("Replay speed: 1× as it happened, Max as fast as possible"));
        speedBox.valueProperty().addListener((obs, old, now) -> {
            if (now != null) {
                replayer.speed(now.factor());
            }
        });
        speedBox.setConverter(new StringConverter<>() {
            @Override
            public String toString(Speed s) {
                return s == null ? "" : s.label();
            }

            @Override
            public Speed fromString(String text) {
                return SPEEDS.stream().filter(s -> s.label().equals(text)).findFirst().orElse(null);
            }
        });

        slider.setId("replay-slider");
        slider.setDisable(true);
        HBox.setHgrow(slider, Priority.ALWAYS);
        slider.setMaxWidth(Double.MAX_VALUE);
        slider.valueProperty().addListener((obs, old, now) -> {
            if (!updatingSlider) {
                showPosition(sliderNanos());
                if (!slider.isValueChanging()) {
                    seekToSlider();
                }
            }
        });
        slider.valueChangingProperty().addListener((obs, was, is) -> {
            if (!is) {
                seekToSlider();
            }
        });

        startLabel.setId("replay-start");
        startLabel.getStyleClass().add("replay-edge");
        endLabel.setId("replay-end");
        endLabel.getStyleClass().add("replay-edge");
        positionLabel.setId("replay-position");
        positionLabel.getStyleClass().add("replay-position");
        fedLabel.setId("replay-fed");
        fedLabel.getStyleClass().add("replay-fed");
        stateLabel.setId("replay-state");
        stateLabel.getStyleClass().add("replay-state");
        problemsLabel.setId("replay-problems");
        problemsLabel.getStyleClass().add("replay-problems");
        problemsLabel.setVisible(false);
        problemsLabel.setManaged(false);
        exitButton.setId("replay-exit");
        exitButton.getStyleClass().add("replay-exit");
        exitButton.setOnAction(e -> {
            close();
            onExit.run();
        });

        HBox timeRow = new HBox(10, startLabel, slider, endLabel);
        timeRow.setAlignment(Pos.CENTER);
        timeRow.getStyleClass().add("replay-time-row");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        replayTag.getStyleClass().add("replay-tag");
        for (Region r : new Region[] {replayTag, playButton, speedBox, positionLabel, fedLabel, problemsLabel,
                exitButton, startLabel, endLabel}) {
            r.setMinWidth(Region.USE_PREF_SIZE); // only the state line may be cut short (its tooltip has it all)
        }
        HBox controls = new HBox(14, replayTag, playButton, speedBox, positionLabel, fedLabel, stateLabel,
                problemsLabel, spacer, exitButton);
        controls.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(timeRow, controls);
    }

    /** Called after Back to LIVE closed the bar: switch the views to the live engine and remove the bar. */
    public void setOnExit(Runnable onExit) {
        this.onExit = Objects.requireNonNull(onExit);
    }

    /** Zone in which capture times are shown; the system's by default. */
    public void setZone(ZoneId zone) {
        this.zone = Objects.requireNonNull(zone);
        refresh();
    }

    /** True from creation until {@link #close()}. */
    public ReadOnlyBooleanProperty replayingProperty() {
        return replaying.getReadOnlyProperty();
    }

    /** The replayer's latest progress, as of the last poll. */
    public ReadOnlyObjectProperty<Replayer.Progress> progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public Path file() {
        return file;
    }

    public ReplayMode mode() {
        return mode;
    }

    /** The capture's problems (skipped records by reason, truncation), one line each; complete once loaded. */
    public List<String> problems() {
        return replayer.problems();
    }

    public void play() {
        wantPlaying = true;
        Replayer.Progress p = replayer.progress();
        if (p.state() == Replayer.State.FINISHED) {
            replayer.seek(p.startNanos()); // Play at the end plays again from the start
        }
        replayer.play();
        refresh();
    }

    public void pause() {
        wantPlaying = false;
        replayer.pause();
        refresh();
    }

    /** Moves the replay to {@code epochNanos}; play or pause is kept. */
    public void seek(long epochNanos) {
        holdSliderUntil = System.nanoTime() + HOLD_SLIDER_NANOS;
        replayer.seek(epochNanos);
    }

    /** Sets the speed shown and used: one of {@link #SPEEDS}' factors, e.g. {@link Replayer#AS_FAST_AS_POSSIBLE}. */
    public void setSpeed(double factor) {
        Speed s = SPEEDS.stream().filter(x -> x.factor() == factor).findFirst()
                .orElseGet(() -> new Speed(String.format(Locale.ROOT, "%g×", factor), factor));
        speedBox.setValue(s);
    }

    /**
     * Stops the replay and leaves replay mode at once; the replay's thread ends in the background. The engine keeps
     * what it was fed.
     */
    public void close() {
        if (!replaying.get()) {
            return;
        }
        poll.stop();
        replayer.close();
        replaying.set(false);
        mode.leave(this);
        refresh();
        setDisable(true);
    }

    private void togglePlay() {
        if (wantPlaying && replayer.progress().state() != Replayer.State.FINISHED) {
            pause();
        } else {
            play();
        }
    }

    private long sliderNanos() {
        Replayer.Progress p = replayer.progress();
        return p.startNanos() + Math.round(slider.getValue() * 1_000_000.0);
    }

    private void seekToSlider() {
        if (!updatingSlider && !slider.isDisabled()) {
            seek(sliderNanos());
            refresh();
        }
    }

    private void refresh() {
        Replayer.Progress p = replayer.progress();
        if (!replaying.get() && p.state() != Replayer.State.FAILED) {
            // Closed: the replay's loop ends in the background, within one batch; for the bar it is over now.
            p = p.withState(Replayer.State.CLOSED, null);
        }
        progress.set(p);
        Replayer.State state = p.state();
        boolean loaded = state != Replayer.State.LOADING && state != Replayer.State.FAILED && p.total() > 0;
        slider.setDisable(!loaded || !replaying.get());
        playButton.setDisable(!loaded || !replaying.get());
        speedBox.setDisable(!replaying.get());
        exitButton.setDisable(!replaying.get());
        if (loaded) {
            double max = (p.endNanos() - p.startNanos()) / 1_000_000.0;
            updatingSlider = true;
            try {
                if (slider.getMax() != max) {
                    slider.setMax(Math.max(max, 0.001));
                    startLabel.setText(time(p.startNanos(), DATE_TIME));
                    endLabel.setText(time(p.endNanos(), DATE_TIME));
                }
                if (!slider.isValueChanging() && System.nanoTime() > holdSliderUntil) {
                    slider.setValue((p.positionNanos() - p.startNanos()) / 1_000_000.0);
                }
            } finally {
                updatingSlider = false;
            }
        }
        if (loaded && !slider.isValueChanging()) {
            showPosition(System.nanoTime() > holdSliderUntil ? p.positionNanos() : sliderNanos());
        }
        fedLabel.setText(String.format(Locale.ROOT, "%,d / %,d datagrams", p.fed(), p.total()));
        boolean failed = state == Replayer.State.FAILED;
        fedLabel.setVisible(!failed);
        fedLabel.setManaged(!failed);
        positionLabel.setVisible(!failed);
        positionLabel.setManaged(!failed);
        boolean playing = wantPlaying && (state == Replayer.State.PLAYING || state == Replayer.State.PAUSED
                || state == Replayer.State.LOADING);
        playButton.setText(playing ? "❚❚ Pause" : state == Replayer.State.FINISHED ? "▶ Again" : "▶ Play");
        stateLabel.setText(stateText(p));
        mode.state(this, switch (state) {
            case PAUSED, FINISHED, FAILED -> state.name();
            default -> "";
        });
        if (state == Replayer.State.FAILED && stateLabel.getTooltip() == null) {
            stateLabel.setTooltip(new Tooltip(p.error()));
        }
        for (Replayer.State s : Replayer.State.values()) {
            stateLabel.pseudoClassStateChanged(PseudoClass.getPseudoClass(s.name().toLowerCase(Locale.ROOT)),
                    s == state);
        }
        List<String> problems = replayer.problems();
        problemsLabel.setVisible(!problems.isEmpty());
        problemsLabel.setManaged(!problems.isEmpty());
        if (!problems.isEmpty()) {
            problemsLabel.setText("⚠ " + problems.size() + (problems.size() == 1 ? " problem" : " problems"));
            problemsLabel.setTooltip(new Tooltip(String.join("\n", problems)));
        }
    }

    private void showPosition(long nanos) {
        positionLabel.setText(time(nanos, DATE_TIME_MILLIS));
        mode.position(this, time(nanos, DATE_TIME));
    }

    private String stateText(Replayer.Progress p) {
        return switch (p.state()) {
            case LOADING -> "LOADING…";
            case PLAYING -> p.speed() == Replayer.AS_FAST_AS_POSSIBLE ? "PLAYING at max speed"
                    : "PLAYING " + speedLabel(p.speed());
            case PAUSED -> "PAUSED";
            case FINISHED -> "FINISHED";
            case FAILED -> "FAILED: " + (p.error() == null ? "" // the bar names the file; the path is in the tooltip
                    : p.error().replace(file.toString(), String.valueOf(file.getFileName())));
            case CLOSED -> "CLOSED";
        };
    }

    private static String speedLabel(double factor) {
        return SPEEDS.stream().filter(s -> s.factor() == factor).map(Speed::label).findFirst()
                .orElse(String.format(Locale.ROOT, "%g×", factor));
    }

    private String time(long epochNanos, DateTimeFormatter f) {
        return f.format(Instant.ofEpochSecond(0, epochNanos).atZone(zone));
    }
}
