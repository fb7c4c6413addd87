package org.gapwatch.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;

/**
 * Opens a regular file for reading, following symbolic links, and refuses anything else with the real reason.
 * Opening a FIFO would block until a writer comes and a device such as {@code /dev/zero} never ends, so the kind of
 * file is checked before it is opened.
 */
public final class ReadableFile {
    private ReadableFile() {
    }

    /** Opens {@code file}, or throws {@link UnreadableFileException} saying why it cannot be read. */
    public static FileChannel open(Path file) throws UnreadableFileException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
        if (attributes.isDirectory()) {
            throw new UnreadableFileException(file, "is a directory", false, null);
        }
        if (!attributes.isRegularFile()) {
            throw new UnreadableFileException(file, "is not a regular file (" + kind(file) + ")", false, null);
        }
        try {
            return FileChannel.open(file, StandardOpenOption.READ);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    static UnreadableFileException unreadable(Path file, IOException e) {
        if (e instanceof NoSuchFileException) {
            boolean link = Files.isSymbolicLink(file);
            return new UnreadableFileException(file, link ? "is a broken symbolic link (its target does not exist)"
                    : "does not exist", !link, e);
        }
        if (e instanceof AccessDeniedException) {
            return new UnreadableFileException(file, "cannot be read: permission denied", false, e);
        }
        String reason = e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : e.getMessage();
        if (reason == null) {
            reason = e.getClass().getSimpleName();
        } else if (reason.startsWith("Too many levels of symbolic links")) {
            // The JDK adds "or unable to access attributes of symbolic link" to ELOOP; a loop is what it is here.
            reason = "symbolic link loop (too many levels of symbolic links)";
        }
        return new UnreadableFileException(file, "cannot be read: " + lowerFirst(reason), false, e);
    }

    /** What a file that is neither regular nor a directory is, from its Unix mode where the platform has one. */
    private static String kind(Path file) {
        try {
            int mode = (Integer) Files.getAttribute(file, "unix:mode");
            return switch (mode & 0xF000) {
                case 0x1000 -> "a FIFO";
                case 0x2000 -> "a character device";
                case 0x6000 -> "a block device";
                case 0xC000 -> "a socket";
                default -> "a special file";
            };
        } catch (IOException | RuntimeException e) {
            return "a FIFO, device or socket";
        }
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toLowerCase(Locale.ROOT) + s.substring(1);
    }
}
