package org.gapwatch.judge;

import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** Source-name globs: {@code *} within one level of {@code src}, {@code **} across levels, {@code ?} one character. */
public final class Glob {
    /**
     * Compiled globs by their text: a rule is matched for each source an alarm or a tile looks at, and compiling is
     * the dear part. Bounded, since a typed filter makes a new glob at each keystroke.
     */
    private static final int MAX_COMPILED = 1_024;
    private static final ConcurrentHashMap<String, Pattern> COMPILED = new ConcurrentHashMap<>();

    private Glob() {
    }

    public static boolean isGlob(String text) {
        return text.indexOf('*') >= 0 || text.indexOf('?') >= 0;
    }

    /** The glob as a case-insensitive pattern that must match the whole name. */
    public static Pattern compile(String glob) {
        Pattern p = COMPILED.get(glob);
        if (p == null) {
            if (COMPILED.size() >= MAX_COMPILED) {
                COMPILED.clear();
            }
            p = Pattern.compile(toRegex(glob), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
            COMPILED.put(glob, p);
        }
        return p;
    }

    static int compiledCount() {
        return COMPILED.size();
    }

    static String toRegex(String glob) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*') {
                if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                    sb.append(".*");
                    i++;
                } else {
                    sb.append("[^/]*");
                }
            } else if (c == '?') {
                sb.append("[^/]");
            } else {
                sb.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return sb.toString();
    }
}
