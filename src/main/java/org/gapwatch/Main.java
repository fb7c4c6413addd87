package org.gapwatch;

import org.gapwatch.cli.GapwatchCommand;

/** The one launcher: no subcommand opens the desktop monitor, a subcommand runs headless. */
public final class Main {
    private Main() {
    }

    /**
     * Log records (System.Logger, whichever backend the runtime has) as one line like gapwatch's other messages:
     * "gapwatch: what happened", then the stack trace if there is one. A format given on the command line wins.
     */
    static final String LOG_FORMAT = "gapwatch: %5$s%6$s%n";

    public static void main(String[] args) {
        for (String key : new String[] {"jdk.system.logger.format", "java.util.logging.SimpleFormatter.format"}) {
            if (System.getProperty(key) == null) {
                System.setProperty(key, LOG_FORMAT);
            }
        }
        int code = GapwatchCommand.run(args);
        if (code != GapwatchCommand.KEEP_RUNNING) {
            System.exit(code);
        }
    }
}
