package org.gapwatch.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The threshold rules as lines of text, for the settings dialog: {@code GLOB WARN% ALARM% [guidance...]}, one rule a
 * line, first match wins, e.g. {@code plant/** 0.5 2 Call the plant desk, ext. 4711}. Blank lines and lines
 * starting with {@code #} are skipped.
 */
public final class RuleLines {
    private RuleLines() {
    }

    public static String format(List<Settings.Rule> rules) {
        StringBuilder sb = new StringBuilder();
        for (Settings.Rule r : rules) {
            sb.append(r.glob()).append(' ').append(number(r.lossWarnPercent())).append(' ')
                    .append(number(r.lossAlarmPercent()));
            if (!r.guidance().isEmpty()) {
                sb.append(' ').append(r.guidance());
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** The rules of {@code text}; an IllegalArgumentException names the first bad line. */
    public static List<Settings.Rule> parse(String text) {
        List<Settings.Rule> out = new ArrayList<>();
        String[] lines = text == null ? new String[0] : text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\\s+", 4);
            if (f.length < 3) {
                throw new IllegalArgumentException("rule line " + (i + 1) + ": want GLOB WARN% ALARM% [guidance]");
            }
            double warn = percent(f[1], i), alarm = percent(f[2], i);
            if (alarm < warn) {
                throw new IllegalArgumentException("rule line " + (i + 1) + ": the badly-losing level is below the"
                        + " losing level");
            }
            out.add(new Settings.Rule(f[0], warn, alarm, f.length > 3 ? f[3] : ""));
        }
        return out;
    }

    private static double percent(String s, int line) {
        try {
            double v = Double.parseDouble(s.replace("%", ""));
            if (v > 0 && v <= 100) {
                return v;
            }
        } catch (NumberFormatException e) {
            // told below
        }
        throw new IllegalArgumentException("rule line " + (line + 1) + ": not a percentage in (0, 100]: " + s);
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%s", v);
    }
}
