package org.gapwatch.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** Prints a failed command's error as one line (no stack trace) and exits with status 2. */
final class OneLineErrors implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine cl, ParseResult parseResult) {
        String message = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        cl.getErr().println("gapwatch: " + message);
        if (Boolean.getBoolean("gapwatch.debug")) {
            e.printStackTrace(cl.getErr());
        }
        return 2;
    }
}
