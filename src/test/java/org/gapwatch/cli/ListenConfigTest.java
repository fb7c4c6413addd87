package org.gapwatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import org.gapwatch.testutil.Await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gapwatch.net.GroupSpec;
import org.gapwatch.net.Loopback;
import org.gapwatch.net.Publisher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code listen --config}: a bad file is one line and exit 2; SIGHUP joins and leaves and keeps the counts. */
class ListenConfigTest {
    @TempDir
    Path dir;

    @Test
    void aBadConfigFileIsOneLineAndExitTwo() throws IOException {
        Path f = dir.resolve("probe.json");
        Files.writeString(f, "{\"groups\": [\"239.255.0.1:99999\"]}");
        Launcher l = Launcher.start(dir, "listen", "--config", f.toString(), "--no-warmup");
        assertEquals(2, l.awaitExit());
        String err = l.stderr();
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith("gapwatch: config " + f + ": bad group '239.255.0.1:99999': "), err);
        assertEquals("", l.stdout());
    }

    private static void write(Path f, GroupSpec... groups) throws IOException {
        StringBuilder list = new StringBuilder();
        for (GroupSpec g : groups) {
            list.append(list.isEmpty() ? "" : ", ").append('"').append(g).append('"');
        }
        Path tmp = f.resolveSibling("probe.json.tmp");
        Files.writeString(tmp, "{\"groups\": [" + list + "], \"networkInterface\": \"lo\","
                + " \"metrics\": \"127.0.0.1:0\"}");
        Files.move(tmp, f, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static long value(String body, String line) {
        return body.lines().filter(l -> l.startsWith(line + " ")).findFirst()
                .map(l -> (long) Double.parseDouble(l.substring(line.length() + 1))).orElse(-1L);
    }

    @Test
    void sigHupJoinsNewGroupsLeavesRemovedOnesAndKeepsTheCounts() throws IOException {
        GroupSpec a = Loopback.freshGroup();
        GroupSpec b = Loopback.freshGroup();
        Path f = dir.resolve("probe.json");
        write(f, a);
        Launcher l = Launcher.start(dir, "listen", "--config", f.toString(), "--no-warmup", "--json");
        String url = ProbeHttp.metricsUrl(l);
        l.awaitStderr("listening on " + a);
        // The group label is the subscription the source came on: its group and port.
        String lostA = "gapwatch_lost_total{group=\"" + a + "\",protocol=\"json\",src=\"a/1\"}";
        String receivedB = "gapwatch_received_total{group=\"" + b + "\",protocol=\"json\",src=\"b/1\"}";
        try (Publisher pa = Loopback.publisher(a); Publisher pb = Loopback.publisher(b)) {
            Loopback.send(pa, "{\"src\":\"a/1\",\"seq\":1}");
            Loopback.send(pa, "{\"src\":\"a/1\",\"seq\":5}"); // 3 lost
            Await.until("3 lost at a/1", () -> value(ProbeHttp.get(url), lostA) == 3);

            write(f, a, b);
            l.signal("HUP");
            l.awaitStderr("reloaded " + f + ": joined " + b);
            Loopback.send(pb, "{\"src\":\"b/1\",\"seq\":1}");
            Await.until("b/1 received after the reload", () -> value(ProbeHttp.get(url), receivedB) == 1);
            assertEquals(3, value(ProbeHttp.get(url), lostA), "a's count survived the reload");

            write(f, b);
            l.signal("HUP");
            l.awaitStderr("reloaded " + f + ": left " + a);
            // Left: a datagram to a is not taken any more; one to b still is (and shows b is read after a's).
            Loopback.send(pa, "{\"src\":\"a/1\",\"seq\":9}");
            Loopback.send(pb, "{\"src\":\"b/1\",\"seq\":2}");
            Await.until("b/1's second update", () -> value(ProbeHttp.get(url), receivedB) == 2);
            String body = ProbeHttp.get(url);
            assertEquals(3, value(body, lostA), body);
            assertEquals(2, value(body, "gapwatch_received_total{group=\"" + a + "\",protocol=\"json\",src=\"a/1\"}"), body);
        }
        Files.writeString(f, "{\"groups\": 5}");
        l.signal("HUP");
        l.awaitStderr("gapwatch: reload failed, running config kept: config " + f + ": ");
        l.signal("TERM");
        assertEquals(0, l.awaitExit(), l.stderr());
        assertTrue(l.stdout().contains("\"lost\":3"), l.stdout());
    }
}
