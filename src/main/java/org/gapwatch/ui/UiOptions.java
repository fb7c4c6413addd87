package org.gapwatch.ui;

import java.util.List;

/** What the command line says to the desktop monitor; it overrides the saved settings. */
public record UiOptions(List<String> groups, String networkInterface, boolean demo, boolean fullscreen,
                        int maxSources, boolean smokeTest) {
}
