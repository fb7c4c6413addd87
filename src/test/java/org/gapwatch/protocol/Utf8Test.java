package org.gapwatch.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Utf8Test {
    /** Agrees with the JDK's strict decoder (plus: no NUL) on random byte strings of every alignment. */
    @Test
    void agreesWithTheJdkOnRandomInput() {
        Random r = new Random(5);
        for (int n = 0; n < 200_000; n++) {
            byte[] b = new byte[r.nextInt(40)];
            for (int i = 0; i < b.length; i++) {
                int kind = r.nextInt(10);
                b[i] = (byte) (kind < 6 ? 0x20 + r.nextInt(0x5F) : kind < 9 ? 0x80 + r.nextInt(0x80) : r.nextInt(256));
            }
            int off = b.length == 0 ? 0 : r.nextInt(b.length);
            int len = b.length - off;
            assertEquals(jdk(b, off, len), Utf8.isStrictJsonUtf8(b, off, len), java.util.HexFormat.of().formatHex(b));
        }
    }

    private static boolean jdk(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            if (b[i] == 0) {
                return false;
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(b, off, len));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    @Test
    void longAsciiWithANulDeepInsideIsRefused() {
        byte[] b = "abcdefghijklmnopqrstuvwxyz".getBytes(StandardCharsets.US_ASCII);
        b[17] = 0;
        assertEquals(false, Utf8.isStrictJsonUtf8(b, 0, b.length));
    }
}
