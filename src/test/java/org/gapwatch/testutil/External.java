package org.gapwatch.testutil;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assumptions;

/**
 * The one gate for tests that need something outside the clone: public test data, a program, a device, a
 * permission. Where it is missing the test is skipped with one line saying what is missing and how to get it; with
 * {@code -Dgapwatch.requireExternal=true} (what CI sets) the same line fails the test instead, so a green CI run
 * cannot hide a skipped check.
 */
public final class External {
    /** System property that turns every skip of this class into a failure. */
    public static final String REQUIRE = "gapwatch.requireExternal";

    private static final Set<String> REPORTED = ConcurrentHashMap.newKeySet();

    private External() {
    }

    /** Skips (or, where required, fails) the calling test unless {@code present}. */
    public static void require(boolean present, String what, String howToGetIt) {
        if (present) {
            return;
        }
        String line = what + " is missing: " + howToGetIt;
        if (required()) {
            throw new AssertionError(line + " (" + REQUIRE + "=true)");
        }
        // Surefire shows a skip only as a count: the line goes to the build log too, once.
        if (REPORTED.add(line)) {
            System.err.println("[skipped] " + line);
        }
        Assumptions.abort(line);
    }

    /**
     * A directory named by system property {@code property}, else {@code defaultPath}; the test is skipped (or
     * fails) where it is not there.
     */
    public static Path directory(String property, String defaultPath, String what, String howToGetIt) {
        String named = System.getProperty(property, "");
        Path dir = Path.of(named.isBlank() ? defaultPath : named).toAbsolutePath().normalize();
        require(Files.isDirectory(dir), what + " (" + dir + ")",
                howToGetIt + ", or name its folder with -D" + property + "=DIR");
        return dir;
    }

    /** Requires a program on the PATH. */
    public static void program(String name, String howToGetIt) {
        require(onPath(name), "the program " + name, howToGetIt);
    }

    static boolean onPath(String name) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, name))) {
                return true;
            }
        }
        return false;
    }

    static boolean required() {
        return Boolean.parseBoolean(System.getProperty(REQUIRE, "false"));
    }
}
