package org.gapwatch.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Map;

/**
 * Finds and reads a jsonmap mapping file by the name a subscription gives ({@code ?map=NAME}): a path (it has a
 * {@code /} or ends in {@code .json}), else {@code NAME.json} in the user's mappings folder
 * ({@code $XDG_CONFIG_HOME/gapwatch/mappings}, else {@code ~/.config/gapwatch/mappings}), else a mapping shipped with
 * Gapwatch ({@code sensor-gateway}, docs/mappings). Its {@link #read} has the shape of the protocol layer's
 * {@code Resources}: the layers that may do I/O pass {@code MappingFiles::read}.
 */
public final class MappingFiles {
    /** Larger than any sensible mapping: a guard against naming a huge file by mistake. */
    static final int MAX_BYTES = 1 << 20;

    private MappingFiles() {
    }

    /** The bytes of mapping {@code name}; IllegalArgumentException with one line when there is none to read. */
    public static byte[] read(String kind, String name) {
        return read(name, folder(System.getenv(), System.getProperty("user.home")));
    }

    static Path folder(Map<String, String> env, String userHome) {
        String xdg = env.get("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(userHome, ".config");
        return base.resolve("gapwatch").resolve("mappings");
    }

    static byte[] read(String name, Path folder) {
        if (name.indexOf('/') >= 0 || name.endsWith(".json")) {
            return file(Path.of(name), name);
        }
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("mapping '" + name + "': a name is letters, digits, . _ - (or give a "
                    + "path)");
        }
        Path inFolder = folder.resolve(name + ".json");
        if (java.nio.file.Files.exists(inFolder)) {
            return file(inFolder, name);
        }
        try (InputStream in = MappingFiles.class.getResourceAsStream("mappings/" + name + ".json")) {
            if (in != null) {
                return in.readAllBytes();
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("mapping '" + name + "': the shipped file cannot be read: "
                    + e.getMessage());
        }
        throw new IllegalArgumentException("mapping '" + name + "': no file " + inFolder
                + " and no shipped mapping of that name");
    }

    private static byte[] file(Path path, String name) {
        try (FileChannel c = ReadableFile.open(path)) {
            long size = c.size();
            if (size > MAX_BYTES) {
                throw new IllegalArgumentException("mapping '" + name + "': " + path + " is larger than 1 MiB");
            }
            ByteBuffer b = ByteBuffer.allocate((int) size);
            while (b.hasRemaining() && c.read(b) >= 0) {
                // reads to the end
            }
            return b.array();
        } catch (UnreadableFileException e) {
            throw new IllegalArgumentException("mapping '" + name + "': " + e.getMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException("mapping '" + name + "': " + path + " cannot be read: "
                    + e.getMessage());
        }
    }
}
