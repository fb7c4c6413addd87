package org.gapwatch.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.gapwatch.protocol.SequenceSpace;
import org.gapwatch.protocol.Update;
import org.gapwatch.track.Tracker;
import org.gapwatch.track.TrackerConfig;
import org.junit.jupiter.api.Test;

/** The settings dialog offers what sources on the network offer: sACN discovery's universes, each once. */
class SettingsOffersTest {
    @Test
    void discoverySourcesOfferTheirUniversesOnce() {
        Tracker t = new Tracker(TrackerConfig.defaults());
        for (String src : List.of("sacn/discovery/desk", "sacn/discovery/backup")) {
            t.apply(new Update().src(src).protocol("sacn").space(SequenceSpace.NONE).text("universes 1-3,7"), null,
                    1000);
        }
        t.apply(new Update().src("sacn/discovery/wing").protocol("sacn").space(SequenceSpace.NONE)
                .text("universes 12"), null, 1000);
        t.apply(new Update().src("sacn/7/desk").protocol("sacn").space(SequenceSpace.SACN_8).seq(1)
                .text("priority 100"), null, 1000);
        t.apply(new Update().src("plant/a").seq(1).text("universes 5"), null, 1000);
        assertEquals(List.of("sacn://1-3,7", "sacn://12"), MonitorWindow.offers(t.snapshot(1000)));
    }
}
