package org.gapwatch.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.gapwatch.engine.Engine;
import org.gapwatch.fault.ErrorLog;
import org.gapwatch.fault.Faults;
import org.gapwatch.judge.Judgement;
import org.gapwatch.track.TrackerConfig;
import org.gapwatch.track.TrackerSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Another engine shown (a replay's): nothing built for the engine before may answer for it, not even a round that
 * began before the switch and publishes after it. The index by name is what a selection by name asks: a live id
 * there made the replay's selection drop (GoToMomentTest failed so: selected null, the replay having the source).
 */
class ViewModelsSwitchTest {
    @TempDir
    java.nio.file.Path dir;

    private static TrackerSnapshot snapshotWith(String... names) {
        Engine e = new Engine(TrackerConfig.defaults());
        long seq = 1;
        for (String n : names) {
            byte[] b = ("{\"src\":\"" + n + "\",\"seq\":" + seq++ + ",\"value\":1}").getBytes(StandardCharsets.UTF_8);
            e.datagram(b, 0, b.length, null, 1_000);
        }
        e.publish(1_000);
        return e.snapshot();
    }

    @Test
    void aRoundBegunForTheEngineBeforeASwitchLeavesNothingOfItAfterIt() {
        TrackerSnapshot live1 = snapshotWith("plant/a");
        TrackerSnapshot live2 = snapshotWith("plant/a", "plant/b");
        TrackerSnapshot replay = TrackerSnapshot.empty();
        Faults faults = new Faults(new ErrorLog(dir.resolve("errors.log"), line -> { }, java.time.InstantSource.system()));
        ViewModels[] vm = new ViewModels[1];
        boolean[] switchNow = new boolean[1];
        Supplier<TrackerSnapshot> liveFeed = () -> {
            if (switchNow[0]) {
                switchNow[0] = false;
                vm[0].switchTo(() -> replay, Judgement::empty, () -> 1_000); // the switch, mid-round
                return live2;
            }
            return live1;
        };
        vm[0] = new ViewModels(liveFeed, Judgement::empty, () -> 1_000, faults);
        vm[0].step();
        assertEquals(0, vm[0].index().idOf("plant/a"), "live: indexed");

        switchNow[0] = true;
        vm[0].step(); // began for the live engine, builds live2's index, publishes it after the switch
        assertEquals(-1, vm[0].index().idOf("plant/b"), "the live round's index does not answer for the replay");
        assertEquals(-1, vm[0].index().idOf("plant/a"));
        assertEquals(0, vm[0].index().size(), "the empty index");
        vm[0].step(); // the replay's own round
        assertEquals(-1, vm[0].index().idOf("plant/a"), "the replay has no source yet");
    }
}
