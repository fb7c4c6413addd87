package org.gapwatch.remote;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A strict reader of the Prometheus text exposition format (version 0.0.4, what {@code /metrics} answers without an
 * OpenMetrics Accept header): {@code name{label="value",...} value [timestamp]} lines, {@code #} comments. The
 * Prometheus Java client writes this format but has no reader for it, hence this one. Anything a line does not get
 * exactly right (a bad name, an unclosed quote, an unknown escape, a value that is not a number, too long) skips
 * that line and is counted; the rest of the body still counts. Only samples whose name is wanted are kept.
 */
final class Exposition {
    /** Longer lines are skipped: no figure of ours needs one, and a hostile probe cannot make us hold more. */
    static final int MAX_LINE = 16 * 1024;
    /** Labels per sample beyond which a line is skipped. */
    static final int MAX_LABELS = 16;

    record Sample(String name, Map<String, String> labels, double value) {
    }

    /** The samples kept, the lines skipped and the first problem, for one line in the probe's status. */
    record Parsed(List<Sample> samples, int skipped, String firstProblem) {
    }

    private Exposition() {
    }

    static Parsed parse(String body, Set<String> wanted) {
        List<Sample> out = new ArrayList<>();
        int skipped = 0;
        String first = null;
        int lineNo = 0;
        int start = 0;
        while (start < body.length()) {
            int end = body.indexOf('\n', start);
            if (end < 0) {
                end = body.length();
            }
            lineNo++;
            String line = body.substring(start, end);
            start = end + 1;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            try {
                Sample s = line.length() > MAX_LINE ? fail("longer than " + MAX_LINE + " characters")
                        : new LineReader(line).sample(wanted);
                if (s != null) {
                    out.add(s);
                }
            } catch (IllegalArgumentException e) {
                skipped++;
                if (first == null) {
                    first = "line " + lineNo + ": " + e.getMessage();
                }
            }
        }
        return new Parsed(out, skipped, first);
    }

    private static Sample fail(String why) {
        throw new IllegalArgumentException(why);
    }

    /** One sample line, read left to right. */
    private static final class LineReader {
        private final String s;
        private int i;

        LineReader(String s) {
            this.s = s;
        }

        /** The sample, or null when its name is not wanted (the rest of the line is then not read). */
        Sample sample(Set<String> wanted) {
            String name = name(true);
            if (!wanted.contains(name)) {
                return null;
            }
            Map<String, String> labels = Map.of();
            if (i < s.length() && s.charAt(i) == '{') {
                labels = labels();
            }
            if (i >= s.length() || (s.charAt(i) != ' ' && s.charAt(i) != '\t')) {
                fail("no value after the name");
            }
            String[] rest = s.substring(i).trim().split("[ \t]+");
            if (rest.length > 2 || rest[0].isEmpty()) {
                fail("expected a value and at most a timestamp");
            }
            double value = number(rest[0]);
            if (rest.length == 2 && !rest[1].matches("-?[0-9]{1,19}")) {
                fail("bad timestamp '" + rest[1] + "'");
            }
            return new Sample(name, labels, value);
        }

        private String name(boolean metric) {
            int from = i;
            while (i < s.length()) {
                char c = s.charAt(i);
                boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || (metric && c == ':')
                        || (i > from && c >= '0' && c <= '9');
                if (!ok) {
                    break;
                }
                i++;
            }
            if (i == from) {
                fail("expected a " + (metric ? "metric" : "label") + " name at column " + (i + 1));
            }
            return s.substring(from, i);
        }

        private Map<String, String> labels() {
            i++; // '{'
            Map<String, String> out = new HashMap<>();
            while (true) {
                if (i < s.length() && s.charAt(i) == '}') {
                    i++;
                    return out;
                }
                String label = name(false);
                expect('=');
                expect('"');
                StringBuilder v = new StringBuilder();
                while (true) {
                    if (i >= s.length()) {
                        fail("unclosed quote in label " + label);
                    }
                    char c = s.charAt(i++);
                    if (c == '"') {
                        break;
                    }
                    if (c == '\\') {
                        char e = i < s.length() ? s.charAt(i++) : 0;
                        switch (e) {
                            case '\\' -> v.append('\\');
                            case '"' -> v.append('"');
                            case 'n' -> v.append('\n');
                            default -> fail("unknown escape in label " + label);
                        }
                    } else {
                        v.append(c);
                    }
                }
                if (out.put(label, v.toString()) != null) {
                    fail("label " + label + " twice");
                }
                if (out.size() > MAX_LABELS) {
                    fail("more than " + MAX_LABELS + " labels");
                }
                if (i < s.length() && s.charAt(i) == ',') {
                    i++;
                } else if (i >= s.length() || s.charAt(i) != '}') {
                    fail("expected , or } after label " + label);
                }
            }
        }

        private void expect(char c) {
            if (i >= s.length() || s.charAt(i) != c) {
                fail("expected " + c + " at column " + (i + 1));
            }
            i++;
        }

        private static double number(String t) {
            switch (t) {
                case "NaN":
                    return Double.NaN;
                case "+Inf":
                case "Inf":
                    return Double.POSITIVE_INFINITY;
                case "-Inf":
                    return Double.NEGATIVE_INFINITY;
                default:
                    if (!t.matches("[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?")) {
                        fail("'" + (t.length() > 20 ? t.substring(0, 20) + "…" : t) + "' is not a number");
                    }
                    return Double.parseDouble(t);
            }
        }
    }
}
