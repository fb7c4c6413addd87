package org.gapwatch.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ByteSourceTest {
    @TempDir
    Path dir;

    @Test
    void makesAvailableTheLongestRequestAndNamesTheFileBeyondIt() throws IOException {
        Path file = dir.resolve("big.bin");
        byte[] bytes = new byte[ByteSource.MAX_REQUEST + 10];
        bytes[ByteSource.MAX_REQUEST - 1] = 42;
        Files.write(file, bytes);
        try (ByteSource in = new ByteSource(file)) {
            in.skip(5);
            assertTrue(in.ensure(ByteSource.MAX_REQUEST));
            assertEquals(42, in.buffer()[in.pos() + ByteSource.MAX_REQUEST - 6]); // file offset MAX_REQUEST - 1
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> in.ensure(ByteSource.MAX_REQUEST + 1));
            assertEquals(file + ": asked for 1048641 bytes at offset 5, over the limit of 1048640", e.getMessage());
        }
    }
}
