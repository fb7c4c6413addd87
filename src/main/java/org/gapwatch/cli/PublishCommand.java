package org.gapwatch.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "publish", mixinStandardHelpOptions = true, description = "TODO")
public final class PublishCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return 0;
    }
}
