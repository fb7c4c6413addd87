package org.gapwatch.realpeer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.gapwatch.testutil.Await;
import org.gapwatch.testutil.External;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two probes on one path, the firewall's drop between them, and the desktop's poller and judgement comparing them.
 *
 * <pre>
 *   namespace A                                   namespace B
 *   publisher --vva (10.213.0.1) ==== veth ==== (10.213.0.2) vvb--[nft prerouting: 5 % of udp/PORT dropped]
 *   probe A: listen on vva (the looped copy),                        probe B: listen on vvb,
 *            metrics on 10.213.0.1:9477                                       metrics on 127.0.0.1:9478
 *                                                                    desk: receiver on vvb + poller + judge
 * </pre>
 *
 * Addressing: the desk (the desktop without its window, {@link VantageDesk}) sits at site B, as an operator next to
 * probe B would; it reaches probe B on B's loopback and probe A across the link, on the address A's probe binds.
 * So nothing is added to the host's namespace, and the drop (UDP to the stream's port only) leaves the scrapes alone.
 *
 * <p>The oracle is B's firewall counter: after the drop stops and later datagrams arrive (so that no drop is the
 * stream's last; and the drop starts once B has the source, so that none is its first), probe B's lost must equal it
 * exactly, probe A's must be 0, and A's received must be B's received plus the drops. The desk's episode must say the loss is between A and B.
 */
class TwoVantagePointsTest {
    private static final String GROUP = "239.255.77.1:5477";
    private static final int PORT = 5477;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    private static JsonNode last(VantagePair pair) {
        List<String> lines = pair.log("desk.log").lines().filter(l -> l.startsWith("{")).toList();
        return lines.isEmpty() ? null : JSON.readTree(lines.getLast());
    }

    private static JsonNode probe(JsonNode line, int i) {
        return line == null ? null : line.path("probes").path(i);
    }

    private static long lost(JsonNode line, int i) {
        JsonNode p = probe(line, i);
        return p == null || !p.path("lost").isNumber() ? -1 : p.path("lost").asLong();
    }

    private static long received(JsonNode line, int i) {
        JsonNode p = probe(line, i);
        return p == null || !p.path("received").isNumber() ? -1 : p.path("received").asLong();
    }

    @Test
    void theLossIsPlacedBetweenTheProbeThatLostNothingAndTheOneBehindTheDrop() throws Exception {
        External.require(RealPeers.isRoot(), "root (network namespaces, nftables)", "run the tests as root");
        External.program("ip", "apt-get install iproute2");
        External.require(RealPeers.onPath("nft"), "the program nft", "apt-get install nftables");
        String urlA = "http://" + VantagePair.A_ADDRESS + ":9477/metrics";
        String urlB = "http://127.0.0.1:9478/metrics";
        String nameA = VantagePair.A_ADDRESS + ":9477";
        String nameB = "127.0.0.1:9478";
        try (VantagePair pair = VantagePair.create(dir)) {
            pair.start(pair.a(), "probe-a.log", VantagePair.java("org.gapwatch.Main", "listen", "--group", GROUP,
                    "--interface", VantagePair.A_DEVICE, "--metrics", VantagePair.A_ADDRESS + ":9477", "--no-warmup"));
            pair.start(pair.b(), "probe-b.log", VantagePair.java("org.gapwatch.Main", "listen", "--group", GROUP,
                    "--interface", VantagePair.B_DEVICE, "--metrics", "127.0.0.1:9478", "--no-warmup"));
            pair.start(pair.b(), "desk.log", VantagePair.java(VantageDesk.class.getName(), GROUP,
                    VantagePair.B_DEVICE, "*", urlA, urlB));
            for (String log : List.of("probe-a.log", "probe-b.log", "desk.log")) {
                Await.until(Duration.ofSeconds(60), () -> log + " listening: " + pair.log(log),
                        () -> pair.log(log).contains("listening on"));
            }
            Process publisher = pair.start(pair.a(), "publish.log", VantagePair.java("org.gapwatch.Main", "publish",
                    "--group", GROUP, "--interface", VantagePair.A_DEVICE, "--ttl", "1", "--sources", "1",
                    "--rate", "400", "--duration", "120s"));
            // Drop only once B has the source: a first number lost before the source is ever seen cannot be counted
            // as lost (nothing says the source began there). Dropping from the start left B's loss one short of the
            // firewall's count in about 1 run in 20 (seen in a plain clone: 15 dropped, 14 lost, B's range 2..739).
            Await.until(Duration.ofSeconds(60), () -> "B's first datagrams: " + last(pair),
                    () -> received(last(pair), 1) > 0);
            pair.dropRandomly(PORT, 100, 5);

            String between = "lost at probe " + nameB + " but not at probe " + nameA + ": the loss is between "
                    + nameA + " and " + nameB;
            Await.until(Duration.ofSeconds(60), () -> "the desk's evidence naming the loss between A and B: "
                    + last(pair), () -> {
                JsonNode l = last(pair);
                return l != null && l.path("evidence").asString("").contains(between);
            });
            assertEquals("network", last(pair).path("cause").asString());

            // Stop dropping, then let later datagrams through: each drop is then followed by one received.
            pair.stopDropping();
            long dropped = pair.dropped();
            assertTrue(dropped > 0, "the firewall dropped nothing");
            long receivedAtStop = received(last(pair), 1);
            Await.until(Duration.ofSeconds(30), () -> "200 more at B after the drop stopped: " + last(pair),
                    () -> received(last(pair), 1) >= receivedAtStop + 200);
            Netns.stop(publisher);

            Await.until(Duration.ofSeconds(30), () -> "the probes' final figures, " + dropped + " dropped: "
                    + last(pair), () -> {
                JsonNode l = last(pair);
                return lost(l, 1) == dropped && received(l, 0) == received(l, 1) + dropped
                        && received(l, 0) == received(last(pair), 0);
            });
            JsonNode l = last(pair);
            System.out.println("two vantage points, " + dropped + " dropped by the firewall: " + l);
            assertEquals(nameA, probe(l, 0).path("name").asString());
            assertEquals(nameB, probe(l, 1).path("name").asString());
            assertTrue(probe(l, 0).path("problem").isNull() && probe(l, 1).path("problem").isNull(), l.toString());
            assertEquals(0, lost(l, 0), "probe A, before the drop, lost nothing");
            assertEquals(dropped, lost(l, 1), "probe B lost exactly what the firewall dropped");
            assertEquals(received(l, 1) + dropped, received(l, 0), "A received what B received plus the drops");
        }
    }
}
