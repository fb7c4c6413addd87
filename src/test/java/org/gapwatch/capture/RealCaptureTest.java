package org.gapwatch.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.nio.channels.MembershipKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.gapwatch.cli.AnalyzeCommand;
import org.gapwatch.net.GroupSpec;
import org.gapwatch.net.Publisher;
import org.gapwatch.testutil.Await;
import org.gapwatch.testutil.External;
import org.gapwatch.track.SourceView;
import org.gapwatch.track.TrackerConfig;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Captures taken by the real tools on loopback (tcpdump on lo: Ethernet; tcpdump -i any: Linux cooked v2; dumpcap:
 * pcapng), while the project's publisher sends to a 239.255 group through lo with TTL 0. Runs only where the tool is
 * installed and allowed to capture (External: skipped elsewhere, a failure with -Dgapwatch.requireExternal=true).
 */
class RealCaptureTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"tcpdump,lo,239.255.42.41,5141", "tcpdump,any,239.255.42.42,5142", "dumpcap,lo,239.255.42.43,5143"})
    void readsWhatTheToolCaptured(String tool, String iface, String group, int port) throws Exception {
        External.program(tool, "install " + (tool.equals("dumpcap") ? "wireshark-common" : tool)
                + " (Debian: apt-get install " + (tool.equals("dumpcap") ? "wireshark-common" : tool) + ")");
        Path file = dir.resolve("real." + (tool.equals("dumpcap") ? "pcapng" : "pcap"));
        String filter = "udp and dst host " + group + " and dst port " + port;
        List<String> command = tool.equals("tcpdump")
                ? List.of("tcpdump", "-i", iface, "-U", "-n", "-s", "0", "-w", file.toString(), filter)
                : List.of("dumpcap", "-q", "-i", iface, "-w", file.toString(), "-f", filter);
        Path log = dir.resolve("tool.log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        NetworkInterface lo = NetworkInterface.getByName("lo");
        GroupSpec spec = GroupSpec.parse(group + ":" + port);
        try (DatagramChannel member = DatagramChannel.open(StandardProtocolFamily.INET)) {
            // A member on lo, so the kernel loops the datagrams back through lo where the tool sees them.
            member.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            member.bind(new InetSocketAddress(port));
            MembershipKey key = member.join(spec.group(), lo);
            External.require(awaitListening(p, log), "permission for " + tool + " to capture on " + iface,
                    "run as root or grant it CAP_NET_RAW (" + tool + " said: " + Files.readString(log).strip() + ")");

            List<byte[]> sent = new ArrayList<>();
            InetSocketAddress local;
            try (Publisher publisher = new Publisher(spec, "lo", 0)) {
                // The tool says it listens a moment before it does: send probes until one is in the file.
                byte[] probe = "{\"src\":\"probe\",\"seq\":0}".getBytes(StandardCharsets.UTF_8);
                Await.until("a probe in the capture", () -> {
                    publisher.send(probe, 0, probe.length);
                    return !readQuietly(file, true).isEmpty();
                });
                for (int seq = 0; seq < 20; seq++) {
                    if (seq == 7) {
                        continue;
                    }
                    byte[] payload = ("{\"src\":\"real/" + tool + "\",\"seq\":" + seq + ",\"value\":" + seq + "}")
                            .getBytes(StandardCharsets.UTF_8);
                    publisher.send(payload, 0, payload.length);
                    sent.add(payload);
                }
                local = publisher.localAddress();
            }
            List<CapturedDatagram> got = Await.value("the " + sent.size() + " datagrams in the capture", () -> {
                List<CapturedDatagram> now = readQuietly(file, false);
                return now.size() >= sent.size() ? now : null;
            });
            key.drop();
            assertEquals(sent.size(), got.size(), "datagrams in the capture");
            for (int i = 0; i < sent.size(); i++) {
                assertArrayEquals(sent.get(i), got.get(i).payload());
                assertEquals(spec.socketAddress(), got.get(i).destination());
                assertEquals(local.getPort(), got.get(i).sender().getPort());
            }
        } finally {
            p.destroy();
            p.waitFor(5, TimeUnit.SECONDS);
        }
        AnalyzeCommand.Result r = AnalyzeCommand.analyze(file, CaptureFilter.of(List.of(spec), List.of()),
                TrackerConfig.defaults());
        SourceView v = r.snapshot().sources().stream().filter(s -> s.src().equals("real/" + tool)).findFirst()
                .orElseThrow();
        assertEquals(19, v.received());
        assertEquals(1, v.lost());
    }

    /** True once the tool says it captures; false if it exits or stays silent (no right to capture, say). */
    private static boolean awaitListening(Process p, Path log) throws Exception {
        Await.within(Duration.ofSeconds(10), () -> !p.isAlive() || listening(log));
        return listening(log);
    }

    private static boolean listening(Path log) throws IOException {
        String text = Files.exists(log) ? Files.readString(log) : "";
        return text.contains("listening on") || text.contains("Capturing on");
    }

    /** The probes, or the datagrams that are not probes. */
    private static List<CapturedDatagram> readQuietly(Path file, boolean probes) {
        List<CapturedDatagram> out = new ArrayList<>();
        try (CaptureReader r = CaptureReader.open(file, CaptureFilter.multicast())) {
            CapturedDatagram d;
            while ((d = r.next()) != null) {
                if (new String(d.payload(), StandardCharsets.UTF_8).contains("\"probe\"") == probes) {
                    out.add(d);
                }
            }
        } catch (IOException e) {
            // not written yet
        }
        return out;
    }
}
