package org.gapwatch.protocol;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The public JSON parsing test suite (shared/testdata/json-test-suite): every y_ file is strict JSON and must not be
 * rejected as malformed; every n_ file must be rejected as a whole datagram for a syntax reason; i_ files may go
 * either way but must never throw.
 */
class JsonTestSuiteTest {
    private static final Set<RejectReason> SYNTAX = EnumSet.of(RejectReason.EMPTY, RejectReason.INVALID_UTF8,
            RejectReason.MALFORMED_JSON, RejectReason.TRAILING_CONTENT, RejectReason.TOO_DEEP);

    static Path suite() {
        Path dir = Path.of("..", "shared", "testdata", "json-test-suite", "test_parsing").toAbsolutePath().normalize();
        if (System.getenv("CI") == null) {
            Assumptions.assumeTrue(Files.isDirectory(dir), "JSON test suite not found at " + dir);
        }
        assertTrue(Files.isDirectory(dir), "JSON test suite not found at " + dir);
        return dir;
    }

    private static List<Path> files(String prefix) throws IOException {
        try (Stream<Path> s = Files.list(suite())) {
            List<Path> out = s.filter(p -> p.getFileName().toString().startsWith(prefix)).sorted().toList();
            assertFalse(out.isEmpty(), "no " + prefix + " files");
            return out;
        }
    }

    @TestFactory
    Stream<DynamicTest> acceptedFilesAreNotRejectedAsMalformed() throws IOException {
        DatagramDecoder decoder = new DatagramDecoder();
        return files("y_").stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            byte[] b = Files.readAllBytes(p);
            RejectReason r = decoder.decode(b, 0, b.length).datagramReason();
            assertFalse(r != null && SYNTAX.contains(r), "valid JSON rejected as " + r);
        }));
    }

    @TestFactory
    Stream<DynamicTest> rejectedFilesAreRejectedForSyntax() throws IOException {
        DatagramDecoder decoder = new DatagramDecoder();
        return files("n_").stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            byte[] b = Files.readAllBytes(p);
            RejectReason r = decoder.decode(b, 0, b.length).datagramReason();
            assertTrue(r != null && SYNTAX.contains(r), "invalid JSON gave " + r);
        }));
    }

    @TestFactory
    Stream<DynamicTest> eitherFilesNeverThrow() throws IOException {
        DatagramDecoder decoder = new DatagramDecoder();
        return files("i_").stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            byte[] b = Files.readAllBytes(p);
            RejectReason r = decoder.decode(b, 0, b.length).datagramReason();
            assertTrue(r == null || r == RejectReason.NOT_UPDATES || SYNTAX.contains(r), "gave " + r);
        }));
    }
}
