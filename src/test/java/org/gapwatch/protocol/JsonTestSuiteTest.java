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
import org.gapwatch.testutil.External;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The public JSON parsing test suite (github.com/nst/JSONTestSuite, not part of this project): every y_ file is
 * strict JSON and must not be rejected as malformed; every n_ file must be rejected as a whole datagram for a syntax
 * reason; i_ files may go either way but must never throw. Read from the folder named by
 * {@code -Dgapwatch.jsonTestSuite} (default ../shared/testdata/json-test-suite); skipped where it is absent. The
 * project's own strictness cases, which need nothing outside the clone, are in HostileCorpusTest.
 */
class JsonTestSuiteTest {
    private static final Set<RejectReason> SYNTAX = EnumSet.of(RejectReason.EMPTY, RejectReason.INVALID_UTF8,
            RejectReason.MALFORMED_JSON, RejectReason.TRAILING_CONTENT, RejectReason.TOO_DEEP);

    /** Also the test that reports the skip: Surefire counts a skipped test factory as no test at all. */
    @Test
    void theSuiteHoldsFilesOfAllThreeKinds() throws IOException {
        for (String prefix : List.of("y_", "n_", "i_")) {
            assertFalse(files(prefix).isEmpty(), prefix);
        }
    }

    static Path suite() {
        Path root = External.directory("gapwatch.jsonTestSuite", "../shared/testdata/json-test-suite",
                "the JSON parsing test suite", "clone github.com/nst/JSONTestSuite there");
        Path dir = root.resolve("test_parsing");
        External.require(Files.isDirectory(dir), "its test_parsing folder (" + dir + ")",
                "name the folder of a JSONTestSuite clone with -Dgapwatch.jsonTestSuite=DIR");
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
