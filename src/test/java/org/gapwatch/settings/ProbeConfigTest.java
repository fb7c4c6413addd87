package org.gapwatch.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The probe's config file: read as written, and every kind of mistake refused in one line naming the file. */
class ProbeConfigTest {
    @TempDir
    Path dir;

    private Path write(String json) throws IOException {
        Path f = dir.resolve("probe.json");
        Files.writeString(f, json);
        return f;
    }

    @Test
    void theShippedExampleLoads() {
        ProbeConfig c = ProbeConfig.load(Path.of("packaging", "probe", "probe.json"));
        assertEquals(List.of("239.255.0.1:5000"), c.groups());
        assertEquals("127.0.0.1:9477", c.metrics());
        assertEquals(10_000, c.metricsMaxSourceSeries());
    }

    @Test
    void everyFieldIsRead() throws IOException {
        ProbeConfig c = ProbeConfig.load(write("""
                {"groups": ["239.255.0.1:5000", "239.255.0.2:5001@10.0.0.5"], "networkInterface": "eth1",
                 "lossWarnPercent": 0.5, "lossAlarmPercent": 2, "defaultStaleMillis": 3000, "maxSources": 5000,
                 "receiveBuffer": 1048576, "metrics": "[::1]:9477", "metricsMaxSourceSeries": 200}
                """));
        assertEquals(new ProbeConfig(List.of("239.255.0.1:5000", "239.255.0.2:5001@10.0.0.5"), "eth1", 0.5, 2.0,
                3000L, 5000, 1_048_576, "[::1]:9477", 200), c);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        {"grups": ["239.255.0.1:5000"]}                          | Unrecognized property "grups"
        {"groups": []}                                           | "groups" is missing or empty: a probe needs at least one group
        {"groups": ["239.255.0.1:5000"], "maxSources": 0}        | "maxSources" is 0, must be 1 to 2147483647
        {"groups": ["239.255.0.1:5000"], "maxSources": "many"}   | Cannot deserialize value of type `java.lang.Integer` from String "many"
        {"groups": ["239.255.0.1:5000"], "receiveBuffer": 1000}  | "receiveBuffer" is 1000, must be 65536 to 2147483647
        {"groups": ["239.255.0.1:5000"], "lossWarnPercent": 3, "lossAlarmPercent": 2} | "lossAlarmPercent" (2.0) is below "lossWarnPercent" (3.0)
        {"groups": ["239.255.0.1:5000"], "metrics": " "}         | "metrics" is empty: leave it out for no metrics
        {"groups": ["239.255.0.1:5000"]} {}                      | Trailing token
        {"groups": ["239.255.0.1:5000"                           | Unexpected end-of-input
        """)
    void aBadFileIsOneLineNamingTheFile(String json, String why) throws IOException {
        Path f = write(json);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProbeConfig.load(f));
        String message = e.getMessage();
        assertEquals(1, message.lines().count(), message);
        assertEquals("config " + f + ": " + why, message.substring(0, Math.min(message.length(),
                ("config " + f + ": " + why).length())), message);
    }

    @Test
    void aMissingFileIsSaidSo() {
        Path f = dir.resolve("none.json");
        assertEquals("config " + f + ": no such file",
                assertThrows(IllegalArgumentException.class, () -> ProbeConfig.load(f)).getMessage());
    }
}
