package org.gapwatch.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/** Payloads no receiver should choke on: the JSON parsing suite, wrong types, deep nesting, junk bytes. */
final class HostileCorpus {
    private HostileCorpus() {
    }

    static List<byte[]> payloads() {
        List<byte[]> out = new ArrayList<>();
        Path suite = Path.of("..", "shared", "testdata", "json-test-suite", "test_parsing");
        if (Files.isDirectory(suite)) {
            try (Stream<Path> files = Files.list(suite)) {
                for (Path p : files.sorted().toList()) {
                    byte[] b = Files.readAllBytes(p);
                    if (b.length <= 65_000) {
                        out.add(b);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        for (String s : List.of(
                "{\"src\":123,\"seq\":1}", "{\"src\":\"x\",\"seq\":\"1\"}", "{\"src\":\"x\",\"seq\":-3}",
                "{\"src\":\"x\",\"seq\":1,\"v\":9}", "{\"src\":[\"x\"],\"seq\":1}", "{\"src\":\"x\",\"seq\":1e400}",
                "{\"src\":\"x\",\"seq\":1,\"value\":{\"deep\":true}}", "[1,2,3]", "\"just a string\"", "", "   ",
                "{\"src\":\"" + "y".repeat(300) + "\",\"seq\":1}")) {
            out.add(s.getBytes(StandardCharsets.UTF_8));
        }
        out.add(("[".repeat(20_000) + "]".repeat(20_000)).getBytes(StandardCharsets.UTF_8));
        out.add(("{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000)).getBytes(StandardCharsets.UTF_8));
        Random r = new Random(99);
        for (int i = 0; i < 50; i++) {
            byte[] junk = new byte[1 + r.nextInt(i == 0 ? 65_000 : 600)];
            r.nextBytes(junk);
            out.add(junk);
        }
        return out;
    }
}
