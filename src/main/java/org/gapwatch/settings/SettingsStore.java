package org.gapwatch.settings;

import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.function.Consumer;
import org.gapwatch.files.ReadableFile;
import org.gapwatch.files.UnreadableFileException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes {@link Settings} as JSON in one file. Writes go to a temporary file in the same directory that
 * is then moved over the old one atomically, so a reader on another machine sharing the home directory (NFS) sees
 * the old file or the new one, never half of one. A missing file gives the defaults; one that is no regular file,
 * too large, unreadable or not valid gives the defaults and a one-line warning.
 */
public final class SettingsStore {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    /** The largest settings file read; the real one is a few hundred bytes. */
    public static final int MAX_BYTES = 1 << 20;

    private final Path file;

    public SettingsStore(Path file) {
        this.file = file;
    }

    /** {@code $XDG_CONFIG_HOME/gapwatch/settings.json}, else {@code ~/.config/gapwatch/settings.json}. */
    public static Path defaultFile(Map<String, String> env, String userHome) {
        String xdg = env.get("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
                ? Path.of(xdg) : Path.of(userHome, ".config");
        return base.resolve("gapwatch").resolve("settings.json");
    }

    public static SettingsStore forUser() {
        return new SettingsStore(defaultFile(System.getenv(), System.getProperty("user.home")));
    }

    public Path file() {
        return file;
    }

    /**
     * The saved settings, or the defaults: quietly when there is no file, with one line to {@code warn} when the file
     * is no regular file (a FIFO would block the start, a device such as {@code /dev/zero} never ends), is over
     * {@link #MAX_BYTES}, cannot be read or is not valid. Never throws.
     */
    public Settings load(Consumer<String> warn) {
        byte[] bytes;
        try (FileChannel channel = ReadableFile.open(file)) {
            bytes = Channels.newInputStream(channel).readNBytes(MAX_BYTES + 1); // one more tells "too large"
            if (bytes.length > MAX_BYTES) {
                warn.accept("gapwatch: settings: " + file + " is larger than 1 MiB (" + channel.size()
                        + " bytes); using defaults");
                return Settings.defaults();
            }
        } catch (UnreadableFileException e) {
            if (!e.missing()) {
                warn.accept("gapwatch: settings: " + e.getMessage() + "; using defaults");
            }
            return Settings.defaults();
        } catch (IOException e) {
            warn.accept("gapwatch: settings: " + file + " cannot be read (" + firstLine(e.getMessage())
                    + "); using defaults");
            return Settings.defaults();
        }
        try {
            Settings s = MAPPER.readValue(bytes, Settings.class);
            return s == null ? Settings.defaults() : s;
        } catch (JacksonException e) {
            warn.accept("gapwatch: settings: " + file + " is not valid (" + firstLine(e.getOriginalMessage())
                    + "); using defaults");
        } catch (RuntimeException e) {
            warn.accept("gapwatch: settings: " + file + " is not valid (" + firstLine(e.toString())
                    + "); using defaults");
        }
        return Settings.defaults();
    }

    public void save(Settings settings) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".settings-", ".tmp");
        try {
            Files.write(tmp, MAPPER.writeValueAsBytes(settings));
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
