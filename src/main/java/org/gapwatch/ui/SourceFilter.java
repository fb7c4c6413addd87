package org.gapwatch.ui;

import java.util.Locale;
import java.util.regex.Pattern;
import org.gapwatch.judge.Glob;
import org.gapwatch.judge.SourceState;
import org.gapwatch.track.SourceView;

/**
 * The one filter both views share: a case-insensitive substring of {@code src}, or a glob when the text holds
 * {@code *} or {@code ?} ({@code *} within a level, {@code **} across levels), plus "problems only".
 */
public final class SourceFilter {
    public static final SourceFilter ALL = new SourceFilter("", false);

    private final String text;
    private final boolean problemsOnly;
    private final String needle;
    private final Pattern glob;

    public SourceFilter(String text, boolean problemsOnly) {
        this.text = text == null ? "" : text.trim();
        this.problemsOnly = problemsOnly;
        boolean isGlob = Glob.isGlob(this.text);
        this.glob = isGlob ? Glob.compile(this.text) : null;
        this.needle = isGlob ? null : this.text.toLowerCase(Locale.ROOT);
    }

    public String text() {
        return text;
    }

    public boolean problemsOnly() {
        return problemsOnly;
    }

    public boolean matchesName(String src) {
        if (glob != null) {
            return glob.matcher(src).matches();
        }
        return needle.isEmpty() || src.toLowerCase(Locale.ROOT).contains(needle);
    }

    public boolean matches(SourceView v, SourceState h) {
        return (!problemsOnly || h.isProblem()) && matchesName(v.src());
    }
}
