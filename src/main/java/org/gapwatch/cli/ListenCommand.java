package org.gapwatch.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "listen", mixinStandardHelpOptions = true, description = "TODO")
public final class ListenCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return 0;
    }
}
