package org.gapwatch.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import org.gapwatch.protocol.SourceNames;
import org.gapwatch.protocol.Update;
import org.junit.jupiter.api.Test;

/** The tracker finds sources by the ids of the JSON decoder's names, and never by a stale id. */
class NameIndexTest {
    private static final InetSocketAddress SENDER = new InetSocketAddress("127.0.0.1", 40000);

    private static Update update(SourceNames names, String src, long seq) {
        char[] c = src.toCharArray();
        return new Update().src(names, names.id(c, 0, c.length)).seq(seq);
    }

    private static SourceView view(Tracker t, String src) {
        return t.snapshot(0).sources().stream().filter(v -> v.src().equals(src)).findFirst().orElse(null);
    }

    @Test
    void differentNamesNeverMergeThroughReusedIds() {
        Tracker t = new Tracker(TrackerConfig.defaults());
        SourceNames names = new SourceNames(2);
        t.apply(update(names, "a", 1), SENDER, 1000);
        t.apply(update(names, "b", 1), SENDER, 1000);
        // "c" finds the table full: it forgets a and b and gives c the id a had.
        Update c = update(names, "c", 7);
        assertEquals(0, c.srcId());
        t.apply(c, SENDER, 1000);
        // "a" again: a new String instance under id 1, which the tracker knew as b's.
        Update a = update(names, "a", 2);
        assertEquals(1, a.srcId());
        t.apply(a, SENDER, 1000);
        t.apply(update(names, "b", 2), SENDER, 1000);
        t.apply(update(names, "a", 3), SENDER, 1000);
        assertEquals(3, t.totals().sources());
        assertEquals(3, view(t, "a").received());
        assertEquals(2, view(t, "b").received());
        assertEquals(1, view(t, "c").received());
        assertEquals(0, t.totals().lost());
    }

    @Test
    void theSameNameFromTwoDecodersIsOneSource() {
        Tracker t = new Tracker(TrackerConfig.defaults());
        SourceNames one = new SourceNames();
        SourceNames two = new SourceNames();
        update(two, "other", 0);
        for (long seq = 1; seq <= 4; seq++) {
            t.apply(update(seq % 2 == 0 ? two : one, "pump", seq), SENDER, 1000);
        }
        assertEquals(1, t.totals().sources());
        assertEquals(4, view(t, "pump").received());
        assertEquals(0, t.totals().lost());
    }

    @Test
    void endlessNewNamesStopAtTheSourceLimitAndTheKnownOnesKeepCounting() {
        Tracker t = new Tracker(TrackerConfig.defaults().withMaxSources(100));
        SourceNames names = new SourceNames(125);
        for (int i = 0; i < 100; i++) {
            t.apply(update(names, "known-" + i, 1), SENDER, 1000);
        }
        long seq = 2;
        for (int i = 0; i < 10_000; i++) {
            t.apply(update(names, "flood-" + i, 1), SENDER, 1000);
            if (i % 100 == 99) {
                for (int k = 0; k < 100; k++) {
                    t.apply(update(names, "known-" + k, seq), SENDER, 1000);
                }
                seq++;
            }
        }
        assertEquals(100, t.totals().sources());
        assertEquals(10_000, t.totals().rejectedSources());
        for (int k = 0; k < 100; k++) {
            SourceView v = view(t, "known-" + k);
            assertNotNull(v);
            assertEquals(101, v.received());
        }
        assertEquals(0, t.totals().lost());
    }

    @Test
    void throughTheJsonDecoderNamesStayExactWhileItsTableClearsAgainAndAgain() {
        Tracker t = new Tracker(TrackerConfig.defaults().withMaxSources(40));
        org.gapwatch.protocol.DatagramDecoder decoder = new org.gapwatch.protocol.DatagramDecoder(50);
        long seq = 1;
        org.gapwatch.protocol.SourceNames names = null;
        for (int i = 0; i < 2_000; i++) {
            StringBuilder json = new StringBuilder("[");
            for (int k = 0; k < 40; k++) {
                json.append("{\"src\":\"known/").append(k).append("\",\"seq\":").append(seq).append("},");
            }
            json.append("{\"src\":\"flood/").append(i).append("\",\"seq\":1}]");
            byte[] b = json.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            org.gapwatch.protocol.DecodeResult r = decoder.decode(b, 0, b.length);
            names = r.get(0).srcNames();
            t.datagram(r, b, 0, b.length, SENDER, 1000);
            seq++;
        }
        // The precondition: the decoder's 50 names cannot hold 40 known and the flood, so it forgot them often.
        assertTrue(names.clears() > 100, "clears " + names.clears());
        assertEquals(40, t.totals().sources());
        assertEquals(2_000, t.totals().rejectedSources());
        assertEquals(0, t.totals().lost());
        for (int k = 0; k < 40; k++) {
            SourceView v = view(t, "known/" + k);
            assertNotNull(v);
            assertEquals(2_000, v.received());
            assertEquals(2_000, v.highest());
        }
    }
}
