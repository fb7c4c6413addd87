package org.gapwatch.ui.alarm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.ZoneId;
import java.util.List;
import org.gapwatch.judge.Cause;
import org.gapwatch.judge.Episode;
import org.junit.jupiter.api.Test;

class EpisodeBannerTextTest {
    private static final ZoneId UTC = ZoneId.of("UTC");

    @Test
    void anEpisodeOfSocketDropsBeforeAnySourceLostSaysSoInsteadOfFailing() {
        // Seen in --bench-ui at 100,000 sources: the socket dropped before any source counted a gap, and the
        // banner's "first:" threw on the empty list every pulse.
        Episode e = new Episode(1, 3_600_000, -1, Cause.THIS_MACHINE, "socket drops", List.of(), 0, 40);
        assertEquals("since 01:00:00 · for 12 s · 40 socket drops · no source has lost yet",
                EpisodeBanner.details(e, 3_612_000, UTC));
    }

    @Test
    void anEndedEpisodeNamesItsFirstSource() {
        Episode e = new Episode(2, 3_600_000, 3_725_000, Cause.ONE_GROUP, "", List.of("a/b", "c/d"), 7, -1);
        assertEquals("since 01:00:00 · lasted 2 min 5 s · ended 01:02:05 · socket drops unknown · first: a/b",
                EpisodeBanner.details(e, 4_000_000, UTC));
    }
}
