package org.gapwatch.protocol.jsonmap;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * An RFC 6901 JSON pointer: "" is the whole document, otherwise "/" then reference tokens separated by "/", in which
 * "~1" stands for "/" and "~0" for "~"; any other "~" is an error. A token selects an object member by name or an
 * array element by index (digits without a leading zero; "-" selects nothing).
 */
public final class JsonPointer {
    private final String text;
    private final String[] tokens;

    private JsonPointer(String text, String[] tokens) {
        this.text = text;
        this.tokens = tokens;
    }

    /** Parses a pointer; throws IllegalArgumentException saying what is wrong in one line. */
    public static JsonPointer parse(String text) {
        if (text.isEmpty()) {
            return new JsonPointer(text, new String[0]);
        }
        if (text.charAt(0) != '/') {
            throw new IllegalArgumentException("pointer \"" + text + "\" does not start with /");
        }
        List<String> out = new ArrayList<>();
        StringBuilder token = new StringBuilder();
        for (int i = 1; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : '/';
            if (c == '/') {
                out.add(token.toString());
                token.setLength(0);
            } else if (c == '~') {
                char next = i + 1 < text.length() ? text.charAt(i + 1) : 0;
                if (next != '0' && next != '1') {
                    throw new IllegalArgumentException("pointer \"" + text + "\": ~ must be followed by 0 or 1");
                }
                token.append(next == '0' ? '~' : '/');
                i++;
            } else {
                token.append(c);
            }
        }
        return new JsonPointer(text, out.toArray(String[]::new));
    }

    /** The node the pointer selects, or null when there is none. */
    public JsonNode select(JsonNode root) {
        JsonNode n = root;
        for (String t : tokens) {
            if (n == null) {
                return null;
            }
            if (n.isObject()) {
                n = n.get(t);
            } else if (n.isArray()) {
                int i = index(t);
                n = i >= 0 && i < n.size() ? n.get(i) : null;
            } else {
                return null;
            }
        }
        return n;
    }

    private static int index(String t) {
        if (t.isEmpty() || t.length() > 9 || (t.length() > 1 && t.charAt(0) == '0')) {
            return -1;
        }
        for (int i = 0; i < t.length(); i++) {
            if (t.charAt(i) < '0' || t.charAt(i) > '9') {
                return -1;
            }
        }
        return Integer.parseInt(t);
    }

    public List<String> tokens() {
        return List.of(tokens);
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JsonPointer p && p.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
