package org.gapwatch.judge;

import java.util.regex.Pattern;

/**
 * Thresholds and guidance for the sources a glob names ({@code plant/**}); a group name alone ({@code plant}) stands
 * for {@code plant/**}.
 *
 * @param guidance what to do and whom to call, shown with the alarms of these sources; may be empty
 */
public record ThresholdRule(String glob, Thresholds thresholds, String guidance) {
    public ThresholdRule {
        glob = glob == null ? "" : glob.trim();
        guidance = guidance == null ? "" : guidance.trim();
    }

    Pattern pattern() {
        return Glob.compile(Glob.isGlob(glob) || glob.contains("/") ? glob : glob + "/**");
    }
}
