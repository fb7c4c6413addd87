package org.gapwatch.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.gapwatch.testutil.Feed;
import org.junit.jupiter.api.Test;

/**
 * The episode's cause and evidence with what probes elsewhere saw of its source: one sender, one group, so that this
 * machine's figures alone cannot tell publisher from path. The source loses seq 2 here at 1 s; the probes are read
 * at 0 s (before) and at 2 s (their figures since).
 */
class PathEvidenceTest {
    private static final long T0 = 1_800_000_000_000L;
    private static final InetSocketAddress SENDER = new InetSocketAddress("10.0.0.1", 5000);
    private static final InetSocketAddress GROUP = new InetSocketAddress("239.1.1.1", 6000);
    private static final String A = "http://probe-a:9477/metrics";
    private static final String B = "http://probe-b:9477/metrics";

    private static RemoteView.Probe probe(String url, long received, long lost, long drops) {
        String name = url.substring("http://".length(), url.indexOf("/metrics"));
        return new RemoteView.Probe(name, url, T0, T0, null, drops, 0,
                Map.of("s", new RemoteView.Reading(received, lost, false, T0)));
    }

    private static RemoteView.Probe silent(String url, RemoteView.Probe last) {
        return new RemoteView.Probe(last.name(), url, T0, last.answeredMillis(), "connection refused",
                last.socketDrops(), 0, last.sources());
    }

    /** The episode at 2 s, with the probes as {@code before} at 0 s and {@code after} from 1 s on. */
    private static Episode episode(RemoteView before, RemoteView after) {
        Feed feed = new Feed();
        feed.engine().trackerOnWriterThread().socketDrops(0);
        Judge judge = new Judge();
        feed.send(T0, "{\"src\":\"s\",\"seq\":1,\"ttl\":600000}", SENDER, GROUP);
        judge.judge(feed.publish(T0), before, T0);
        feed.send(T0 + 1000, "{\"src\":\"s\",\"seq\":3,\"ttl\":600000}", SENDER, GROUP);
        judge.judge(feed.publish(T0 + 1000), before, T0 + 1000);
        return judge.judge(feed.publish(T0 + 2000), after, T0 + 2000).currentEpisode();
    }

    private static RemoteView view(RemoteView.Probe... probes) {
        return new RemoteView(List.of(probes));
    }

    @Test
    void lostAtOneProbeButNotAtAnotherIsBetweenThem() {
        Episode e = episode(view(probe(A, 100, 0, 0), probe(B, 95, 5, 0)),
                view(probe(A, 110, 0, 0), probe(B, 104, 6, 0)));
        assertEquals(Cause.NETWORK, e.cause());
        assertEquals("1 updates lost at 1 source; lost at probe probe-b:9477 but not at probe probe-a:9477: the loss"
                + " is between probe-a:9477 and probe-b:9477; no socket drops at this machine", e.evidence());
    }

    @Test
    void lostAtNoProbeIsBetweenThemAndHere() {
        Episode e = episode(view(probe(A, 100, 0, 0)), view(probe(A, 110, 0, 0)));
        assertEquals(Cause.NETWORK, e.cause());
        assertEquals("1 updates lost at 1 source; not lost at probe probe-a:9477: the loss is between probe-a:9477"
                + " and here; no socket drops at this machine", e.evidence());
    }

    @Test
    void lostEverywhereIsBeforeTheProbesAndTheLocalCauseStands() {
        Episode e = episode(view(probe(A, 100, 0, 0)), view(probe(A, 109, 1, 0)));
        assertEquals(Cause.UNDETERMINED, e.cause());
        assertEquals("1 updates lost at 1 source, all from sender 10.0.0.1:5000 on 239.1.1.1:6000, and no source of"
                + " another sender there to compare: publisher or path cannot be told apart; no socket drops at this"
                + " machine; lost at every probe that answered (probe-a:9477): the loss is before it", e.evidence());
    }

    @Test
    void aProbeThatDoesNotAnswerOrDroppedAtItsOwnSocketsIsNoWitness() {
        RemoteView.Probe a0 = probe(A, 100, 0, 0);
        // A does not answer at 2 s; B lost, but its own sockets dropped datagrams meanwhile.
        Episode e = episode(view(a0, probe(B, 95, 5, 10)), view(silent(A, a0), probe(B, 104, 6, 11)));
        assertEquals(Cause.UNDETERMINED, e.cause());
        assertEquals("1 updates lost at 1 source, all from sender 10.0.0.1:5000 on 239.1.1.1:6000, and no source of"
                + " another sender there to compare: publisher or path cannot be told apart; no socket drops at this"
                + " machine", e.evidence());
    }
}
