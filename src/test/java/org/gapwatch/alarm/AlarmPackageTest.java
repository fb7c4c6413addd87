package org.gapwatch.alarm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class AlarmPackageTest {
    @Test
    void alarmModelDoesNotUseJavaFx() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/main/java/org/gapwatch/alarm"))) {
            List<String> offenders = files.filter(f -> {
                try {
                    return Files.readString(f).contains("import javafx.");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).map(f -> f.getFileName().toString()).toList();
            assertEquals(List.of(), offenders);
        }
    }
}
