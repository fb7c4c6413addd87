package org.gapwatch.protocol.sacn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The incremental arbiter answers exactly as a recomputation from all sources does, at every step of a random
 * stream: priorities that change (ties at the top on purpose), preview, Stream_Terminated and coming back, silences
 * past the 2.5 s timeout, time that goes back (a capture out of order) for packets and for questions, and
 * {@code expire}. The clock is the test's.
 */
class UniverseArbiterRandomTest {
    private static final long MS = 1_000_000L;
    private static final int[] PRIORITIES = {0, 100, 100, 150, 150, 200};

    /** The arbiter as it was: every question looks at all the universe's sources. */
    private static final class BruteForce {
        final Map<Integer, List<UniverseArbiter.Source>> universes = new HashMap<>();

        void offer(int universe, long cidHigh, long cidLow, String name, int priority, boolean preview,
                   boolean terminated, long now) {
            List<UniverseArbiter.Source> list = universes.computeIfAbsent(universe, u -> new ArrayList<>());
            UniverseArbiter.Source s = new UniverseArbiter.Source(cidHigh, cidLow, name, priority, preview,
                    terminated, now);
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i).cidHigh() == cidHigh && list.get(i).cidLow() == cidLow) {
                    list.set(i, s);
                    return;
                }
            }
            list.add(s);
        }

        List<UniverseArbiter.Source> top(int universe, long now) {
            List<UniverseArbiter.Source> out = new ArrayList<>();
            int best = -1;
            for (UniverseArbiter.Source s : universes.getOrDefault(universe, List.of())) {
                if (s.terminated() || s.preview()
                        || now - s.lastNanos() > UniverseArbiter.NETWORK_DATA_LOSS_TIMEOUT_NANOS) {
                    continue;
                }
                if (s.priority() > best) {
                    out.clear();
                    best = s.priority();
                }
                if (s.priority() == best) {
                    out.add(s);
                }
            }
            return out;
        }

        int expire(long now, long olderThan) {
            int n = 0;
            for (List<UniverseArbiter.Source> list : universes.values()) {
                int before = list.size();
                list.removeIf(s -> now - s.lastNanos() > olderThan);
                n += before - list.size();
            }
            universes.values().removeIf(List::isEmpty);
            return n;
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void answersAsARecomputationAtEveryStep(long seed) {
        Random r = new Random(seed);
        UniverseArbiter a = new UniverseArbiter();
        BruteForce b = new BruteForce();
        long now = 1_000_000 * MS;
        int conflicts = 0, winners = 0, nobody = 0, backInTime = 0, expired = 0;
        for (int step = 0; step < 20_000; step++) {
            int kind = r.nextInt(100);
            if (kind < 2) {
                now += (2000 + r.nextInt(2000)) * MS; // a silence: sources time out
            } else if (kind < 70) {
                now += r.nextInt(200) * MS;
            }
            int universe = 1 + r.nextInt(2);
            int cid = r.nextInt(10);
            if (kind < 90) {
                long heard = r.nextInt(100) < 3 ? now - r.nextInt(3000) * MS : now; // a packet from the past
                int priority = r.nextInt(10) == 0 ? r.nextInt(201) : PRIORITIES[r.nextInt(PRIORITIES.length)];
                boolean preview = r.nextInt(12) == 0;
                boolean terminated = r.nextInt(12) == 0;
                String name = "desk " + cid + (r.nextInt(50) == 0 ? " renamed" : "");
                a.offer(universe, 7, cid, name, priority, preview, terminated, heard);
                b.offer(universe, 7, cid, name, priority, preview, terminated, heard);
            } else if (kind == 99) {
                long olderThan = r.nextInt(4000) * MS;
                int n = a.expire(now, olderThan);
                assertEquals(b.expire(now, olderThan), n, "step " + step);
                expired += n;
            }
            for (int u = 1; u <= 3; u++) {
                long asked = r.nextInt(100) < 2 ? now - r.nextInt(4000) * MS : now; // a question about the past
                backInTime += asked != now ? 1 : 0;
                List<UniverseArbiter.Source> expected = b.top(u, asked);
                String at = "step " + step + ", universe " + u;
                assertEquals(new HashSet<>(expected), new HashSet<>(a.top(u, asked)), at);
                assertEquals(expected.size(), a.topCount(u, asked), at);
                assertEquals(expected.isEmpty() ? -1 : expected.get(0).priority(), a.topPriority(u, asked), at);
                UniverseArbiter.Source w = expected.size() == 1 ? expected.get(0) : null;
                assertEquals(w, a.winner(u, asked), at);
                assertEquals(w == null ? null : w.name(), a.winnerName(u, asked), at);
                assertEquals(w != null && w.cidLow() == cid, a.wins(u, 7, cid, asked), at);
                assertEquals(expected.size() > 1, a.conflict(u, asked), at);
                assertEquals(b.universes.getOrDefault(u, List.of()), a.sources(u), at);
                conflicts += expected.size() > 1 ? 1 : 0;
                winners += expected.size() == 1 ? 1 : 0;
                nobody += expected.isEmpty() ? 1 : 0;
            }
        }
        // The stream went through every case, so the equality above was tried on each.
        assertTrue(conflicts > 1000 && winners > 1000 && nobody > 1000 && backInTime > 500 && expired > 0,
                conflicts + " conflicts, " + winners + " winners, " + nobody + " nobody, " + backInTime
                        + " back in time, " + expired + " expired");
    }
}
