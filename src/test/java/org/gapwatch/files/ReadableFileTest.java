package org.gapwatch.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadableFileTest {
    @TempDir
    Path dir;

    static String problem(Path p) {
        return assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(UnreadableFileException.class, () -> ReadableFile.open(p).close())).getMessage();
    }

    /** Makes a FIFO with mkfifo; false (and the test skips) where there is no mkfifo. */
    static boolean mkfifo(Path p) throws InterruptedException {
        try {
            return new ProcessBuilder("mkfifo", p.toString()).inheritIO().start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void regularFileAndLinkToOneOpen() throws IOException {
        Path f = Files.writeString(dir.resolve("a.txt"), "abc");
        Path link = Files.createSymbolicLink(dir.resolve("link"), f);
        try (FileChannel c = ReadableFile.open(link)) {
            assertEquals(3, c.read(ByteBuffer.allocate(10)));
        }
    }

    @Test
    void missingDirectoryBrokenLinkAndLoopEachSayWhat() throws IOException {
        Path missing = dir.resolve("none.pcap");
        UnreadableFileException e = assertThrows(UnreadableFileException.class, () -> ReadableFile.open(missing));
        assertEquals(missing + " does not exist", e.getMessage());
        assertTrue(e.missing());
        assertEquals(dir + " is a directory", problem(dir));
        Path broken = Files.createSymbolicLink(dir.resolve("broken"), dir.resolve("gone"));
        UnreadableFileException b = assertThrows(UnreadableFileException.class, () -> ReadableFile.open(broken));
        assertEquals(broken + " is a broken symbolic link (its target does not exist)", b.getMessage());
        assertFalse(b.missing());
        Path loop = dir.resolve("loop1");
        Files.createSymbolicLink(loop, dir.resolve("loop2"));
        Files.createSymbolicLink(dir.resolve("loop2"), loop);
        assertEquals(loop + " cannot be read: symbolic link loop (too many levels of symbolic links)", problem(loop));
    }

    @Test
    void fifoIsRefusedWithoutBlocking() throws Exception {
        Path fifo = dir.resolve("fifo");
        assumeTrue(mkfifo(fifo), "mkfifo is not available: FIFO not tested");
        assertEquals(fifo + " is not a regular file (a FIFO)", problem(fifo));
    }

    @Test
    void linkToDevZeroIsRefused() throws IOException {
        assumeTrue(Files.exists(Path.of("/dev/zero")), "/dev/zero is not there: device not tested");
        Path link = Files.createSymbolicLink(dir.resolve("zero"), Path.of("/dev/zero"));
        assertEquals(link + " is not a regular file (a character device)", problem(link));
    }

    @Test
    void permissionDeniedSaysSo() throws IOException {
        AccessDeniedException denied = new AccessDeniedException(dir.resolve("x").toString());
        assertEquals(dir.resolve("x") + " cannot be read: permission denied",
                ReadableFile.unreadable(dir.resolve("x"), denied).getMessage());
        Path f = Files.writeString(dir.resolve("secret"), "x");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("---------"));
        assumeTrue(!Files.isReadable(f), "running with the right to read any file (root): real denial not tested");
        assertEquals(f + " cannot be read: permission denied", problem(f));
    }
}
