package org.gapwatch.cli;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.gapwatch.testutil.Await;

/** The gapwatch launcher as its own process (java, this test run's class path, org.gapwatch.Main). */
final class Launcher {
    final Process process;
    final Path out;
    final Path err;

    private Launcher(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /** Starts {@code gapwatch args...} with its standard output to {@code stdout} (a file, or /dev/full). */
    static Launcher start(Path dir, File stdout, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m", "-Xshare:auto",
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "org.gapwatch.Main"));
        command.addAll(List.of(args));
        Path err = dir.resolve("stderr-" + System.nanoTime());
        try {
            Process p = new ProcessBuilder(command).redirectOutput(stdout).redirectError(err.toFile()).start();
            return new Launcher(p, stdout.toPath(), err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Launcher start(Path dir, String... args) {
        return start(dir, dir.resolve("stdout-" + System.nanoTime()).toFile(), args);
    }

    String stdout() {
        return read(out);
    }

    String stderr() {
        return read(err);
    }

    void awaitStderr(String text) {
        Await.until("'" + text + "' on stderr", () -> stderr().contains(text) || !process.isAlive());
        if (!stderr().contains(text)) {
            throw new AssertionError("ended before '" + text + "': " + stderr());
        }
    }

    void signal(String name) {
        try {
            int rc = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start().waitFor();
            if (rc != 0) {
                throw new AssertionError("kill -" + name + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    int awaitExit() {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("still running after 60 s: " + stderr());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String read(Path p) {
        try {
            return Files.isRegularFile(p) ? Files.readString(p) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
