package org.gapwatch.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A usage error in one line, without the usage text that picocli prints by default (14-31 lines): the error, a
 * suggestion where picocli has one, and where the rest is. Exit status 2.
 */
final class OneLineUsageErrors implements IParameterExceptionHandler {
    static final int USAGE = 2;

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        StringBuilder line = new StringBuilder("gapwatch: ").append(oneLine(e.getMessage()));
        if (e instanceof UnmatchedArgumentException u) {
            List<String> suggestions = u.getSuggestions();
            if (!suggestions.isEmpty()) {
                line.append(" (did you mean ").append(String.join(" or ", suggestions)).append("?)");
            }
        }
        line.append("; try '").append(cl.getCommandSpec().qualifiedName()).append(" --help'");
        cl.getErr().println(line);
        cl.getErr().flush();
        return USAGE;
    }

    private static String oneLine(String message) {
        return message == null ? "bad command line" : message.strip().replaceAll("\\s*\\R\\s*", "; ");
    }
}
