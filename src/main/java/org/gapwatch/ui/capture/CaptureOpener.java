package org.gapwatch.ui.capture;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * Asks which capture to open: a FileChooser with pcap, pcapng and cap filters. The chooser itself is a
 * {@code Function<Window, Path>} so tests (and scripted setups) can answer without a dialog.
 */
public final class CaptureOpener {
    private final Function<Window, Path> chooser;
    private Path initialDirectory;

    /** Opens the system's file dialog. */
    public CaptureOpener() {
        this.chooser = this::showDialog;
    }

    /** Answers with {@code chooser} instead of a dialog (null for "cancelled"). */
    public CaptureOpener(Function<Window, Path> chooser) {
        this.chooser = Objects.requireNonNull(chooser);
    }

    /** The capture chosen, or null when the user cancelled. */
    public Path choose(Window owner) {
        Path p = chooser.apply(owner);
        if (p != null && p.getParent() != null) {
            initialDirectory = p.getParent();
        }
        return p;
    }

    /** Where the dialog starts; by default the folder of the last capture chosen, else the user's home. */
    public void setInitialDirectory(Path dir) {
        this.initialDirectory = dir;
    }

    /** The dialog's filters, first one selected: captures of every kind, then each kind, then all files. */
    public static List<FileChooser.ExtensionFilter> filters() {
        return List.of(
                new FileChooser.ExtensionFilter("Captures (*.pcap, *.pcapng, *.cap)", "*.pcap", "*.pcapng", "*.cap"),
                new FileChooser.ExtensionFilter("pcap (*.pcap)", "*.pcap"),
                new FileChooser.ExtensionFilter("pcapng (*.pcapng)", "*.pcapng"),
                new FileChooser.ExtensionFilter("cap (*.cap)", "*.cap"),
                new FileChooser.ExtensionFilter("All files", "*.*"));
    }

    private Path showDialog(Window owner) {
        FileChooser fc = new FileChooser();
        fc.setTitle("Open capture for replay");
        fc.getExtensionFilters().setAll(filters());
        Path dir = initialDirectory != null ? initialDirectory : Path.of(System.getProperty("user.home"));
        if (Files.isDirectory(dir)) {
            fc.setInitialDirectory(dir.toFile());
        }
        File f = fc.showOpenDialog(owner);
        return f == null ? null : f.toPath();
    }
}
