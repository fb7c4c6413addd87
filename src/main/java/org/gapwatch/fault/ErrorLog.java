package org.gapwatch.fault;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Logs each distinct error once, with its stack trace, after Agrona's {@code DistinctErrorLog}: a loop that fails on
 * every datagram the same way writes one entry, not millions. The entry goes to a log file (normally
 * {@code $XDG_STATE_HOME/gapwatch/errors.log}) and to an echo (stderr for {@code listen}); a file that cannot be
 * written is said once on the echo and then left alone. Thread-safe.
 */
public final class ErrorLog {
    /** Distinct traces remembered; past this, errors are still counted by the loops but no longer logged. */
    static final int MAX_DISTINCT = 1_000;

    private final Path file;
    private final Consumer<String> echo;
    private final InstantSource clock;
    private final Set<String> seen = new HashSet<>();
    private boolean fileFailed;

    public ErrorLog(Path file, Consumer<String> echo, InstantSource clock) {
        this.file = file;
        this.echo = echo;
        this.clock = clock;
    }

    /** The default place: {@code $XDG_STATE_HOME/gapwatch/errors.log}, else {@code ~/.local/state/gapwatch/errors.log}. */
    public static Path defaultFile() {
        String state = System.getenv("XDG_STATE_HOME");
        Path base = state != null && !state.isBlank() ? Path.of(state)
                : Path.of(System.getProperty("user.home", "."), ".local", "state");
        return base.resolve("gapwatch").resolve("errors.log");
    }

    /** A log that writes nowhere but the echo: for tests and for when no file is wanted. */
    public static ErrorLog echoOnly(Consumer<String> echo) {
        return new ErrorLog(null, echo, InstantSource.system());
    }

    /** Logs the error if its trace has not been logged before; returns whether it was logged. */
    public boolean log(String loop, Throwable error) {
        return logIn(loop + " loop", error);
    }

    /**
     * As {@link #log}, for an error that is not a loop's: {@code where} is said as it is ("display (heatmap)" gives
     * "gapwatch: error in display (heatmap): ...").
     */
    public synchronized boolean logIn(String where, Throwable error) {
        String trace = trace(error);
        if (seen.size() >= MAX_DISTINCT || !seen.add(where + '\n' + trace)) {
            return false;
        }
        Instant now = clock.instant();
        String headline = "gapwatch: error in " + where + ": " + describe(error);
        echo.accept(headline + (file != null && !fileFailed ? " (trace in " + file + ")" : ""));
        if (file != null && !fileFailed) {
            try {
                Files.createDirectories(file.getParent());
                Files.writeString(file, now + " " + headline + "\n" + trace + "\n", StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
            } catch (IOException | RuntimeException e) {
                fileFailed = true;
                echo.accept("gapwatch: cannot write the error log " + file + ": " + e.getMessage());
            }
        }
        return true;
    }

    /** The error's class and message, one line. */
    public static String describe(Throwable t) {
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m != null && !m.isBlank() ? ": " + m.lines().findFirst().orElse("") : "");
    }

    private static String trace(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }
}
