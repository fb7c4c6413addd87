package org.gapwatch.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.gapwatch.track.TrackerConfig;
import org.junit.jupiter.api.Test;

/** Queries reach an engine only while a writer drives it; otherwise they fail at once with the reason. */
class EngineLifecycleTest {
    private final Engine engine = new Engine(TrackerConfig.defaults());

    private static String failure(CompletableFuture<?> f) {
        assertTrue(f.isDone(), "completed at once");
        return assertThrows(ExecutionException.class, f::get).getCause().getMessage();
    }

    @Test
    void aNeverStartedEngineRefusesQueriesAndTasksAtOnce() {
        assertFalse(engine.running());
        assertEquals("engine not started: no receiver or replay drives it", failure(engine.query(t -> 1)));
        assertEquals("engine not started: no receiver or replay drives it", failure(engine.execute(() -> { })));
    }

    @Test
    void aStartedEngineRunsQueriesAtItsBatchBoundaryAndAFailingOneLeavesTheOthersAlone() throws Exception {
        int[] wakeups = {0};
        engine.start(() -> wakeups[0]++);
        CompletableFuture<Integer> bad = engine.query(t -> {
            throw new IllegalStateException("query bug");
        });
        CompletableFuture<Integer> good = engine.query(t -> t.sourceCount() + 7);
        assertFalse(good.isDone());
        engine.afterBatch(1_000);
        assertEquals("query bug", failure(bad));
        assertEquals(7, good.get());
        assertEquals(2, wakeups[0]);
    }

    @Test
    void closingFailsWhatIsQueuedAndEverythingAfterAndCannotBeUndone() {
        engine.start(() -> { });
        CompletableFuture<Integer> queued = engine.query(t -> 1);
        engine.close("receiver closed");
        engine.close("a later reason is not kept");
        assertEquals("engine closed: receiver closed", failure(queued));
        assertEquals("engine closed: receiver closed", failure(engine.query(t -> 1)));
        assertFalse(engine.running());
        assertThrows(IllegalStateException.class, () -> engine.start(() -> { }));
    }
}
