package org.gapwatch.fault;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The fault boundary of a set of worker loops (a receiver's, a replay's, a recorder's): it makes the
 * {@link LoopRunner}s, counts and logs what they survive, and tells listeners when one stops or stalls, so that a
 * dead loop is said on screen and by {@code listen} instead of leaving tiles to go stale in silence.
 */
public final class Faults {
    private final ErrorLog log;
    private final List<LoopRunner> runners = new CopyOnWriteArrayList<>();
    private final List<Consumer<LoopHealth>> listeners = new CopyOnWriteArrayList<>();

    public Faults(ErrorLog log) {
        this.log = log;
    }

    /** Faults logged to the default file ({@link ErrorLog#defaultFile()}) and to {@code echo}. */
    public static Faults toDefaultLog(Consumer<String> echo) {
        return new Faults(new ErrorLog(ErrorLog.defaultFile(), echo, java.time.InstantSource.system()));
    }

    public ErrorLog log() {
        return log;
    }

    /** A loop named {@code name} (one word: "socket", "processing", "recorder"...) that runs {@code duty}. */
    public LoopRunner runner(String name, Duty duty, Idle idle) {
        LoopRunner r = new LoopRunner(name, duty, idle, this);
        runners.add(r);
        return r;
    }

    /** Called with a loop's health whenever its state changes (on the loop's own thread, or the watcher's). */
    public void onChange(Consumer<LoopHealth> listener) {
        listeners.add(listener);
    }

    /** Every loop's health now. */
    public List<LoopHealth> health() {
        List<LoopHealth> out = new ArrayList<>(runners.size());
        for (LoopRunner r : runners) {
            out.add(r.health());
        }
        return out;
    }

    /** The first loop that stopped by itself or stalled, or null when all run. */
    public LoopHealth firstFailing() {
        for (LoopRunner r : runners) {
            LoopHealth h = r.health();
            if (h.failing()) {
                return h;
            }
        }
        return null;
    }

    /** Errors survived by all loops together. */
    public long errors() {
        long n = 0;
        for (LoopRunner r : runners) {
            n += r.health().errors();
        }
        return n;
    }

    void error(String loop, Throwable t) {
        log.log(loop, t);
    }

    void changed(LoopHealth h) {
        for (Consumer<LoopHealth> l : listeners) {
            try {
                l.accept(h);
            } catch (RuntimeException e) {
                log.log("fault-listener", e);
            }
        }
    }
}
