package org.gapwatch.protocol.jsonmap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * How a source name is made: one pointer, or a template such as {@code {site}/{device}} whose names each have a
 * pointer. A template holds literal text and {@code {name}} placeholders (names of letters, digits, '_' and '-');
 * "{{" and "}}" stand for a literal brace. Every placeholder needs a pointer and every pointer a placeholder.
 * A selected value that is a string is used as is, a number or boolean as its JSON text; anything else (missing,
 * null, object, array) makes no source name.
 */
public final class SourceTemplate {
    private final String text;
    private final List<Object> parts; // String literals and JsonPointer placeholders

    private SourceTemplate(String text, List<Object> parts) {
        this.text = text;
        this.parts = parts;
    }

    public static SourceTemplate of(JsonPointer pointer) {
        return new SourceTemplate("{" + pointer + "}", List.of(pointer));
    }

    /** Parses a template; throws IllegalArgumentException with one line saying what is wrong. */
    public static SourceTemplate parse(String template, Map<String, JsonPointer> fields) {
        List<Object> parts = new ArrayList<>();
        Map<String, Boolean> used = new LinkedHashMap<>();
        fields.keySet().forEach(k -> used.put(k, false));
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '{' && i + 1 < template.length() && template.charAt(i + 1) == '{') {
                literal.append('{');
                i++;
            } else if (c == '}' && i + 1 < template.length() && template.charAt(i + 1) == '}') {
                literal.append('}');
                i++;
            } else if (c == '{') {
                int close = template.indexOf('}', i);
                if (close < 0) {
                    throw new IllegalArgumentException("template \"" + template + "\": { at " + i + " is not closed");
                }
                String name = template.substring(i + 1, close);
                if (name.isEmpty() || !name.chars().allMatch(ch -> Character.isLetterOrDigit(ch) || ch == '_'
                        || ch == '-')) {
                    throw new IllegalArgumentException("template \"" + template + "\": bad name {" + name + "}");
                }
                JsonPointer p = fields.get(name);
                if (p == null) {
                    throw new IllegalArgumentException("template \"" + template + "\": {" + name
                            + "} has no pointer in fields");
                }
                used.put(name, true);
                if (!literal.isEmpty()) {
                    parts.add(literal.toString());
                    literal.setLength(0);
                }
                parts.add(p);
                i = close;
            } else if (c == '}') {
                throw new IllegalArgumentException("template \"" + template + "\": } at " + i + " without {");
            } else {
                literal.append(c);
            }
        }
        if (!literal.isEmpty()) {
            parts.add(literal.toString());
        }
        for (Map.Entry<String, Boolean> e : used.entrySet()) {
            if (!e.getValue()) {
                throw new IllegalArgumentException("template \"" + template + "\" does not use field " + e.getKey());
            }
        }
        if (parts.stream().noneMatch(p -> p instanceof JsonPointer)) {
            throw new IllegalArgumentException("template \"" + template + "\" has no {name}");
        }
        return new SourceTemplate(template, List.copyOf(parts));
    }

    /** The source name for one object, or null when a placeholder selects nothing usable. */
    public String apply(JsonNode object) {
        StringBuilder s = new StringBuilder();
        for (Object p : parts) {
            if (p instanceof String literal) {
                s.append(literal);
                continue;
            }
            JsonNode n = ((JsonPointer) p).select(object);
            if (n == null || !(n.isString() || n.isNumber() || n.isBoolean())) {
                return null;
            }
            s.append(n.isString() ? n.asString() : n.toString());
        }
        return s.toString();
    }

    @Override
    public String toString() {
        return text;
    }
}
