package org.gapwatch.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import java.util.List;
import org.gapwatch.testutil.Feed;
import org.junit.jupiter.api.Test;

/**
 * Crafted streams for each cause of a loss episode, with the exact episodes they give: senders A and B, groups G1
 * and G2, a source of each sender on each group. The losing sources miss one update at 1 s; the judge looks at 0,
 * 1, 5 and 11 s, so each episode runs from 1 s to 1 s and closes after the 10 s quiet time.
 */
class EpisodeCauseTest {
    private static final long T0 = 1_800_000_000_000L;
    private static final InetSocketAddress A = new InetSocketAddress("10.0.0.1", 5000);
    private static final InetSocketAddress B = new InetSocketAddress("10.0.0.2", 5000);
    private static final InetSocketAddress G1 = new InetSocketAddress("239.1.1.1", 6000);
    private static final InetSocketAddress G2 = new InetSocketAddress("239.1.1.2", 6000);

    private final Feed feed = new Feed();
    private final Judge judge = new Judge();

    private record Src(String name, InetSocketAddress sender, InetSocketAddress group) {
    }

    private static final List<Src> ALL = List.of(new Src("a1", A, G1), new Src("b1", B, G1), new Src("a2", A, G2),
            new Src("b2", B, G2));

    /** Runs the timeline with {@code losing} missing seq 2 and returns the episodes at 11 s. */
    private List<Episode> run(List<String> losing, long dropsAt1s, boolean dropsKnown) {
        var tracker = feed.engine().trackerOnWriterThread();
        tracker.socketDrops(dropsKnown ? 0 : -1);
        for (Src s : ALL) {
            feed.send(T0, "{\"src\":\"" + s.name() + "\",\"seq\":1,\"ttl\":600000}", s.sender(), s.group());
        }
        judge.judge(feed.publish(T0), T0);
        for (Src s : ALL) {
            int seq = losing.contains(s.name()) ? 3 : 2;
            feed.send(T0 + 1000, "{\"src\":\"" + s.name() + "\",\"seq\":" + seq + ",\"ttl\":600000}", s.sender(),
                    s.group());
        }
        tracker.socketDrops(dropsKnown ? dropsAt1s : -1);
        Judgement open = judge.judge(feed.publish(T0 + 1000), T0 + 1000);
        assertEquals(T0 + 1000, open.currentEpisode().startMillis(), "open from the first loss");
        judge.judge(feed.publish(T0 + 5000), T0 + 5000);
        Judgement j = judge.judge(feed.publish(T0 + 11_000), T0 + 11_000);
        assertEquals(null, j.currentEpisode(), "closed after the quiet time");
        return j.episodes();
    }

    private static Episode episode(Cause cause, String evidence, List<String> sources, long drops) {
        return new Episode(1, T0 + 1000, T0 + 1000, cause, evidence, sources, sources.size(), drops);
    }

    @Test
    void socketDropsThatAccountForTheLossAreThisMachine() {
        assertEquals(List.of(episode(Cause.THIS_MACHINE, "10 datagrams dropped by this machine's sockets (about 1.0"
                        + " updates each) while 4 updates lost at 4 sources", List.of("a1", "b1", "a2", "b2"), 10)),
                run(List.of("a1", "b1", "a2", "b2"), 10, true));
    }

    @Test
    void oneSendersSourcesLosingWhileOtherSendersOnTheSameGroupsDoNotIsOnePublisher() {
        assertEquals(List.of(episode(Cause.ONE_PUBLISHER, "2 updates lost at 2 sources, all from sender 10.0.0.1:5000;"
                        + " 2 sources of other senders on 239.1.1.1:6000, 239.1.1.2:6000 lost none; no socket drops at"
                        + " this machine", List.of("a1", "a2"), 0)),
                run(List.of("a1", "a2"), 0, true));
    }

    @Test
    void theSourcesOfOneSubscriptionLosingWhileOthersDoNotIsOneGroup() {
        assertEquals(List.of(episode(Cause.ONE_GROUP, "2 updates lost at 2 sources of 2 senders, all on"
                        + " 239.1.1.1:6000; 2 sources on other groups lost none; no socket drops at this machine",
                        List.of("a1", "b1"), 0)),
                run(List.of("a1", "b1"), 0, true));
    }

    @Test
    void severalSendersAndGroupsInTheSameSecondsWithNoSocketDropsIsTheNetwork() {
        assertEquals(List.of(episode(Cause.NETWORK, "4 updates lost at 4 sources of 2 senders on 2 groups"
                        + " (239.1.1.1:6000, 239.1.1.2:6000) in the same seconds; no socket drops at this machine",
                        List.of("a1", "b1", "a2", "b2"), 0)),
                run(List.of("a1", "b1", "a2", "b2"), 0, true));
    }

    @Test
    void withoutSocketDropFiguresTheNetworkIsNotClaimed() {
        assertEquals(List.of(episode(Cause.UNDETERMINED, "4 updates lost at 4 sources of 2 senders on 2 groups in the"
                        + " same seconds, but this machine's socket drops are unknown, so it cannot be ruled out",
                        List.of("a1", "b1", "a2", "b2"), -1)),
                run(List.of("a1", "b1", "a2", "b2"), 0, false));
    }

    @Test
    void oneSenderAloneOnItsGroupCannotBeToldFromItsPath() {
        assertEquals(List.of(episode(Cause.UNDETERMINED, "1 updates lost at 1 source, all from sender 10.0.0.1:5000"
                        + " on 239.1.1.1:6000, and no source of another sender there to compare: publisher or path"
                        + " cannot be told apart; no socket drops at this machine", List.of("a1"), 0)),
                runAlone());
    }

    /** Only a1 exists; it loses. */
    private List<Episode> runAlone() {
        feed.engine().trackerOnWriterThread().socketDrops(0);
        feed.send(T0, "{\"src\":\"a1\",\"seq\":1,\"ttl\":600000}", A, G1);
        judge.judge(feed.publish(T0), T0);
        feed.send(T0 + 1000, "{\"src\":\"a1\",\"seq\":3,\"ttl\":600000}", A, G1);
        judge.judge(feed.publish(T0 + 1000), T0 + 1000);
        return judge.judge(feed.publish(T0 + 11_000), T0 + 11_000).episodes();
    }

    @Test
    void episodesAreBoundedToTheLastThousand() {
        EpisodeTracker t = new EpisodeTracker(EpisodeTracker.CAPACITY);
        feed.engine().trackerOnWriterThread().socketDrops(0);
        for (int k = 0; k <= EpisodeTracker.CAPACITY; k++) {
            long at = T0 + k * 20_000L;
            feed.send(at, "{\"src\":\"x\",\"seq\":" + (3 * k + 1) + ",\"ttl\":6000000}", A, G1);
            feed.send(at + 1, "{\"src\":\"x\",\"seq\":" + (3 * k + 3) + ",\"ttl\":6000000}", A, G1);
            t.observe(feed.publish(at + 1), at + 1, 10_000);
            t.observe(feed.publish(at + 12_000), at + 12_000, 10_000);
        }
        assertEquals(EpisodeTracker.CAPACITY, t.closed().size());
        assertEquals(2, t.closed().getFirst().id(), "the oldest went");
        assertEquals(EpisodeTracker.CAPACITY + 1, t.closed().getLast().id());
    }
}
