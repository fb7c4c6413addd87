package org.gapwatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadProgressTest {
    @Test
    void firstLineAfterASecondThenAtMostOneASecond() {
        long[] now = {5_000_000_000L};
        List<String> lines = new ArrayList<>();
        ReadProgress p = new ReadProgress(Path.of("/data/big.pcapng"), () -> now[0], lines::add);
        long size = 2_000_000_000L;
        long[][] reads = { // {nanoseconds since the start, offset}
            {100_000_000L, 50_000_000L}, {999_999_999L, 300_000_000L}, {1_000_000_000L, 301_000_000L},
            {1_500_000_000L, 600_000_000L}, {1_999_999_999L, 800_000_000L}, {2_000_000_000L, 801_000_000L},
            {4_700_000_000L, 1_234_567_890L}, {4_900_000_000L, 2_000_000_000L}};
        for (long[] r : reads) {
            now[0] = 5_000_000_000L + r[0];
            p.read(r[1], size);
        }
        assertEquals(List.of(
                "gapwatch: /data/big.pcapng: read 301.0 of 2,000.0 MB (15%)",
                "gapwatch: /data/big.pcapng: read 801.0 of 2,000.0 MB (40%)",
                "gapwatch: /data/big.pcapng: read 1,234.6 of 2,000.0 MB (61%)"), lines);
    }
}
