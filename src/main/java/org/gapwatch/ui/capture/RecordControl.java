package org.gapwatch.ui.capture;

import java.io.File;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
import org.gapwatch.capture.PcapWriter;
import org.gapwatch.net.MulticastReceiver;

/**
 * The Record button of the live window: records every datagram the receiver takes in (arrival time in nanoseconds,
 * real sender and destination) to a pcap file, rotating by size, through a {@link PcapWriter} set as the receiver's
 * tap. Shows whether it records, the file, and the datagrams written (refreshed 4 times a second, never per
 * datagram). When the writer stops itself (full disk, removed folder) a red line says so; monitoring goes on, since
 * the receiver never depends on the writer.
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
    private FileChoice fileChoice = SAVE_DIALOG;
    private PcapWriter writer;

    private final Button button = new Button();
    private final Label buttonGlyph = new Label();
    private final Label badge = new Label("● REC");
    private final Label fileLabel = new Label();
    private final Label countLabel = new Label();
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
        errorLabel.setId("record-error");
        errorLabel.getStyleClass().add("record-error");
        for (Label l : new Label[] {badge, fileLabel, countLabel}) {
            l.visibleProperty().bind(recording);
            l.managedProperty().bind(recording);
        }
        errorLabel.textProperty().bind(error);
        errorLabel.visibleProperty().bind(error.isNotNull());
        errorLabel.managedProperty().bind(error.isNotNull());
        getChildren().addAll(button, badge, fileLabel, countLabel, errorLabel);
        poll.setCycleCount(Animation.INDEFINITE);
        this.receiver.addListener((obs, old, now) -> {
            // Recording follows the live receiver if the window replaces it.
            if (writer != null) {
                if (old != null) {
                    old.setTap(null);
                }
                if (now != null) {
                    now.setTap(writer);
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

    /** Why recording stopped or could not start (one line), or null; cleared when recording starts again. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** The name suggested for a recording started now. */
    public Path suggestedFile() {
        return directory.get().resolve(LocalDateTime.now().format(NAME));
    }

    private void toggle() {
        if (recording.get()) {
            stop();
        } else {
            Window owner = getScene() == null ? null : getScene().getWindow();
            Path chosen = fileChoice.choose(owner, suggestedFile());
            if (chosen != null) {
                start(chosen);
            }
        }
    }

    /** Starts recording to {@code path} (stopping a recording in progress first); false with a message on error. */
    public boolean start(Path path) {
        stop();
        MulticastReceiver r = receiver.get();
        if (r == null) {
            return false;
        }
        error.set(null);
        written.set(0);
        file.set(path);
        try {
            writer = new PcapWriter(path, maxFileBytes.get(), keepFiles.get(),
                    reason -> Platform.runLater(this::refresh));
        } catch (IOException | IllegalArgumentException e) {
            error.set("Cannot record to " + path.getFileName() + ": " + reason(e) + " — monitoring goes on");
            showState();
            return false;
        }
        r.setTap(writer);
        recording.set(true);
        poll.play();
        showState();
        return true;
    }

    /** Stops recording: the receiver lets go of the writer, which writes what it holds and closes the file. */
    public void stop() {
        if (writer == null) {
            return;
        }
        MulticastReceiver r = receiver.get();
        if (r != null) {
            r.setTap(null);
        }
        PcapWriter w = writer;
        writer = null;
        w.close();
        poll.stop();
        written.set(w.written());
        String reason = w.stopReason();
        if (reason != null && error.get() == null) {
            error.set(stopMessage(w, reason));
        }
        recording.set(false);
        showState();
    }

    private void refresh() {
        PcapWriter w = writer;
        if (w == null) {
            return;
        }
        written.set(w.written());
        if (!w.recording()) {
            // The writer stopped itself: take it off the receiver; monitoring never stopped.
            stop();
        }
        showState();
    }

    private void showState() {
        boolean on = recording.get();
        button.setText(on ? "Stop" : "Record");
        buttonGlyph.setText(on ? "■" : "●");
        Path f = file.get();
        fileLabel.setText(f == null ? "" : f.getFileName().toString());
        countLabel.setText(String.format(Locale.ROOT, "%,d datagrams", written.get()));
        long max = maxFileBytes.get();
        String rotation = max > 0 ? "new file every " + size(max) + ", keeps " + keepFiles.get() + " files"
                : "no size limit";
        button.setTooltip(new Tooltip(on ? "Stop recording to " + f
                : "Record every received datagram to a pcap file (" + rotation + ")"));
        if (f != null) {
            fileLabel.setTooltip(new Tooltip(f + " (" + rotation + ")"));
        }
    }

    private static String stopMessage(PcapWriter w, String reason) {
        String prefix = "recording to " + w.file() + " stopped: ";
        String cause = reason.startsWith(prefix) ? reason.substring(prefix.length()) : reason;
        // The time, because the line may be read hours later.
        return "RECORDING STOPPED at " + LocalTime.now().format(CLOCK) + ": " + cause + " (" + w.file().getFileName()
                + ") — monitoring goes on";
    }

    private static String reason(Exception e) {
        if (e instanceof NoSuchFileException) {
            return "the folder does not exist";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
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
