package org.gapwatch.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.gapwatch.ui.DesktopLauncher;
import org.gapwatch.ui.UiOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The top command. Without a subcommand it opens the desktop monitor with these options. */
@Command(name = "gapwatch", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Monitor UDP multicast status streams and see every lost datagram.",
        subcommands = {ListenCommand.class, PublishCommand.class, AnalyzeCommand.class})
public final class GapwatchCommand implements Callable<Integer> {
    /** Exit code meaning: the desktop UI is running, do not exit the JVM. */
    public static final int KEEP_RUNNING = Integer.MIN_VALUE;

    @Option(names = "--group", paramLabel = "G:P[@S]",
            description = "Multicast group to join, ADDRESS:PORT or ADDRESS:PORT@SOURCE; repeatable.")
    List<String> groups = new ArrayList<>();

    @Option(names = "--interface", paramLabel = "IF", description = "Interface name or address to join on.")
    String networkInterface;

    @Option(names = "--demo", description = "Start a built-in publisher on loopback (TTL 0) and monitor it.")
    boolean demo;

    @Option(names = "--fullscreen", description = "Open full screen (kiosk screens).")
    boolean fullscreen;

    @Option(names = "--max-sources", paramLabel = "N", description = "Most sources tracked (default: ${DEFAULT-VALUE}).")
    int maxSources = 100_000;

    @Option(names = "--smoke-test", description = "Exit with status 0 after the first frame is shown.")
    boolean smokeTest;

    @Option(names = "--bench-ui", paramLabel = "SECONDS", hidden = true,
            description = "Benchmark: flood the window over loopback, measure wall and table SECONDS each, exit.")
    int benchUiSeconds;

    @Option(names = "--bench-sources", paramLabel = "N", hidden = true, description = "Benchmark sources (5000).")
    int benchSources = 5_000;

    @Option(names = "--bench-rate", paramLabel = "UPDATES_PER_S", hidden = true,
            description = "Benchmark updates per second in total (100000).")
    int benchRate = 100_000;

    @Option(names = "--bench-warmup", paramLabel = "SECONDS", hidden = true,
            description = "Benchmark: seconds of flood before the first view is measured (5).")
    int benchWarmupSeconds = 5;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (maxSources < 1) {
            throw new ParameterException(spec.commandLine(), "--max-sources must be at least 1");
        }
        InterfaceOption.check(spec, networkInterface);
        DesktopLauncher.launch(new UiOptions(List.copyOf(groups), networkInterface, demo, fullscreen, maxSources,
                smokeTest, benchUiSeconds, benchSources, benchRate, benchWarmupSeconds), spec.commandLine().getOut());
        return KEEP_RUNNING;
    }

    /** Parses and runs on the process's standard output; returns the exit code, or {@link #KEEP_RUNNING}. */
    public static int run(String... args) {
        // First, while this thread still has the process's nice value: receive-path threads are started from it.
        org.gapwatch.net.ReceivePathPriority.enableFromProperties();
        CommandLine cl = commandLine();
        cl.setOut(StandardOut.writer());
        return cl.execute(args);
    }

    /** The command line as the launcher runs it, errors in one line; tests set its out and err. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new GapwatchCommand());
        cl.setParameterExceptionHandler(new OneLineUsageErrors());
        cl.setExecutionExceptionHandler(new OneLineErrors());
        return cl;
    }
}
