package org.gapwatch.alarm;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayDeque;
import java.util.List;
import org.gapwatch.judge.Judge;
import org.gapwatch.testutil.Feed;
import org.junit.jupiter.api.Test;

/**
 * A model living on a thread of its own (the judge's): its readers see a result only once it was delivered to their
 * thread (the FX thread's queue, here a queue the test runs), listeners with it; the readers' actions wait for the
 * model's next round and show in the result published after it.
 */
class AlarmModelDeliveryTest {
    private static final long T0 = 1_800_000_000_000L;

    private final Feed feed = new Feed();
    private final Judge judge = new Judge();
    private final AlarmModel model = new AlarmModel();
    /** What the readers' thread has yet to run, in order. */
    private final ArrayDeque<Runnable> readersQueue = new ArrayDeque<>();

    private void deliver() {
        while (!readersQueue.isEmpty()) {
            readersQueue.removeFirst().run();
        }
    }

    @Test
    void readersSeeEachResultWhenDeliveredAndTheirActionsAfterTheModelsNextRound() {
        model.deliverOn(readersQueue::add);
        int[] heard = {0};
        model.addListener(() -> heard[0]++);
        feed.send(T0, "{\"src\":\"plant/a\",\"seq\":1,\"status\":\"fault\",\"ttl\":600000}");
        feed.send(T0, "{\"src\":\"plant/b\",\"seq\":1,\"status\":\"alarm\",\"ttl\":600000}");
        List<Alarm> raised = model.evaluate(judge.judge(feed.publish(T0 + 100), T0 + 100), T0 + 100);
        assertEquals(List.of("plant/a", "plant/b"), raised.stream().map(Alarm::src).toList());
        assertEquals(0, model.activeCount(), "not delivered yet: the readers still see the empty model");
        assertEquals(0, heard[0]);

        deliver();
        assertEquals(2, model.activeCount());
        assertEquals(2, model.unacknowledgedCount());
        assertEquals(1, heard[0]);
        long a = model.point("plant/a", AlarmKind.STATUS).id();

        long b = model.point("plant/b", AlarmKind.STATUS).id();
        // The readers' thread acts: one action handed over explicitly, one by calling the model's method.
        Thread readers = new Thread(() -> {
            model.perform(() -> model.acknowledge(a));
            model.shelve(b, T0 + 60_000);
        });
        readers.start();
        assertDoesNotThrow(() -> readers.join(5_000));
        deliver();
        assertEquals(2, model.unacknowledgedCount(), "the actions wait for the model's thread");

        model.runActions(); // the model's next round, on its thread (this one)
        assertEquals(2, model.unacknowledgedCount(), "and their result for the delivery");
        deliver();
        assertEquals(0, model.unacknowledgedCount());
        assertEquals(AlarmState.ACTIVE_ACKNOWLEDGED, model.point("plant/a", AlarmKind.STATUS).state());
        assertEquals(AlarmState.SHELVED, model.point("plant/b", AlarmKind.STATUS).state());
        assertEquals(3, heard[0], "once a change");
        assertNull(model.point("plant/c", AlarmKind.STATUS));
    }

    @Test
    void withoutAThreadOfItsOwnActionsRunAtOnce() {
        feed.send(T0, "{\"src\":\"plant/a\",\"seq\":1,\"status\":\"fault\",\"ttl\":600000}");
        model.evaluate(judge.judge(feed.publish(T0 + 100), T0 + 100), T0 + 100);
        long a = model.point("plant/a", AlarmKind.STATUS).id();
        model.perform(() -> model.acknowledge(a));
        assertEquals(0, model.unacknowledgedCount());
    }
}
