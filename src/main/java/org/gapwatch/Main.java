package org.gapwatch;

import org.gapwatch.cli.GapwatchCommand;

/** The one launcher: no subcommand opens the desktop monitor, a subcommand runs headless. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int code = GapwatchCommand.run(args);
        if (code != GapwatchCommand.KEEP_RUNNING) {
            System.exit(code);
        }
    }
}
