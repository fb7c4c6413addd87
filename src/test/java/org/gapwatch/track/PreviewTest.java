package org.gapwatch.track;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The printable start of a rejected payload that the recent-invalid samples keep. */
class PreviewTest {
    @Test
    void bytesOutsidePrintableAsciiAndTheBackslashAreWrittenInHex() {
        byte[] b = {'x', 'a', 0x00, '\\', (byte) 0xFF, 0x1F, 0x7F, 'z'};
        assertEquals("a\\x00\\x5c\\xff\\x1f\\x7fz", Tracker.preview(b, 1, b.length - 1));
    }

    @Test
    void aLongPayloadIsCutAfter96BytesWithAnEllipsis() {
        byte[] b = new byte[100];
        java.util.Arrays.fill(b, (byte) 0xAB);
        assertEquals("\\xab".repeat(96) + "…", Tracker.preview(b, 0, b.length));
        assertEquals("", Tracker.preview(null, 0, 0));
    }
}
