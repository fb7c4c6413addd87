package org.gapwatch.files;

import java.io.IOException;
import java.nio.file.Path;

/** A file that cannot be read, and why. The message is one line: the path and {@link #problem()}. */
public final class UnreadableFileException extends IOException {
    private final transient Path file;
    private final String problem;
    private final boolean missing;

    UnreadableFileException(Path file, String problem, boolean missing, Throwable cause) {
        super(file + " " + problem, cause);
        this.file = file;
        this.problem = problem;
        this.missing = missing;
    }

    public Path file() {
        return file;
    }

    /** Why, as the rest of a sentence that starts with the path: "is a directory", "does not exist"... */
    public String problem() {
        return problem;
    }

    /** Nothing is at the path (not even a broken symbolic link). */
    public boolean missing() {
        return missing;
    }
}
