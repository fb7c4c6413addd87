package org.gapwatch.protocol.sacn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Universe to group and back; universe lists. */
class SacnUniversesTest {
    @ParameterizedTest
    @CsvSource({"1, 239.255.0.1", "256, 239.255.1.0", "63999, 239.255.249.255", "64214, 239.255.250.214",
        "7000, 239.255.27.88"})
    void universeToGroupAndBack(int universe, String group) {
        assertEquals(group, SacnUniverses.group(universe));
        assertEquals(group + ":5568", SacnUniverses.endpoint(universe));
        int a = SacnUniverses.groupAddress(universe);
        String[] parts = group.split("\\.");
        int expect = 0;
        for (String p : parts) {
            expect = expect << 8 | Integer.parseInt(p);
        }
        assertEquals(expect, a);
        assertEquals(universe, SacnUniverses.universeOf(a));
    }

    @Test
    void notSacnGroups() {
        assertEquals(-1, SacnUniverses.universeOf(239 << 24 | 254 << 16 | 1));
        assertEquals(-1, SacnUniverses.universeOf(239 << 24 | 255 << 16));       // universe 0
        assertEquals(-1, SacnUniverses.universeOf(239 << 24 | 255 << 16 | 64000));
        assertThrows(IllegalArgumentException.class, () -> SacnUniverses.group(0));
        assertThrows(IllegalArgumentException.class, () -> SacnUniverses.group(64000));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1-8,12        | 1 2 3 4 5 6 7 8 12 | 1-8,12",
        "12, 1-3 ,2    | 1 2 3 12           | 1-3,12",
        "63999         | 63999              | 63999",
        "5-5           | 5                  | 5",
    })
    void listsParse(String text, String universes, String formatted) {
        int[] expect = java.util.Arrays.stream(universes.trim().split(" ")).mapToInt(Integer::parseInt).toArray();
        int[] got = SacnUniverses.parseList(text);
        assertArrayEquals(expect, got);
        assertEquals(formatted.trim(), SacnUniverses.format(got));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''            | empty universe list",
        "1,,2          | universe list item '' is not a universe or a range a-b",
        "0             | universe 0 in '0' is not in 1-63999",
        "8-1           | universe range 8-1 runs backwards",
        "1-64000       | universe 64000 in '1-64000' is not in 1-63999",
        "01            | universe list item '01' is not a universe or a range a-b",
        "a             | universe list item 'a' is not a universe or a range a-b",
        "1-2-3         | universe list item '1-2-3' is not a universe or a range a-b",
        "+1            | universe list item '+1' is not a universe or a range a-b",
    })
    void badListsSayWhatIsWrongInOneLine(String text, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SacnUniverses.parseList(text));
        assertEquals(message.trim(), e.getMessage());
    }
}
