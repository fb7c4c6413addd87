package org.gapwatch.cli;

import java.util.ArrayList;
import java.util.List;
import org.gapwatch.net.GroupSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Group options as commands take them: a bad one is a usage error of that command, in one line. */
final class Groups {
    private Groups() {
    }

    static List<GroupSpec> parse(CommandSpec spec, List<String> texts) {
        List<GroupSpec> out = new ArrayList<>();
        for (String g : texts) {
            try {
                out.addAll(ProbeSettings.checked(g));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        return out;
    }
}
