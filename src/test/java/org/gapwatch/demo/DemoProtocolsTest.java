package org.gapwatch.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.gapwatch.net.GroupSpec;
import org.gapwatch.net.Loopback;
import org.gapwatch.track.SourceView;
import org.gapwatch.track.TrackerConfig;
import org.junit.jupiter.api.Test;

/** The demo shows at least one source of every protocol, received on loopback as the desktop receives it. */
class DemoProtocolsTest {
    @Test
    void everyProtocolHasASource() {
        List<GroupSpec> groups = DemoPublisher.GROUPS.stream().map(GroupSpec::parse).toList();
        try (Loopback lo = new Loopback(TrackerConfig.defaults(), groups);
             DemoPublisher demo = new DemoPublisher(5)) {
            lo.engine.setResources(org.gapwatch.files.MappingFiles::read);
            demo.start();
            Set<String> want = Set.of("json", "rtp", "mpegts", "ptp", "collectd", "sacn", "rtps", "jsonmap");
            var snap = lo.await(s -> protocols(s.sources()).containsAll(want), "a source of every protocol");
            assertEquals(0, snap.totals().invalid(), () -> "nothing the demo sends is invalid: " + snap.invalidByReason());
            assertEquals(1, snap.sources().stream().filter(v -> v.src().equals("north/boiler-1")).count(),
                    "the sensor gateway through the shipped mapping");
        }
    }

    private static Set<String> protocols(List<SourceView> sources) {
        Set<String> out = new TreeSet<>();
        sources.forEach(v -> out.add(v.protocol()));
        return out;
    }
}
