package org.gapwatch.arch;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.GeneralCodingRules.ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.net.DatagramSocket;
import java.net.MulticastSocket;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.DatagramChannel;
import java.nio.channels.MembershipKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import org.gapwatch.net.DatagramTap;
import org.gapwatch.net.GroupSpec;
import org.gapwatch.net.Publisher;
import org.gapwatch.net.RtpStream;
import org.gapwatch.net.TsStream;
import org.gapwatch.ui.DesktopLauncher;
import org.gapwatch.ui.Format;
import org.gapwatch.ui.Palette;
import org.gapwatch.ui.SourceFilter;
import org.gapwatch.ui.UiOptions;
import org.gapwatch.ui.WhileShowing;

/**
 * The architecture of README's table, checked on the compiled main classes. Data flows one way: socket, decoder,
 * tracker, snapshot, view. The layers and what each may use (read from the code, and so kept):
 *
 * <pre>
 * fault     nothing of Gapwatch                 the worker loops' fault boundary
 * concurrent nothing of Gapwatch                the lock-free datagram ring between two threads
 * files     nothing of Gapwatch                 opening a file the user named, with one clear line if it cannot be
 * protocol  nothing of Gapwatch                 wire format, no I/O
 * settings  files                               the user's settings file
 * track     protocol                            per-source state
 * judge     protocol, settings, track, fault    the one judgement of every source, loss episodes
 * alarm     protocol, settings, track, judge    alarm handling over judgements
 * export    protocol, track, judge              /metrics for Prometheus, read off published snapshots
 * remote    judge, settings, fault              other probes' /metrics polled into a RemoteView for the judgement
 * engine    protocol, track, fault              decoder + tracker behind one writer
 * net       protocol, track, engine, fault      sockets, receive loop, publisher
 * capture   protocol, track, engine, net, fault, files   pcap in and out (from net only GroupSpec and DatagramTap)
 * demo      net, protocol                       the built-in publisher (sends only through net.Publisher; payloads
 *                                               from the stream builders and protocol's writers, which do no I/O)
 * ui        all of the above                    JavaFX
 * cli       protocol, track, engine, net, capture, ui (only DesktopLauncher and UiOptions, to launch it)
 * launcher  cli                                 org.gapwatch.Main
 * </pre>
 */
@AnalyzeClasses(packages = "org.gapwatch", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    @ArchTest
    static final ArchRule layersUseOnlyWhatTheTableAllows = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("fault").definedBy("org.gapwatch.fault..")
            .layer("concurrent").definedBy("org.gapwatch.concurrent..")
            .layer("files").definedBy("org.gapwatch.files..")
            .layer("protocol").definedBy("org.gapwatch.protocol..")
            .layer("judge").definedBy("org.gapwatch.judge..")
            .layer("settings").definedBy("org.gapwatch.settings..")
            .layer("track").definedBy("org.gapwatch.track..")
            .layer("alarm").definedBy("org.gapwatch.alarm..")
            .layer("export").definedBy("org.gapwatch.export..")
            .layer("remote").definedBy("org.gapwatch.remote..")
            .layer("engine").definedBy("org.gapwatch.engine..")
            .layer("net").definedBy("org.gapwatch.net..")
            .layer("capture").definedBy("org.gapwatch.capture..")
            .layer("demo").definedBy("org.gapwatch.demo..")
            .layer("ui").definedBy("org.gapwatch.ui..")
            .layer("cli").definedBy("org.gapwatch.cli..")
            .layer("launcher").definedBy("org.gapwatch")
            .whereLayer("fault").mayNotAccessAnyLayer()
            .whereLayer("concurrent").mayNotAccessAnyLayer()
            .whereLayer("files").mayNotAccessAnyLayer()
            .whereLayer("protocol").mayNotAccessAnyLayer()
            .whereLayer("settings").mayOnlyAccessLayers("files")
            .whereLayer("track").mayOnlyAccessLayers("protocol")
            .whereLayer("judge").mayOnlyAccessLayers("protocol", "settings", "track", "fault")
            .whereLayer("alarm").mayOnlyAccessLayers("protocol", "settings", "track", "judge")
            .whereLayer("export").mayOnlyAccessLayers("protocol", "track", "judge")
            .whereLayer("remote").mayOnlyAccessLayers("judge", "settings", "fault")
            .whereLayer("engine").mayOnlyAccessLayers("protocol", "track", "fault")
            .whereLayer("net").mayOnlyAccessLayers("protocol", "track", "engine", "fault", "concurrent")
            .whereLayer("capture").mayOnlyAccessLayers("protocol", "track", "engine", "net", "fault", "files",
                    "concurrent")
            .whereLayer("demo").mayOnlyAccessLayers("net", "protocol")
            .whereLayer("ui").mayOnlyAccessLayers("protocol", "settings", "track", "judge", "alarm", "engine", "net",
                    "capture", "demo", "fault", "files", "export", "remote")
            .whereLayer("cli").mayOnlyAccessLayers("protocol", "settings", "track", "judge", "engine", "net",
                    "capture", "ui", "fault", "files", "export")
            .whereLayer("launcher").mayOnlyAccessLayers("cli");

    /**
     * Frozen exception, to be removed by a move: the ui package is both the top (window and wiring, which use
     * ui.wall, ui.table, ui.detail, ui.heatmap) and home of helpers those views use. Moving these helpers to a leaf
     * package (such as ui.common) ends the cycles; it touches views others are changing now, so it waits. Any other
     * dependency of a ui subpackage on the ui package still fails the rule.
     */
    static final Class<?>[] UI_HELPERS_IN_THE_UI_PACKAGE = {Format.class,
        Palette.class, SourceFilter.class, WhileShowing.class};

    /** Every package is its own slice: ui and ui.wall are two, so a cycle between them fails too. */
    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("org.gapwatch.(**)").should().beFreeOfCycles()
            .ignoreDependency(resideInAPackage("org.gapwatch.ui.*"), belongToAnyOf(UI_HELPERS_IN_THE_UI_PACKAGE));

    @ArchTest
    static final ArchRule onlyTheUiUsesJavaFx = noClasses().that().resideOutsideOfPackage("org.gapwatch.ui..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "atlantafx..");

    @ArchTest
    static final ArchRule onlyTheCommandsWriteToTheStandardStreams = noClasses()
            .that().resideOutsideOfPackage("org.gapwatch.cli..")
            .should(ACCESS_STANDARD_STREAMS)
            .because("the commands own stdout and stderr; everything else logs through System.Logger");

    @ArchTest
    static final ArchRule theProtocolDoesNoIo = noClasses().that().resideInAPackage("org.gapwatch.protocol..")
            .should().dependOnClassesThat().resideInAnyPackage("java.io..", "java.nio.file..", "java.nio.channels..",
                    "java.net..");

    @ArchTest
    static final ArchRule trackEngineAndAlarmsTouchNoFilesNorSockets = noClasses()
            .that().resideInAnyPackage("org.gapwatch.track..", "org.gapwatch.engine..", "org.gapwatch.alarm..")
            .should().dependOnClassesThat().resideInAnyPackage("java.nio.file..", "java.nio.channels..")
            .orShould().dependOnClassesThat().belongToAnyOf(File.class, FileInputStream.class,
                    FileOutputStream.class, DatagramSocket.class, Socket.class);

    @ArchTest
    static final ArchRule onlyNetOpensSockets = noClasses().that().resideOutsideOfPackage("org.gapwatch.net..")
            .should().dependOnClassesThat().belongToAnyOf(DatagramChannel.class, DatagramSocket.class,
                    MulticastSocket.class, MembershipKey.class, Socket.class, ServerSocket.class,
                    SocketChannel.class, ServerSocketChannel.class)
            .because("every multicast send and join goes through net, where loopback safety is enforced");

    @ArchTest
    static final ArchRule captureTakesFromNetOnlyGroupsAndTheTap = noClasses()
            .that().resideInAPackage("org.gapwatch.capture..")
            .should().dependOnClassesThat(resideInAPackage("org.gapwatch.net..")
                    .and(not(belongToAnyOf(GroupSpec.class, DatagramTap.class))))
            .because("capture reads and writes files; it neither receives nor sends");

    @ArchTest
    static final ArchRule theDemoSendsOnlyThroughThePublisher = noClasses()
            .that().resideInAPackage("org.gapwatch.demo..")
            .should().dependOnClassesThat(resideInAPackage("org.gapwatch..")
                    .and(resideOutsideOfPackage("org.gapwatch.demo.."))
                    // The protocol package does no I/O (its own rule), so its writers cannot send.
                    .and(resideOutsideOfPackage("org.gapwatch.protocol.."))
                    .and(not(belongToAnyOf(Publisher.class, GroupSpec.class, RtpStream.class, TsStream.class,
                            org.gapwatch.net.ProtocolSamples.class))))
            .because("the publisher keeps the demo on loopback with TTL 0");

    @ArchTest
    static final ArchRule theCommandsOnlyLaunchTheUi = noClasses().that().resideInAPackage("org.gapwatch.cli..")
            .should().dependOnClassesThat(resideInAPackage("org.gapwatch.ui..")
                    .and(not(belongToAnyOf(DesktopLauncher.class, UiOptions.class))));

    @ArchTest
    static final ArchRule picocliOnlyInTheCommands = noClasses().that().resideOutsideOfPackage("org.gapwatch.cli..")
            .should().dependOnClassesThat().resideInAPackage("picocli..");

    @ArchTest
    static final ArchRule jacksonOnlyWhereJsonIsReadOrWritten = noClasses()
            .that().resideOutsideOfPackages("org.gapwatch.protocol..", "org.gapwatch.settings..", "org.gapwatch.cli..")
            .should().dependOnClassesThat().resideInAPackage("tools.jackson..");
}
