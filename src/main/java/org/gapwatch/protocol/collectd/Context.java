package org.gapwatch.protocol.collectd;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The identity, time and interval that the parts of one datagram set in turn (collectd's value_list_t). The five
 * identity fields are kept as the bytes the parts held, in arrays owned here: a datagram costs no String for them.
 * Their Strings ({@link #field}) and the key ({@link #key}) are made only when asked; the decoder reads the key's
 * characters instead ({@link #keyChars}), through its table of names.
 */
final class Context {
    static final int HOST = 0, PLUGIN = 1, PLUGIN_INSTANCE = 2, TYPE = 3, TYPE_INSTANCE = 4;
    private static final int FIELDS = 5;
    /** host/plugin-instance/type-instance: five fields and four separators. */
    private static final int MAX_KEY = FIELDS * CollectdReader.MAX_STRING + 4;

    private final byte[][] bytes = new byte[FIELDS][CollectdReader.MAX_STRING];
    private final int[] lengths = new int[FIELDS];
    private final String[] strings = new String[FIELDS];
    long timeHr;
    long intervalHr;
    long severity;
    boolean signed;

    private final byte[] keyBytes = new byte[MAX_KEY];
    private final char[] keyChars = new char[MAX_KEY];
    private final ByteBuffer keyIn = ByteBuffer.wrap(keyBytes);
    private final CharBuffer keyOut = CharBuffer.wrap(keyChars);
    /** As {@code new String(bytes, UTF_8)} decodes: each malformed sequence becomes U+FFFD. */
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    /** Characters of the key in keyChars; -1 when the identity changed since. */
    private int keyLength = -1;
    private String key;

    void reset() {
        Arrays.fill(lengths, 0);
        Arrays.fill(strings, "");
        timeHr = intervalHr = severity = 0;
        signed = false;
        identityChanged();
    }

    /** Field {@code f} is now {@code b[off .. off + len)} (the part's text without its NUL). */
    void set(int f, byte[] b, int off, int len) {
        System.arraycopy(b, off, bytes[f], 0, len);
        lengths[f] = len;
        strings[f] = null;
        identityChanged();
    }

    private void identityChanged() {
        keyLength = -1;
        key = null;
    }

    boolean isEmpty(int f) {
        return lengths[f] == 0;
    }

    /** Field {@code f} as a String ("" when absent), made on the first call after it changed. */
    String field(int f) {
        String s = strings[f];
        if (s == null) {
            s = new String(bytes[f], 0, lengths[f], StandardCharsets.UTF_8);
            strings[f] = s;
        }
        return s;
    }

    /** The key's characters, {@code [0, keyLength())}: valid until the identity changes. */
    char[] keyChars() {
        keyLength();
        return keyChars;
    }

    /**
     * The number of characters of {@code host/plugin[-plugin_instance]/type[-type_instance]}, decoded from the
     * fields' bytes joined by their ASCII separators: the same characters as the fields decoded one by one and
     * joined, since an ASCII byte always ends a malformed sequence in UTF-8.
     */
    int keyLength() {
        if (keyLength < 0) {
            int n = append(HOST, 0, (byte) 0);
            n = append(PLUGIN, n, (byte) '/');
            n = append(PLUGIN_INSTANCE, n, (byte) '-');
            n = append(TYPE, n, (byte) '/');
            n = append(TYPE_INSTANCE, n, (byte) '-');
            keyLength = decode(n);
        }
        return keyLength;
    }

    /** {@code host/plugin[-plugin_instance]/type[-type_instance]} as a new String (tests, toString). */
    String key() {
        if (key == null) {
            key = new String(keyChars(), 0, keyLength);
        }
        return key;
    }

    /** Appends field f at n, after {@code separator} (none when 0; an instance only when present). */
    private int append(int f, int n, byte separator) {
        int len = lengths[f];
        if (separator == '-' && len == 0) {
            return n;
        }
        if (separator != 0) {
            keyBytes[n++] = separator;
        }
        System.arraycopy(bytes[f], 0, keyBytes, n, len);
        return n + len;
    }

    /** Decodes keyBytes[0, n) into keyChars; ASCII (the usual case) byte for char. */
    private int decode(int n) {
        boolean ascii = true;
        for (int i = 0; i < n; i++) {
            byte b = keyBytes[i];
            ascii &= b >= 0;
            keyChars[i] = (char) b;
        }
        if (ascii) {
            return n;
        }
        // UTF-8 gives at most one char per byte (a 4-byte sequence is 2 chars): keyChars holds them all.
        keyIn.clear().limit(n);
        keyOut.clear();
        utf8.reset();
        utf8.decode(keyIn, keyOut, true);
        utf8.flush(keyOut);
        return keyOut.position();
    }
}
