package org.gapwatch.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import org.gapwatch.cli.GapwatchCommand;
import org.gapwatch.testutil.Await;
import org.gapwatch.testutil.HostileCorpus;
import org.gapwatch.track.SourceView;
import org.gapwatch.track.Totals;
import org.gapwatch.track.TrackerConfig;
import org.gapwatch.track.TrackerSnapshot;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Real multicast over the loopback interface: the project's publisher against the receiver, exact counts. */
class LoopbackStreamTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void publisherLossIsCountedExactly() {
        GroupSpec g = Loopback.freshGroup();
        try (Loopback lo = new Loopback(TrackerConfig.defaults(), List.of(g))) {
            JsonNode report = publish("--group", g.toString(), "--interface", "lo", "--ttl", "0", "--sources", "20",
                    "--rate", "20000", "--count", "6000", "--loss", "0.05", "--seed", "7", "--json");
            long sent = report.get("sent").asLong();
            long skipped = report.get("skipped").asLong();
            assertTrue(skipped > 200 && skipped < 400, "about 5% of 6000 skipped: " + skipped);
            TrackerSnapshot s = lo.await(x -> x.totals().datagrams() == sent, sent + " datagrams");
            Totals t = s.totals();
            assertEquals(sent, t.received());
            assertEquals(skipped, t.lost());
            assertEquals(0, t.late() + t.duplicates() + t.restarts() + t.invalid());
            assertEquals(20, t.sources());
            long perSourceLost = s.sources().stream().mapToLong(SourceView::lost).sum();
            assertEquals(skipped, perSourceLost);
            lo.await(x -> x.totals().socketDropsKnown(), "socket drop figure");
            assertEquals(0, lo.engine.snapshot().totals().socketDrops());
        }
    }

    @Test
    void reorderDuplicatesAndRestartsOverTheWire() {
        GroupSpec g = Loopback.freshGroup();
        try (Loopback lo = new Loopback(TrackerConfig.defaults(), List.of(g));
             Publisher p = Loopback.publisher(g)) {
            for (long seq : new long[] {0, 1, 3, 6, 2, 2, 5000, 3, 4}) {
                Loopback.send(p, "{\"src\":\"r\",\"seq\":" + seq + "}");
            }
            Loopback.send(p, "{\"src\":\"s\",\"seq\":1,\"session\":\"x\"}");
            Loopback.send(p, "{\"src\":\"s\",\"seq\":2,\"session\":\"x\"}");
            Loopback.send(p, "{\"src\":\"s\",\"seq\":1,\"session\":\"y\"}");
            TrackerSnapshot s = lo.await(x -> x.totals().datagrams() == 12, "12 datagrams");
            SourceView r = lo.source(s, "r");
            // 0 1 3 6: lost 2,4,5; 2 late; 2 duplicate; 5000: lost 7..4999; 3 far below: restart; 4 in order.
            assertEquals(List.of(8L, 2L + 4993L, 1L, 1L, 1L),
                    List.of(r.received(), r.lost(), r.late(), r.duplicates(), r.restarts()));
            SourceView sv = lo.source(s, "s");
            assertEquals(List.of(3L, 0L, 1L), List.of(sv.received(), sv.lost(), sv.restarts()));
        }
    }

    @Test
    void groupsOnOnePortAndOnAnotherAreKeptApart() {
        int port = Loopback.freePort();
        GroupSpec a = GroupSpec.parse("239.255.78.1:" + port);
        GroupSpec b = GroupSpec.parse("239.255.78.2:" + port);
        GroupSpec c = Loopback.freshGroup();
        try (Loopback lo = new Loopback(TrackerConfig.defaults(), List.of(a, b, c));
             Publisher pa = Loopback.publisher(a); Publisher pb = Loopback.publisher(b);
             Publisher pc = Loopback.publisher(c)) {
            for (int i = 0; i < 100; i++) {
                Loopback.send(pa, "{\"src\":\"a\",\"seq\":" + i + "}");
                Loopback.send(pb, "{\"src\":\"b\",\"seq\":" + i + "}");
                Loopback.send(pc, "{\"src\":\"c\",\"seq\":" + i + "}");
            }
            TrackerSnapshot s = lo.await(x -> x.totals().datagrams() >= 300, "300 datagrams");
            for (String src : List.of("a", "b", "c")) {
                assertEquals(100, lo.source(s, src).received(), src);
                assertEquals(0, lo.source(s, src).duplicates(), src + " received once per datagram");
            }
            assertEquals(300, s.totals().datagrams());
            assertEquals(List.of(a.toString(), b.toString(), c.toString()), lo.receiver.status().groups());
        }
    }

    @Test
    void sourceSpecificJoinsTakeOnlyTheirSource() throws Exception {
        GroupSpec any = Loopback.freshGroup();
        GroupSpec fromUs = GroupSpec.parse(any + "@127.0.0.1");
        GroupSpec fromElsewhere = GroupSpec.parse(any + "@127.0.0.2");
        try (Loopback right = new Loopback(TrackerConfig.defaults(), List.of(fromUs));
             Loopback wrong = new Loopback(TrackerConfig.defaults(), List.of(fromElsewhere));
             Publisher p = Loopback.publisher(any)) {
            for (int i = 0; i < 50; i++) {
                Loopback.send(p, "{\"src\":\"ssm\",\"seq\":" + i + "}");
            }
            right.await(x -> x.totals().datagrams() == 50, "50 datagrams from 127.0.0.1");
            // The kernel hands a datagram to every matching socket at once: the other one had its chance. The query
            // runs on its receive thread after it drained its socket.
            assertEquals(0L, wrong.engine.query(t -> t.totals().datagrams()).get(10, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals(List.of(fromElsewhere.toString()), wrong.receiver.status().groups());
        }
    }

    @Test
    void aGroupJoinedWhileRunningIsReceivedAndALeftOneIsNot() throws Exception {
        GroupSpec a = Loopback.freshGroup();
        GroupSpec b = Loopback.freshGroup();
        try (Loopback lo = new Loopback(TrackerConfig.defaults(), List.of(a));
             Publisher pa = Loopback.publisher(a); Publisher pb = Loopback.publisher(b)) {
            lo.receiver.join(b).get();
            Loopback.send(pb, "{\"src\":\"late-joined\",\"seq\":0}");
            lo.await(x -> x.totals().datagrams() == 1, "a datagram on the new group");
            lo.receiver.leave(b).get();
            assertEquals(List.of(a.toString()), lo.receiver.status().groups());
            // After leaving, b's datagram is not taken; a's, sent after it on the same host, is.
            Loopback.send(pb, "{\"src\":\"late-joined\",\"seq\":1}");
            Loopback.send(pa, "{\"src\":\"marker\",\"seq\":0}");
            TrackerSnapshot s = lo.await(x -> lo.source(x, "marker") != null, "the marker on a");
            assertEquals(2, s.totals().datagrams());
            assertEquals(1, lo.source(s, "late-joined").received());
        }
    }

    @Test
    void membershipLostIsRejoinedByItself() {
        GroupSpec g = Loopback.freshGroup();
        try (Loopback lo = new Loopback(TrackerConfig.defaults(), List.of(g));
             Publisher p = Loopback.publisher(g)) {
            List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
            lo.receiver.setEventListener(events::add);
            Loopback.send(p, "{\"src\":\"m\",\"seq\":0}");
            lo.await(x -> x.totals().datagrams() == 1, "first datagram");
            lo.engine.execute(lo.receiver::dropMembershipsForTest);
            Await.until(() -> "rejoin event, got " + events,
                    () -> events.stream().anyMatch(e -> e.contains("membership lost: rejoined 1")));
            Loopback.send(p, "{\"src\":\"m\",\"seq\":1}");
            TrackerSnapshot s = lo.await(x -> x.totals().datagrams() == 2, "datagram after rejoin");
            assertEquals(0, lo.source(s, "m").lost());
        }
    }

    @Test
    void kernelDropsAtThisMachineAreToldApartAndMatchTheSequenceLoss() throws Exception {
        GroupSpec g = Loopback.freshGroup();
        // A small buffer and a stalled socket thread: the kernel must drop.
        try (Loopback lo = new Loopback(TrackerConfig.defaults(), List.of(g), 16 * 1024);
             Publisher p = Loopback.publisher(g)) {
            CountDownLatch stalled = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            lo.receiver.onSocketThread(() -> {
                stalled.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            stalled.await();
            for (int i = 0; i < 2000; i++) {
                Loopback.send(p, "{\"src\":\"d\",\"seq\":" + i + ",\"value\":" + i + "}");
            }
            release.countDown();
            // Every one of the 2000 is then either received or dropped by the kernel, nothing still queued.
            lo.await(x -> x.totals().socketDrops() > 0 && x.totals().datagrams() + x.totals().socketDrops() == 2000,
                    "2000 received or dropped");
            // One more update reveals every dropped number as a gap.
            Loopback.send(p, "{\"src\":\"d\",\"seq\":2000}");
            TrackerSnapshot s = lo.await(x -> lo.source(x, "d") != null && lo.source(x, "d").highest() == 2000,
                    "closing update");
            long received = s.totals().received();
            assertEquals(2001 - received, s.totals().lost(), "everything not received is counted lost");
            TrackerSnapshot withDrops = lo.await(x -> x.totals().socketDrops() == x.totals().lost(),
                    "socket drops to equal the loss");
            assertTrue(withDrops.totals().socketDrops() > 0);
        }
    }

    @Test
    void aHostileCorpusDoesNotDisturbTheValidStreamBesideIt() {
        GroupSpec g = Loopback.freshGroup();
        try (Loopback lo = new Loopback(TrackerConfig.defaults().withMaxSources(50), List.of(g));
             Publisher p = Loopback.publisher(g)) {
            List<HostileCorpus.Case> hostile = HostileCorpus.cases();
            // Each case is rejected once, for the reason it is written down with (HostileCorpusTest).
            Map<String, Long> expectedByReason = new TreeMap<>();
            hostile.forEach(c -> expectedByReason.merge(c.reason().code(), 1L, Long::sum));
            int good = 0;
            for (HostileCorpus.Case h : hostile) {
                p.send(h.payload(), 0, h.payload().length);
                Loopback.send(p, "{\"src\":\"good\",\"seq\":" + good++ + ",\"value\":1}");
            }
            // A flood of invented names: only 50 sources fit, "good" among them.
            for (int i = 0; i < 2000; i++) {
                Loopback.send(p, "{\"src\":\"flood-" + i + "\",\"seq\":0}");
            }
            Loopback.send(p, "{\"src\":\"good\",\"seq\":" + good++ + "}");
            long total = hostile.size() + good + 2000L;
            TrackerSnapshot s = lo.await(x -> x.totals().datagrams() == total, total + " datagrams");
            SourceView v = lo.source(s, "good");
            assertNotNull(v);
            assertEquals(List.of((long) good, 0L, 0L, 0L), List.of(v.received(), v.lost(), v.duplicates(), v.restarts()));
            assertEquals(50, s.totals().sources());
            assertEquals(2000 - 49, s.totals().rejectedSources());
            assertEquals(hostile.size(), s.totals().invalid());
            assertEquals(expectedByReason, new TreeMap<>(s.invalidByReason()));
            assertEquals(0, lo.receiver.status().receiveErrors(), "nothing broke the receive loop");
        }
    }

    static JsonNode publish(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new GapwatchCommand());
        cl.setOut(new PrintWriter(out));
        String[] full = new String[args.length + 1];
        full[0] = "publish";
        System.arraycopy(args, 0, full, 1, args.length);
        assertEquals(0, cl.execute(full));
        return JSON.readTree(out.toString());
    }
}
