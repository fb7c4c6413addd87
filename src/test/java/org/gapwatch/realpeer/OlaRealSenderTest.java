package org.gapwatch.realpeer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.gapwatch.protocol.sacn.E131Packet;
import org.gapwatch.track.SourceView;
import org.junit.jupiter.api.Test;

/**
 * OLA, the Open Lighting Architecture ({@code olad} with its E1.31 plugin, Debian's {@code ola}), as a second real
 * sACN sender beside the npm package: {@code ola_streaming_client -u 7} sends {@value #FRAMES} DMX frames of
 * {@value #SLOTS} slots through {@code olad} to universe 7 (239.255.0.7:5568), more than two wraps of the 8-bit
 * sequence number, while nftables drops 10 % at random. Gapwatch's own receiver ({@code sacn://7}) counts received
 * = what OLA sent (the firewall's output counter) minus what it dropped (its drop counter), lost = dropped, exactly,
 * nothing late or repeated; and the source's levels are the last frame's, {@value #SLOTS} of them (OLA sends only
 * the slots it was given: a short DMX frame from a real sender). {@code analyze} of the tcpdump capture of what got
 * past the firewall on the receiving end gives live's figures ({@link RealPeers#assertAnalyzeIsLive}).
 *
 * <p>Why a veth pair and not lo: OLA will not send on a loopback device. Its interface picker leaves out every
 * interface with IFF_LOOPBACK, whatever {@code ip =} in ola-e131.conf says: with {@code ip = 127.0.0.1} and only lo
 * in the namespace olad logs {@code common/network/InterfacePicker.cpp:59: No interfaces found},
 * {@code libs/acn/E131Node.cpp:166: Failed to find an interface}, {@code Failed to start E1.31 (sACN)}. So the
 * namespace gets a veth pair of its own, both ends inside it (nothing leaves): OLA binds to one end, Gapwatch joins
 * on the other, and the drop is on the receiving end's prerouting hook as in the other tests. olad also refuses to
 * run as root ({@code Attempting to run as root, aborting}): it runs as the {@code olad} user (or nobody) through
 * setpriv, with a config folder of its own in a temporary directory and every other plugin disabled.
 */
class OlaRealSenderTest {
    private static final int UNIVERSE = 7;
    private static final int FRAMES = 600;
    private static final int SLOTS = 24;
    private static final int BASELINE = 5;
    private static final String SENDER_END = "gwola0", RECEIVER_END = "gwola1";
    private static final String SENDER_ADDRESS = "10.231.0.1", RECEIVER_ADDRESS = "10.231.0.2";
    private static final String[] OTHER_PLUGINS = {"artnet", "dummy", "espnet", "ftdidmx", "gpio", "karate", "kinet",
        "milinst", "opendmx", "openpixelcontrol", "osc", "pathport", "renard", "sandnet", "shownet", "spi",
        "stageprofi", "uartdmx", "usbdmx", "usbserial", "nanoleaf", "dmx4linux"};

    /** Frame k: slot 1 counts, slot 2 full, the rest a fixed pattern with zeros in it. */
    private static int[] frame(int k) {
        int[] f = new int[SLOTS];
        f[0] = k % 256;
        f[1] = 255;
        for (int i = 2; i < SLOTS; i++) {
            f[i] = i % 3 == 0 ? 0 : i * 10;
        }
        return f;
    }

    @Test
    void olaFramesThroughTheFirewallAreCountedExactly() throws Exception {
        RealPeers.assumeAvailable("olad", "ola_streaming_client", "ola_patch", "ola_dev_info", "setpriv");
        Path dir = RealPeers.artifacts("ola").toAbsolutePath();
        // olad runs as a user of its own: its config folder must be its to write (it saves its settings there).
        Path config = Files.createTempDirectory("gapwatch-ola-");
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rwxrwxrwx"));
        try (Netns ns = Netns.create("sacn2-ola", dir)) {
            ns.vethPair(SENDER_END, SENDER_ADDRESS, RECEIVER_END, RECEIVER_ADDRESS);
            ns.countSent(SENDER_END, E131Packet.PORT);
            Files.writeString(config.resolve("ola-e131.conf"), "enabled = true\nip = " + SENDER_ADDRESS
                    + "\ncid = 67617077-6174-6368-6f6c-616f6c616f6c\ndscp = 0\nignore_preview = true\n"
                    + "input_ports = 1\noutput_ports = 1\nprepend_hostname = false\nrevision = 0.46\n"
                    + "draft_discovery = false\n");
            for (String p : OTHER_PLUGINS) {
                Files.writeString(config.resolve("ola-" + p + ".conf"), "enabled = false\n");
            }
            try (Stream<Path> files = Files.list(config)) {
                for (Path f : files.toList()) {
                    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-rw-rw-"));
                }
            }
            String user = userExists("olad") ? "olad" : "nobody";
            ns.start("olad.log", "setpriv", "--reuid=" + user, "--regid=65534", "--clear-groups", "olad", "-c",
                    config.toString(), "-l", "3", "--no-http", "--no-register-with-dns-sd");
            String[] device = new String[1];
            Netns.awaitTrue(() -> (device[0] = e131Device(ns)) != null, "olad's E1.31 device: " + ns.log("olad.log")
                    .lines().filter(l -> !l.contains("Missing")).reduce("", (a, b) -> a + "\n" + b));
            Netns.run("ip", "netns", "exec", ns.name(), "ola_patch", "-d", device[0], "-p", "0", "-u",
                    Integer.toString(UNIVERSE));
            Path passed = dir.resolve("ola-passed.pcap");
            try (GapwatchInNs gapwatch = GapwatchInNs.startOn(ns, RECEIVER_END, "sacn://" + UNIVERSE)) {
                // What got past the firewall on the receiving end: what Gapwatch gets.
                Process tcpdumpPassed = ns.captureReceived(passed, RECEIVER_END, E131Packet.PORT);
                Process client = ns.start("client.log", "ola_streaming_client", "-u", Integer.toString(UNIVERSE));
                try (OutputStream frames = client.getOutputStream()) {
                    int k = 0;
                    for (; k < BASELINE; k++) {
                        send(frames, k);
                    }
                    // The first packets in before any drop: the first is the lane's baseline.
                    Netns.awaitTrue(() -> gapwatch.datagrams() >= BASELINE, "OLA sending: " + ns.log("olad.log")
                            .lines().filter(l -> l.contains("E131") || l.contains("rror")).toList());
                    ns.dropRandomly(RECEIVER_END, E131Packet.PORT, 100, 10);
                    for (; k < FRAMES - BASELINE; k++) {
                        send(frames, k);
                        LockSupport.parkNanos(4_000_000); // the sender's pace: 250 frames a second
                    }
                    ns.stopDropping();
                    for (; k < FRAMES; k++) {
                        send(frames, k); // closing frames, not dropped: the last gap is seen
                        LockSupport.parkNanos(4_000_000);
                    }
                    // The client exits on the end of its input, dropping what it had not handed to olad yet.
                    Netns.awaitTrue(() -> {
                        SourceView v = gapwatch.source(s -> s.src().startsWith("sacn/" + UNIVERSE + "/"));
                        return v != null && java.util.Arrays.equals(frame(FRAMES - 1), v.levels().toIntArray());
                    }, "the last frame in Gapwatch");
                }
                assertEquals(0, Netns.await(client, 20, "ola_streaming_client"), ns.log("client.log"));
                long dropped = ns.dropped(E131Packet.PORT);
                Netns.awaitTrue(() -> sent(ns) - dropped == received(gapwatch), "sent - dropped = received");
                long sent = sent(ns);
                SourceView v = gapwatch.source(s -> s.src().startsWith("sacn/" + UNIVERSE + "/"));
                System.out.printf("ola: %d frames written, OLA sent %d packets, firewall dropped %d; Gapwatch %s "
                        + "received %d, lost %d, late %d, duplicates %d%n", FRAMES, sent, dropped, v.src(),
                        v.received(), v.lost(), v.late(), v.duplicates());
                // OLA sends a packet per frame it gets; a few frames written close together may reach olad as one.
                assertTrue(sent >= FRAMES * 95 / 100 && sent <= FRAMES, "OLA sent a packet per frame: " + sent);
                assertTrue(dropped > 0, "the firewall dropped some");
                assertEquals(sent - dropped, v.received());
                assertEquals(dropped, v.lost(), "lost = the firewall's counter");
                assertEquals(0, v.late() + v.duplicates() + v.restarts());
                assertTrue(v.highest() >= 2 * 256, "two wraps at least: highest " + v.highest());
                assertArrayEquals(frame(FRAMES - 1), v.levels().toIntArray(), "the last frame's levels");
                assertEquals(1, v.levels().firstIndex());
                assertEquals(java.util.Arrays.stream(frame(FRAMES - 1)).filter(x -> x != 0).count(),
                        v.levels().nonZero());
                Netns.awaitCaptured(passed, E131Packet.PORT, sent - dropped);
                Netns.stop(tcpdumpPassed);
                RealPeers.assertAnalyzeIsLive(passed, gapwatch.groups, gapwatch.snapshot());
            }
        } finally {
            try (Stream<Path> files = Files.walk(config)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void send(OutputStream out, int k) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int v : frame(k)) {
            sb.append(sb.isEmpty() ? "" : ",").append(v);
        }
        out.write((sb + "\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static long sent(Netns ns) {
        try {
            return ns.counter("sent" + E131Packet.PORT);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long received(GapwatchInNs g) {
        SourceView v = g.source(s -> s.src().startsWith("sacn/" + UNIVERSE + "/"));
        return v == null ? -1 : v.received();
    }

    /** The number of olad's E1.31 device ({@code Device 1: E1.31 (DMX over ACN) [10.231.0.1]}), or null yet. */
    private static String e131Device(Netns ns) {
        try {
            Matcher m = Pattern.compile("Device (\\d+): E1\\.31").matcher(
                    Netns.run("ip", "netns", "exec", ns.name(), "ola_dev_info"));
            return m.find() ? m.group(1) : null;
        } catch (IOException e) {
            return null; // olad not listening yet
        }
    }

    private static boolean userExists(String user) throws IOException {
        return Files.readAllLines(Path.of("/etc/passwd")).stream().anyMatch(l -> l.startsWith(user + ":"));
    }
}
