package org.gapwatch.track;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.gapwatch.protocol.Update;
import org.gapwatch.protocol.ValueKind;
import org.junit.jupiter.api.Test;

/**
 * The figures a view carries (strip, sums over 10, 60 and 300 seconds, value text), kept from view to view by
 * {@link SecondCounts}, against summing afresh at every view as the tracker did before (the oracle below), over random
 * streams: counts into the head second and into older ones, silences longer than the windows, windows sliding with
 * nothing arriving, the end stepping back.
 */
class SourceViewExactnessTest {
    private static final long T0 = 1_800_000_000L; // epoch seconds

    /** The figures summed afresh, as CountRing.summarize did for every view: {r10, r60, l60, t60, r300, l300, t300}. */
    private static long[] summedAfresh(CountRing ring, long end, byte[] strip) {
        Arrays.fill(strip, (byte) 0);
        long[] sums = new long[7];
        if (ring.head() == Long.MIN_VALUE) {
            return sums;
        }
        for (long slot = Math.min(end, ring.head()); slot >= ring.low() && end - slot < 300; slot--) {
            addSecond(sums, strip, (int) (end - slot), ring.receivedAt(slot), ring.lostAt(slot), ring.lateAt(slot));
        }
        return sums;
    }

    /** One second, {@code age} before the end, into the strip and the sums of the windows it is in. */
    private static void addSecond(long[] sums, byte[] strip, int age, int r, int l, int t) {
        if (age < strip.length) {
            strip[strip.length - 1 - age] = (byte) (l > 0 ? 3 : t > 0 ? 2 : r > 0 ? 1 : 0);
        }
        if (age < 10) {
            sums[0] += r;
        }
        if (age < 60) {
            sums[1] += r;
            sums[2] += l;
            sums[3] += t;
        }
        sums[4] += r;
        sums[5] += l;
        sums[6] += t;
    }

    private static long[] kept(SecondCounts.Scratch ring) {
        return new long[] {ring.received10, ring.received60, ring.lost60, ring.late60, ring.received300, ring.lost300, ring.late300};
    }

    @Test
    void keptFiguresEqualSummingAfreshOverRandomStreams() {
        SecondCounts.Scratch scratch = new SecondCounts.Scratch();
        int views = 0;
        int stepped = 0;
        for (int seed = 0; seed < 200; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            // The horizon of seconds (900) and rings shorter than the 300-second window, which drop seconds in it.
            int maxSlots = new int[] {900, 900, 301, 64, 10}[seed % 5];
            SecondCounts ring = new SecondCounts(maxSlots);
            long now = T0;
            byte[] last = null;
            List<byte[]> handedOut = new ArrayList<>();
            List<byte[]> contents = new ArrayList<>();
            for (int op = 0; op < 3000; op++) {
                int kind = r.nextInt(100);
                if (kind < 40) {
                    ring.addReceived(now, 1 + (r.nextInt(20) == 0 ? r.nextInt(1000) : 0));
                } else if (kind < 46) {
                    ring.addLost(now, r.nextInt(50) == 0 ? Long.MAX_VALUE / 2 : 1 + r.nextInt(5));
                } else if (kind < 50) {
                    ring.addLate(now);
                } else if (kind < 54) {
                    // Filed under a past second (arrival times stepping back): late, lost or received.
                    long past = now - 1 - r.nextInt(r.nextBoolean() ? 5 : 400);
                    switch (r.nextInt(3)) {
                        case 0 -> ring.addLate(past);
                        case 1 -> ring.addLost(past, 1 + r.nextInt(3));
                        default -> ring.addReceived(past, 1);
                    }
                } else if (kind < 80) {
                    now += r.nextInt(3); // the clock moves on, with or without arrivals
                } else if (kind < 82) {
                    now += 200 + r.nextInt(600); // a silence around and beyond the windows
                } else {
                    long asked = kind < 84 ? now - r.nextInt(5) : now + (r.nextInt(8) == 0 ? r.nextInt(70) : 0);
                    long end = Math.max(asked, ring.head());
                    byte[] strip = ring.view(end, scratch);
                    byte[] expected = new byte[SecondCounts.STRIP];
                    long[] sums = summedAfresh(ring, end, expected);
                    String at = "seed " + seed + " op " + op + " end " + (end - T0) + " head " + (ring.head() - T0);
                    assertArrayEquals(expected, strip, at);
                    assertArrayEquals(sums, kept(scratch), at);
                    if (last != null && Arrays.equals(last, strip)) {
                        assertSame(last, strip, "an unchanged strip is shared: " + at);
                        stepped++;
                    }
                    last = strip;
                    handedOut.add(strip);
                    contents.add(strip.clone());
                    views++;
                }
            }
            for (int k = 0; k < handedOut.size(); k++) {
                assertArrayEquals(contents.get(k), handedOut.get(k), "a strip handed out is never written");
            }
        }
        assertTrue(views > 100_000, "views compared: " + views);
        assertTrue(stepped > 10_000, "views that shared the strip: " + stepped);
    }

    @Test
    void oneViewASecondForManySecondsStepsAndStaysExact() {
        // The 1/s case: every view in a new second, one arrival each, a loss now and then.
        SecondCounts.Scratch scratch = new SecondCounts.Scratch();
        SecondCounts ring = new SecondCounts(900);
        for (long s = T0; s < T0 + 2000; s++) {
            ring.addReceived(s, 1);
            if (s % 97 == 0) {
                ring.addLost(s, 2);
            }
            byte[] strip = ring.view(s, scratch);
            byte[] expected = new byte[SecondCounts.STRIP];
            assertArrayEquals(summedAfresh(ring, s, expected), kept(scratch));
            assertArrayEquals(expected, strip);
            strip = ring.view(s + 1, scratch); // the slide a second later, before its arrival
            assertArrayEquals(summedAfresh(ring, s + 1, expected), kept(scratch));
            assertArrayEquals(expected, strip);
        }
        assertEquals(299, scratch.received300, "the slide's view: the new second has nothing yet");
        assertEquals(59, scratch.received60);
        assertEquals(9, scratch.received10);
    }

    /** The value each (session, seq) carries in the stream below: numbers of several shapes, strings, booleans. */
    private static void value(Update u, int source, int session, long seq) {
        long h = (source * 31L + session) * 1_000_003L + seq;
        switch (source % 6) {
            case 0 -> u.number(h % 1000 / 100.0);
            case 1 -> u.number(h % 7 - 3);
            case 2 -> u.number(h % 2 == 0 ? 1e20 * (h % 5) : -0.000123 * (h % 11));
            case 3 -> u.number(Double.longBitsToDouble(0x3ff0000000000000L + h * 0x9E3779B97F4A7C15L % (1L << 52)));
            case 4 -> u.string("s" + h % 13);
            default -> u.bool(h % 2 == 0);
        }
    }

    private static String valueText(int source, int session, long seq) {
        Update u = new Update();
        value(u, source, session, seq);
        return u.displayValue(); // the text the tracker gave every view before it left numbers to the view
    }

    @Test
    void trackerViewsEqualTheirHistorySummedAfreshAndTheValueAsSent() {
        InetSocketAddress sender = new InetSocketAddress("10.0.0.1", 5000);
        int compared = 0;
        for (int seed = 0; seed < 6; seed++) {
            SplittableRandom r = new SplittableRandom(100 + seed);
            Tracker tracker = new Tracker(TrackerConfig.defaults());
            int sources = 12;
            long[] seq = new long[sources];
            int[] session = new int[sources];
            long now = T0 * 1000;
            Update u = new Update();
            long published = -1;
            for (int op = 0; op < 20_000; op++) {
                int kind = r.nextInt(1000);
                if (kind < 600) {
                    int i = r.nextInt(sources);
                    long n;
                    int shape = r.nextInt(100);
                    if (shape < 80) {
                        n = ++seq[i]; // in order
                    } else if (shape < 88) {
                        seq[i] += 2 + r.nextInt(4); // loss
                        n = seq[i];
                    } else if (shape < 95) {
                        n = Math.max(0, seq[i] - r.nextInt(6)); // late or duplicate
                    } else if (shape < 98) {
                        session[i]++; // a restart: a new session from 0
                        seq[i] = 0;
                        n = 0;
                    } else {
                        seq[i] = r.nextInt(3); // a restart without a session: far below the highest
                        n = seq[i];
                        if (n == 0) {
                            seq[i] = n = 1;
                        }
                    }
                    u.clear();
                    u.src("s" + i).seq(n).session("run-" + session[i]);
                    value(u, i, session[i], n);
                    // Now and then it arrives stamped in an older second (the arrival clock stepping back).
                    long arrival = r.nextInt(40) == 0 ? now - 1 - r.nextInt(4000) : now;
                    tracker.apply(u, sender, arrival);
                } else if (kind < 900) {
                    now += r.nextInt(400);
                } else if (kind < 905) {
                    now += 301_000 + r.nextInt(400_000); // silence longer than the windows
                } else {
                    long at = kind < 910 ? now - r.nextInt(3000) : now;
                    TrackerSnapshot snap = tracker.snapshot(at);
                    if (snap.version() == published) {
                        continue; // nothing changed: the last snapshot, made at another time
                    }
                    published = snap.version();
                    for (int id = 0; id < snap.sourceCount(); id++) {
                        SourceView v = snap.source(id);
                        if (v.version() == snap.version()) {
                            compareWithHistory(tracker, v, at, "seed " + seed + " op " + op);
                            compared++;
                        }
                    }
                }
            }
        }
        assertTrue(compared > 20_000, "views compared: " + compared);
    }

    private static void compareWithHistory(Tracker tracker, SourceView v, long at, String where) {
        SourceHistory h = tracker.history(v.src(), at);
        int n = h.receivedPerSecond().length;
        assertEquals(h.endSecond(), v.stripEndSecond(), where);
        byte[] strip = new byte[SourceView.STRIP_SECONDS];
        long[] sums = new long[7];
        for (int k = 0; k < 300; k++) {
            int i = n - 1 - k;
            addSecond(sums, strip, k, h.receivedPerSecond()[i], h.lostPerSecond()[i], h.latePerSecond()[i]);
        }
        assertArrayEquals(strip, v.strip(), where + " " + v.src());
        assertArrayEquals(sums, new long[] {Math.round(v.ratePerSecond() * 10), v.received1m(), v.lost1m(),
                v.late1m(), v.received5m(), v.lost5m(), v.late5m()}, where + " " + v.src());
        assertEquals(sums[0] / 10.0, v.ratePerSecond(), where);
        int source = Integer.parseInt(v.src().substring(1));
        int session = Integer.parseInt(v.session().substring(4));
        assertEquals(valueText(source, session, v.highest()), v.value(), where + " " + v.src());
        assertEquals(v.valueKind() == ValueKind.NUMBER ? Update.formatNumber(v.number()) : v.value(), v.value());
    }

    @Test
    void successiveViewsShareTheStripUntilItChanges() {
        Feed f = new Feed();
        f.seqs("s", 0);
        SourceView a = f.tracker.snapshot(f.now).source(0);
        f.seqs("s", 1); // the same second: still "received"
        SourceView b = f.tracker.snapshot(f.now).source(0);
        assertTrue(b.version() > a.version());
        assertSame(a.strip(), b.strip());
        f.now += 1000;
        SourceView c = f.tracker.snapshot(f.now).source(0); // the slide: the strip moves one second left
        assertNotSame(b.strip(), c.strip());
        assertEquals(1, b.strip()[59]);
        assertEquals(1, c.strip()[58]);
        assertEquals(0, c.strip()[59]);
    }

    @Test
    void successiveViewsShareWhatIsAboutTheSourceUntilSomethingOfItChanges() {
        Feed f = new Feed();
        f.json("{\"v\":1,\"src\":\"s\",\"seq\":0,\"value\":1.5,\"unit\":\"bar\",\"interval\":1000}");
        SourceView a = f.tracker.snapshot(f.now).source(0);
        f.now += 100;
        // A new String of the same unit, a new value: the view is new, what is about the source is not.
        f.json("{\"v\":1,\"src\":\"s\",\"seq\":1,\"value\":1.6,\"unit\":\"" + "ba" + "r\",\"interval\":1000}");
        SourceView b = f.tracker.snapshot(f.now).source(0);
        assertNotSame(a, b);
        assertEquals("1.6", b.value());
        assertSame(a.about(), b.about());
        f.now += 100;
        f.json("{\"v\":1,\"src\":\"s\",\"seq\":2,\"value\":1.7,\"unit\":\"kPa\",\"interval\":1000}");
        SourceView c = f.tracker.snapshot(f.now).source(0);
        assertNotSame(b.about(), c.about());
        assertEquals("bar", b.unit());
        assertEquals("kPa", c.unit());
        f.now += 100;
        f.json("{\"v\":1,\"src\":\"s\",\"seq\":3,\"value\":1.8,\"unit\":\"kPa\",\"interval\":500}");
        SourceView d = f.tracker.snapshot(f.now).source(0);
        assertEquals(1000, c.interval());
        assertEquals(500, d.interval());
        f.now += 100;
        f.json("{\"v\":1,\"src\":\"s\",\"seq\":4,\"value\":1.9,\"unit\":\"kPa\",\"interval\":500}",
                new InetSocketAddress("127.0.0.2", 40001)); // a second sender claims it
        SourceView e = f.tracker.snapshot(f.now).source(0);
        assertEquals("127.0.0.1:40000", d.sender());
        assertEquals("127.0.0.2:40001", e.sender());
        assertEquals("127.0.0.1:40000", e.otherSender());
        assertTrue(e.conflict(f.now));
        assertEquals(0, e.id());
        assertEquals("s", e.src());
        assertEquals("json", e.protocol());
    }

    @Test
    void aNumbersTextIsMadeByTheViewAsTheTrackerMadeIt() {
        Tracker t = new Tracker(TrackerConfig.defaults());
        double[] numbers = {21.5, 3.0, -0.0, 1e20, 0.1 + 0.2, 123456789012345.0, 1e15, Double.NaN};
        String[] texts = {"21.5", "3", "0", "1.0E20", "0.30000000000000004", "123456789012345", "1.0E15", "NaN"};
        for (int k = 0; k < numbers.length; k++) {
            Update u = new Update().src("n" + k).seq(0).number(numbers[k]);
            t.apply(u, null, T0 * 1000);
        }
        TrackerSnapshot snap = t.snapshot(T0 * 1000);
        for (int k = 0; k < numbers.length; k++) {
            assertEquals(texts[k], snap.source(k).value(), "the view of " + numbers[k]);
        }
    }
}
