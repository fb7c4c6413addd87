package org.gapwatch.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** {@code --interface} as every command takes it: left out means the default, given empty is a mistake. */
final class InterfaceOption {
    private InterfaceOption() {
    }

    static void check(CommandSpec spec, String value) {
        if (value != null && value.isBlank()) {
            throw new ParameterException(spec.commandLine(),
                    "--interface must name an interface or an address on one (leave it out for the default)");
        }
    }
}
