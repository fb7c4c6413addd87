package org.gapwatch.realpeer;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gapwatch.testutil.External;

/**
 * What a real-sender test needs from the machine, through {@link External}: each missing thing skips the test with
 * one line saying what is missing, or fails it where CI requires every external test.
 */
final class RealPeers {
    private RealPeers() {
    }

    /** Root, {@code ip}, {@code nft}, and the given programs on the PATH. */
    static void assumeAvailable(String... programs) {
        External.require("root".equals(System.getProperty("user.name")) || isRootUid(),
                "root (network namespaces and nftables)", "run the tests as root, as CI does");
        for (String p : new String[]{"ip", "nft"}) {
            External.require(onPath(p), "the program " + p, "apt-get install " + (p.equals("ip") ? "iproute2" : "nftables"));
        }
        for (String p : programs) {
            External.require(onPath(p), "the program " + p, "see .ci/run for the Debian package");
        }
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name")) || isRootUid();
    }

    private static boolean isRootUid() {
        try {
            return Files.readString(Path.of("/proc/self/status")).lines()
                    .anyMatch(l -> l.startsWith("Uid:") && l.split("\\s+")[1].equals("0"));
        } catch (java.io.IOException e) {
            return false;
        }
    }

    static boolean onPath(String program) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, program))) {
                return true;
            }
        }
        // ip, nft and tcpdump live in /usr/sbin, which a non-login PATH may lack.
        return Files.isExecutable(Path.of("/usr/sbin", program)) || Files.isExecutable(Path.of("/sbin", program));
    }

    /**
     * {@code gapwatch analyze} (in process) of the tcpdump capture of what got past the firewall
     * ({@link Netns#captureReceived}) gives, per source, live's figures: received, lost, late, duplicates, restarts,
     * highest. Returns the analysed snapshot.
     */
    static org.gapwatch.track.TrackerSnapshot assertAnalyzeIsLive(Path receivedCapture,
            java.util.List<org.gapwatch.net.GroupSpec> groups, org.gapwatch.track.TrackerSnapshot live)
            throws java.io.IOException {
        org.gapwatch.track.TrackerSnapshot analyzed = org.gapwatch.cli.AnalyzeCommand.analyze(receivedCapture,
                org.gapwatch.capture.CaptureFilter.of(groups, java.util.List.of()),
                org.gapwatch.track.TrackerConfig.defaults()).snapshot();
        org.junit.jupiter.api.Assertions.assertEquals(org.gapwatch.net.LiveAndCapture.figures(live),
                org.gapwatch.net.LiveAndCapture.figures(analyzed),
                "analyze of tcpdump -i nflog (what got past the firewall) = live, per source");
        return analyzed;
    }

    /** Where a test leaves its captures and logs (kept after the run, for tshark or another test). */
    static Path artifacts(String test) throws java.io.IOException {
        return Files.createDirectories(Path.of("target", "realpeer", test));
    }
}
