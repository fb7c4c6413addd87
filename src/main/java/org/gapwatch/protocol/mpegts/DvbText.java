package org.gapwatch.protocol.mpegts;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

/**
 * DVB text strings (ETSI EN 300 468 Annex A), as in service and provider names. Handled: the default table (ISO/IEC
 * 6937: printable ASCII, and the non-spacing diacritics 0xC1-0xCF combined with the letter after them), first bytes
 * 0x01-0x0B (ISO/IEC 8859-5 to -15), 0x10 0x00 0x0n (ISO/IEC 8859-n), 0x11 (UCS-2 big-endian), 0x15 (UTF-8), and
 * the control codes 0x86/0x87 (emphasis, dropped) and 0x8A (line break). A character set this runtime lacks, the
 * other ISO 6937 characters (0xA0-0xBF, 0xD0-0xFF) and multi-byte East Asian tables come out as U+FFFD.
 */
public final class DvbText {
    private static final char[] DIACRITIC = {
        '\u0300', '\u0301', '\u0302', '\u0303', '\u0304', '\u0306', '\u0307', '\u0308', 0, '\u030A', '\u0327', 0,
        '\u030B', '\u0328', '\u030C'};

    private DvbText() {
    }

    public static String decode(byte[] b, int off, int len) {
        if (len <= 0) {
            return "";
        }
        int first = b[off] & 0xFF;
        if (first >= 0x20) {
            return iso6937(b, off, len);
        }
        if (first >= 0x01 && first <= 0x0B) {
            return charset("ISO-8859-" + (first + 4), b, off + 1, len - 1);
        }
        if (first == 0x10 && len >= 3) {
            int n = (b[off + 1] & 0xFF) << 8 | b[off + 2] & 0xFF;
            return n >= 1 && n <= 15 ? charset("ISO-8859-" + n, b, off + 3, len - 3) : "\uFFFD";
        }
        if (first == 0x11) {
            return controls(new String(b, off + 1, (len - 1) & ~1, StandardCharsets.UTF_16BE));
        }
        if (first == 0x15) {
            return controls(new String(b, off + 1, len - 1, StandardCharsets.UTF_8));
        }
        return "\uFFFD";
    }

    private static String charset(String name, byte[] b, int off, int len) {
        if (!Charset.isSupported(name)) {
            return "\uFFFD";
        }
        // Bytes 0x80-0x9F are DVB control codes, not characters of the 8859 table.
        StringBuilder s = new StringBuilder(len);
        int start = off;
        for (int i = off; i <= off + len; i++) {
            if (i == off + len || ((b[i] & 0xFF) >= 0x80 && (b[i] & 0xFF) <= 0x9F)) {
                s.append(new String(b, start, i - start, Charset.forName(name)));
                if (i < off + len) {
                    control(s, b[i] & 0xFF);
                }
                start = i + 1;
            }
        }
        return s.toString();
    }

    private static String iso6937(byte[] b, int off, int len) {
        StringBuilder s = new StringBuilder(len);
        int end = off + len;
        for (int i = off; i < end; i++) {
            int c = b[i] & 0xFF;
            if (c >= 0x20 && c <= 0x7E) {
                s.append((char) c);
            } else if (c >= 0xC1 && c <= 0xCF && DIACRITIC[c - 0xC1] != 0 && i + 1 < end
                    && (b[i + 1] & 0xFF) >= 0x20 && (b[i + 1] & 0xFF) <= 0x7E) {
                s.append((char) (b[++i] & 0xFF)).append(DIACRITIC[c - 0xC1]);
            } else if (c >= 0x80 && c <= 0x9F) {
                control(s, c);
            } else {
                s.append('\uFFFD');
            }
        }
        return Normalizer.normalize(s, Normalizer.Form.NFC);
    }

    private static void control(StringBuilder s, int c) {
        if (c == 0x8A) {
            s.append('\n');
        }
        // 0x86/0x87 (emphasis on/off) and the other control codes carry no character.
    }

    private static String controls(String s) {
        return s.replace('\uE08A', '\n').replace("\uE086", "").replace("\uE087", "");
    }
}
