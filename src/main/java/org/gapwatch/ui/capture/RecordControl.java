package org.gapwatch.ui.capture;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javafx.util.Duration;
import org.gapwatch.capture.Recorder;
import org.gapwatch.net.MulticastReceiver;

/**
 * The Record button of the live window: records every datagram the receiver takes in (arrival time in nanoseconds,
 * real sender and destination) to a pcap file, rotating by size, through a {@link Recorder} set as the receiver's
 * tap. Shows whether it records, the file, the datagrams in the file and, when a slow disk makes the recording drop
 * some, "recording dropped N" (refreshed 4 times a second from the recorder's published status, never per datagram
 * and never by touching the writer). Opening, rotating and closing files run on the recorder's thread, never here.
 * When the recorder stops itself (full disk, removed file or folder) a red line says so; monitoring goes on, since
 * the receiver never waits for the recorder.
 *
 * <p>Where to record is asked through a {@link FileChoice}: by default a save dialog suggesting
 * {@code gapwatch-YYYYMMDD-HHMMSS.pcap} in {@link #directoryProperty()}; {@link #NO_DIALOG} records straight there.
 * FX thread only.
 */
public final class RecordControl extends HBox {
    public static final long DEFAULT_MAX_FILE_BYTES = 100L * 1000 * 1000;
    public static final int DEFAULT_KEEP_FILES = 10;
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("'gapwatch-'yyyyMMdd-HHmmss'.pcap'");
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final PseudoClass RECORDING = PseudoClass.getPseudoClass("recording");

    /** Where to record: given the suggested file, the file to write, or null to cancel. */
    @FunctionalInterface
    public interface FileChoice {
        Path choose(Window owner, Path suggested);
    }

    /** A save dialog that starts at the suggested folder and name. */
    public static final FileChoice SAVE_DIALOG = RecordControl::saveDialog;
    /** No dialog: record to the suggested file. */
    public static final FileChoice NO_DIALOG = (owner, suggested) -> suggested;

    private final ObjectProperty<MulticastReceiver> receiver = new SimpleObjectProperty<>(this, "receiver");
    private final ObjectProperty<Path> directory =
            new SimpleObjectProperty<>(this, "directory", Path.of(System.getProperty("user.home")));
    private final LongProperty maxFileBytes = new SimpleLongProperty(this, "maxFileBytes", DEFAULT_MAX_FILE_BYTES);
    private final IntegerProperty keepFiles = new SimpleIntegerProperty(this, "keepFiles", DEFAULT_KEEP_FILES);
    private final ReadOnlyBooleanWrapper recording = new ReadOnlyBooleanWrapper(this, "recording");
    private final ReadOnlyObjectWrapper<Path> file = new ReadOnlyObjectWrapper<>(this, "file");
    private final ReadOnlyLongWrapper written = new ReadOnlyLongWrapper(this, "written");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error");
    private final ReadOnlyLongWrapper dropped = new ReadOnlyLongWrapper(this, "dropped");
    private FileChoice fileChoice = SAVE_DIALOG;
    private Recorder.Options options = Recorder.Options.defaults();
    /** The recording in progress, and the one before it while it finishes its file. */
    private Recorder recorder;
    private Recorder closing;

    private final Button button = new Button();
    private final Label buttonGlyph = new Label();
    private final Label badge = new Label("● REC");
    private final Label fileLabel = new Label();
    private final Label countLabel = new Label();
    private final Label droppedLabel = new Label();
    private final Label errorLabel = new Label();
    private final Timeline poll = new Timeline(new KeyFrame(Duration.millis(250), e -> refresh()));

    public RecordControl(MulticastReceiver receiver) {
        this();
        this.receiver.set(receiver);
    }

    public RecordControl() {
        getStyleClass().add("record-control");
        getStylesheets().add(Objects.requireNonNull(RecordControl.class.getResource("capture.css")).toExternalForm());
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(12);
        button.setId("record-button");
        button.getStyleClass().add("record-button");
        button.setOnAction(e -> toggle());
        buttonGlyph.getStyleClass().add("record-glyph");
        button.setGraphic(buttonGlyph);
        button.disableProperty().bind(this.receiver.isNull());
        badge.setId("record-badge");
        badge.getStyleClass().add("record-badge");
        fileLabel.setId("record-file");
        fileLabel.getStyleClass().add("record-file");
        countLabel.setId("record-count");
        countLabel.getStyleClass().add("record-count");
        droppedLabel.setId("record-dropped");
        droppedLabel.getStyleClass().add("record-dropped");
        // Shown while datagrams are being dropped, and after, until the next recording starts.
        droppedLabel.visibleProperty().bind(dropped.greaterThan(0));
        droppedLabel.managedProperty().bind(dropped.greaterThan(0));
        errorLabel.setId("record-error");
        errorLabel.getStyleClass().add("record-error");
        for (Label l : new Label[] {badge, fileLabel, countLabel}) {
            l.visibleProperty().bind(recording);
            l.managedProperty().bind(recording);
        }
        errorLabel.textProperty().bind(error);
        errorLabel.visibleProperty().bind(error.isNotNull());
        errorLabel.managedProperty().bind(error.isNotNull());
        getChildren().addAll(button, badge, fileLabel, countLabel, droppedLabel, errorLabel);
        poll.setCycleCount(Animation.INDEFINITE);
        this.receiver.addListener((obs, old, now) -> {
            // Recording follows the live receiver if the window replaces it.
            if (recorder != null && recording.get()) {
                if (old != null) {
                    old.setTap(null);
                }
                if (now != null) {
                    now.setTap(recorder);
                }
            }
        });
        recording.addListener((obs, was, is) -> pseudoClassStateChanged(RECORDING, is));
        showState();
    }

    /** The receiver whose datagrams are recorded. */
    public ObjectProperty<MulticastReceiver> receiverProperty() {
        return receiver;
    }

    /** Folder of the suggested file name; the user's home by default. */
    public ObjectProperty<Path> directoryProperty() {
        return directory;
    }

    /** Size at which the file is rotated ({@code FILE} becomes {@code FILE.1}); 0 for no limit. */
    public LongProperty maxFileBytesProperty() {
        return maxFileBytes;
    }

    /** How many files to keep in all when rotating. */
    public IntegerProperty keepFilesProperty() {
        return keepFiles;
    }

    public void setFileChoice(FileChoice choice) {
        this.fileChoice = Objects.requireNonNull(choice);
    }

    public ReadOnlyBooleanProperty recordingProperty() {
        return recording.getReadOnlyProperty();
    }

    /** The file being (or last) recorded to. */
    public ReadOnlyObjectProperty<Path> fileProperty() {
        return file.getReadOnlyProperty();
    }

    /** Datagrams written to the current (or last) recording, across rotated files. */
    public ReadOnlyLongProperty writtenProperty() {
        return written.getReadOnlyProperty();
    }

    /** Datagrams received while recording that are not in the file (a slow or full disk), across rotated files. */
    public ReadOnlyLongProperty droppedProperty() {
        return dropped.getReadOnlyProperty();
    }

    /** Why recording stopped or could not start (one line), or null; cleared when recording starts again. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** The name suggested for a recording started now. */
    public Path suggestedFile() {
        return directory.get().resolve(LocalDateTime.now().format(NAME));
    }

    private void toggle() {
        if (recorder != null) {
            stop();
        } else {
            Window owner = getScene() == null ? null : getScene().getWindow();
            Path chosen = fileChoice.choose(owner, suggestedFile());
            if (chosen != null) {
                start(chosen);
            }
        }
    }

    /**
     * Starts recording to {@code path} (stopping a recording in progress first); false with a message on a setting
     * that cannot work. The file is opened on the recorder's thread; {@link #recordingProperty()} turns true, and the
     * receiver's datagrams go to the file, once it is open (a file that cannot be opened shows its reason instead).
     */
    public boolean start(Path path) {
        stop();
        MulticastReceiver r = receiver.get();
        if (r == null) {
            return false;
        }
        error.set(null);
        written.set(0);
        dropped.set(0);
        file.set(path);
        try {
            // The file is opened on the recorder's own thread: a slow disk never holds up this one.
            Recorder started = Recorder.start(path, options.withRotation(maxFileBytes.get(), keepFiles.get()),
                    reason -> Platform.runLater(this::refresh));
            recorder = started;
            started.opened().thenRun(() -> Platform.runLater(this::refresh));
        } catch (IllegalArgumentException e) {
            error.set("Cannot record to " + path.getFileName() + ": " + e.getMessage() + " — monitoring goes on");
            showState();
            return false;
        }
        poll.play();
        showState();
        return true;
    }

    /**
     * Stops recording: the receiver lets go of the recorder, which writes what it holds and closes the file in the
     * background; the final count is shown when it has.
     */
    public void stop() {
        if (recorder == null) {
            return;
        }
        MulticastReceiver r = receiver.get();
        if (r != null) {
            r.setTap(null);
        }
        closing = recorder;
        recorder = null;
        closing.close(); // returns at once
        recording.set(false);
        refresh();
    }

    /** Test hook: how recordings are made (queue, clock, file opener); rotation comes from the properties. */
    void setOptions(Recorder.Options options) {
        this.options = Objects.requireNonNull(options);
    }

    /** Reads the recorders' published status (never the writer) and shows it: 4 times a second while needed. */
    void refresh() {
        if (recorder != null) {
            Recorder.Status s = recorder.status();
            show(s);
            MulticastReceiver r = receiver.get();
            if (s.state() == Recorder.State.RECORDING && !recording.get() && r != null) {
                r.setTap(recorder); // the file is open: from now on every datagram goes to it
                recording.set(true);
            }
            if (s.state() == Recorder.State.FAILED) {
                error.set("Cannot record to " + s.file().getFileName() + ": " + s.stopCause()
                        + " — monitoring goes on");
                stop();
            } else if (s.state().ended()) {
                // The recorder stopped itself: take it off the receiver; monitoring never stopped.
                error.set(stopMessage(s));
                stop();
            }
        }
        if (closing != null) {
            Recorder.Status s = closing.status();
            show(s);
            if (s.state().ended()) {
                closing = null;
                if (s.state() == Recorder.State.STOPPED && error.get() == null) {
                    error.set(stopMessage(s));
                }
            }
        }
        if (recorder == null && closing == null) {
            poll.stop();
        }
        showState();
    }

    private void show(Recorder.Status s) {
        written.set(s.recorded());
        dropped.set(s.dropped());
    }

    private void showState() {
        boolean on = recorder != null;
        button.setText(on ? "Stop" : "Record");
        buttonGlyph.setText(on ? "■" : "●");
        Path f = file.get();
        fileLabel.setText(f == null ? "" : f.getFileName().toString());
        countLabel.setText(String.format(Locale.ROOT, "%,d datagrams", written.get()));
        droppedLabel.setText(String.format(Locale.ROOT, "recording dropped %,d", dropped.get()));
        long max = maxFileBytes.get();
        String rotation = max > 0 ? "new file every " + size(max) + ", keeps " + keepFiles.get() + " files"
                : "no size limit";
        tooltip(button, on ? "Stop recording to " + f
                : "Record every received datagram to a pcap file (" + rotation + ")");
        if (f != null) {
            tooltip(fileLabel, f + " (" + rotation + ")");
        }
    }

    /** A new tooltip only when its text changes: this runs 4 times a second while recording. */
    private static void tooltip(javafx.scene.control.Control c, String text) {
        if (c.getTooltip() == null || !text.equals(c.getTooltip().getText())) {
            c.setTooltip(new Tooltip(text));
        }
    }

    private static String stopMessage(Recorder.Status s) {
        // The time, because the line may be read hours later.
        return "RECORDING STOPPED at " + LocalTime.now().format(CLOCK) + ": " + s.stopCause() + " ("
                + s.file().getFileName() + ") — monitoring goes on";
    }

    private static String size(long bytes) {
        if (bytes % 1_000_000_000L == 0) {
            return bytes / 1_000_000_000L + " GB";
        }
        if (bytes % 1_000_000L == 0) {
            return bytes / 1_000_000L + " MB";
        }
        return String.format(Locale.ROOT, "%,d bytes", bytes);
    }

    private static Path saveDialog(Window owner, Path suggested) {
        FileChooser fc = new FileChooser();
        fc.setTitle("Record to pcap file");
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("pcap (*.pcap)", "*.pcap"));
        Path dir = suggested.getParent();
        if (dir != null && Files.isDirectory(dir)) {
            fc.setInitialDirectory(dir.toFile());
        }
        fc.setInitialFileName(suggested.getFileName().toString());
        File f = fc.showSaveDialog(owner);
        return f == null ? null : f.toPath();
    }
}
