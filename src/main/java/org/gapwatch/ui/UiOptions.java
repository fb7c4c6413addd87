package org.gapwatch.ui;

import java.util.List;

/** What the command line says to the desktop monitor; it overrides the saved settings. */
public record UiOptions(List<String> groups, String networkInterface, boolean demo, boolean fullscreen,
                        int maxSources, boolean smokeTest, int benchSeconds, int benchSources, int benchRate,
                        int benchWarmupSeconds) {

    /** The options without a benchmark. */
    public UiOptions(List<String> groups, String networkInterface, boolean demo, boolean fullscreen, int maxSources,
                     boolean smokeTest) {
        this(groups, networkInterface, demo, fullscreen, maxSources, smokeTest, 0, 5_000, 100_000, 5);
    }
}
