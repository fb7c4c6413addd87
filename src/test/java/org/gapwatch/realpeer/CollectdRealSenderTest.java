package org.gapwatch.realpeer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.gapwatch.capture.CapturedDatagram;
import org.gapwatch.protocol.cadence.CadenceCheck;
import org.gapwatch.protocol.collectd.CollectdReader;
import org.gapwatch.protocol.collectd.CollectdSink;
import org.gapwatch.protocol.collectd.HighResTime;
import org.gapwatch.protocol.collectd.Notification;
import org.gapwatch.protocol.collectd.ValueList;
import org.junit.jupiter.api.Test;

/**
 * collectd (network plugin, Interval 1, load, cpu, memory, interface) multicasts to 239.192.74.66:25826 on lo in a
 * namespace; nftables drops datagrams at random in prerouting. collectd fills a datagram up to MaxPacketSize
 * before it sends, so a datagram holds parts of one or two rounds and a round may straddle two datagrams. The
 * oracle comes from the capture (before the drop): for each value list, the times it had in the datagrams the
 * receiver never got. Loss by cadence over the received datagrams must be, per value list, exactly the dropped
 * times that lie between its first and last received time (loss before a lane's first and after its last message
 * cannot be seen by cadence), plus any round collectd itself skipped (the capture's own cadence loss). Gapwatch's
 * own receiver and engine ({@code collectd://}, in the namespace) give the same loss per value list, every gap
 * marked by cadence; {@code analyze} on its recording the same again; {@code analyze} on the tcpdump capture
 * (before the drop) only collectd's own skipped rounds.
 */
class CollectdRealSenderTest {
    private static final String GROUP = CollectdReader.DEFAULT_GROUP;
    private static final int PORT = CollectdReader.DEFAULT_PORT;

    @Test
    void cadenceLossPerValueListIsTheRoundsTheFirewallDropped() throws Exception {
        RealPeers.assumeAvailable("collectd", "tcpdump");
        Path dir = RealPeers.artifacts("collectd").toAbsolutePath();
        Path sent = dir.resolve("collectd-sent.pcap");
        Path passed = dir.resolve("collectd-received-nflog.pcap");
        Path conf = dir.resolve("collectd.conf");
        Files.writeString(conf, """
                Hostname "gw-wire2"
                FQDNLookup false
                Interval 1
                BaseDir "%1$s"
                PIDFile "%1$s/collectd.pid"
                LoadPlugin load
                LoadPlugin cpu
                LoadPlugin memory
                LoadPlugin interface
                LoadPlugin network
                <Plugin interface>
                  Interface "lo"
                </Plugin>
                <Plugin network>
                  <Server "%2$s" "%3$d">
                    Interface "lo"
                  </Server>
                  TimeToLive 1
                  MaxPacketSize 1024
                </Plugin>
                """.formatted(dir, GROUP, PORT));
        List<Netns.Receiver.Datagram> got;
        List<CapturedDatagram> all;
        long dropped;
        org.gapwatch.track.TrackerSnapshot live;
        GapwatchInNsRecording gapwatch;
        try (Netns ns = Netns.create("wire2-collectd", dir)) {
            Netns.Receiver r = ns.receive(InetAddress.getByName(GROUP), PORT);
            gapwatch = GapwatchInNsRecording.start(ns, List.of(org.gapwatch.net.GroupSpec.parse("collectd://" + GROUP)),
                    dir.resolve("gapwatch-collectd.pcap"));
            Process tcpdump = ns.capture(sent, PORT);
            Process tcpdumpPassed = ns.captureReceived(passed, PORT);
            Process collectd = ns.start("collectd.log", "collectd", "-f", "-C", conf.toString());
            Netns.awaitTrue(() -> r.count() >= 2, "collectd sending: " + ns.log("collectd.log"));
            ns.dropRandomly(PORT, 100, 30);
            int before = r.count();
            // At least 8 more datagrams and 2 drops (random drops of 30 % may take a few more datagrams).
            Netns.awaitTrue(() -> r.count() >= before + 8 && droppedAtLeast(ns, 2), "8 more datagrams, 2 drops", 25);
            ns.stopDropping();
            int after = r.count();
            Netns.awaitTrue(() -> r.count() >= after + 3, "3 datagrams after the drops");
            Netns.stop(collectd);
            dropped = ns.dropped(PORT);
            Netns.awaitAccounted(r, sent, PORT, dropped);
            Netns.stop(tcpdump);
            got = r.datagrams();
            all = Netns.read(sent, PORT);
            live = gapwatch.awaitDatagrams(got.size());
            Netns.awaitCaptured(passed, PORT, got.size());
            Netns.stop(tcpdumpPassed);
        }
        org.gapwatch.track.TrackerSnapshot recorded = gapwatch.analyzeRecording().snapshot();
        org.gapwatch.track.TrackerSnapshot fromTcpdump = gapwatch.analyze(sent).snapshot();
        RealPeers.assertAnalyzeIsLive(passed, gapwatch.groups, live);
        assertTrue(dropped > 0, "the firewall dropped nothing in " + all.size() + " datagrams");
        boolean[] missing = Netns.missing(all, got);

        // The oracle: each value list's times in the capture, and which of them only dropped datagrams held.
        Map<String, TreeSet<Long>> sentTimes = new TreeMap<>();
        Map<String, TreeSet<Long>> droppedTimes = new TreeMap<>();
        CollectdReader reader = new CollectdReader();
        for (int i = 0; i < all.size(); i++) {
            byte[] p = all.get(i).payload();
            boolean lost = missing[i];
            assertNull(reader.read(p, 0, p.length, sink((k, t, iv) -> {
                sentTimes.computeIfAbsent(k, x -> new TreeSet<>()).add(t);
                if (lost) {
                    droppedTimes.computeIfAbsent(k, x -> new TreeSet<>()).add(t);
                }
            })), "every captured datagram reads to its end");
        }

        CadenceCheck received = new CadenceCheck();
        Map<String, TreeSet<Long>> receivedTimes = new TreeMap<>();
        for (Netns.Receiver.Datagram d : got) {
            reader.read(d.payload(), 0, d.payload().length, sink((k, t, iv) -> {
                received.check(k, t, iv);
                receivedTimes.computeIfAbsent(k, x -> new TreeSet<>()).add(t);
            }));
        }
        CadenceCheck captured = new CadenceCheck();
        for (Map.Entry<String, TreeSet<Long>> e : sentTimes.entrySet()) {
            for (long t : e.getValue()) {
                captured.check(e.getKey(), t, 1_000_000_000L);
            }
        }

        long totalLost = 0;
        long totalExpected = 0;
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, TreeSet<Long>> e : receivedTimes.entrySet()) {
            String key = e.getKey();
            long first = e.getValue().first();
            long last = e.getValue().last();
            long expected = droppedTimes.getOrDefault(key, new TreeSet<>()).stream()
                    .filter(t -> t > first && t < last && !e.getValue().contains(t)).count()
                    + captured.lost(key);
            totalLost += received.lost(key);
            totalExpected += expected;
            if (received.lost(key) != expected || received.duplicates(key) != 0) {
                wrong.add(key + ": lost " + received.lost(key) + ", dropped " + expected + ", duplicates "
                        + received.duplicates(key));
            }
            // Gapwatch itself: live, from its own recording, and from the capture taken before the drop.
            org.gapwatch.track.SourceView v = GapwatchInNsRecording.source(live, key);
            org.gapwatch.track.SourceView rec = GapwatchInNsRecording.source(recorded, key);
            org.gapwatch.track.SourceView cap = GapwatchInNsRecording.source(fromTcpdump, key);
            if (v.lost() != expected || v.duplicates() != 0 || v.received() != e.getValue().size()
                    || (expected > 0 && !v.lastGap().byCadence()) || rec.lost() != v.lost()
                    || rec.received() != v.received() || cap.lost() != captured.lost(key)) {
                wrong.add("Gapwatch " + key + ": received " + v.received() + " of " + e.getValue().size() + ", lost "
                        + v.lost() + " (dropped " + expected + "), from its recording " + rec.lost()
                        + ", from the tcpdump capture " + cap.lost() + " (collectd skipped " + captured.lost(key)
                        + ")");
            }
        }
        System.out.printf("collectd: %d datagrams captured, firewall dropped %d; %d value lists; lost by cadence "
                        + "%d, dropped rounds between received ones %d (collectd itself skipped %d)%n", all.size(),
                dropped, receivedTimes.size(), totalLost, totalExpected,
                sentTimes.keySet().stream().mapToLong(captured::lost).sum());
        assertEquals(List.of(), wrong);
        assertEquals(all.size() - got.size(), dropped, "captured - received = the firewall's count");
        assertTrue(receivedTimes.keySet().stream().anyMatch(k -> k.equals("gw-wire2/load/load")));
        assertTrue(totalExpected > 0, "some dropped round lay between received ones");
    }

    private static boolean droppedAtLeast(Netns ns, long n) {
        try {
            return ns.dropped(PORT) >= n;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    interface Each {
        void valueList(String key, long timeNanos, long intervalNanos);
    }

    private static CollectdSink sink(Each each) {
        return new CollectdSink() {
            @Override
            public void valueList(ValueList v) {
                each.valueList(v.key(), HighResTime.toNanos(v.timeHr()), HighResTime.toNanos(v.intervalHr()));
            }

            @Override
            public void notification(Notification n) {
            }
        };
    }
}
