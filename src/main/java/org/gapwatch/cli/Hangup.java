package org.gapwatch.cli;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import sun.misc.Signal;

/**
 * SIGHUP, the service manager's "reload" ({@code systemctl reload}): runs an action on a thread of its own, one
 * at a time, never on the JVM's signal thread. Java has no public API for signals other than the shutdown ones, so
 * this uses jdk.unsupported's {@code sun.misc.Signal}, the supported way for exactly this.
 */
final class Hangup {
    private Hangup() {
    }

    static void onSignal(Runnable action) {
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "gapwatch-reload");
            t.setDaemon(true);
            return t;
        });
        Signal.handle(new Signal("HUP"), s -> worker.execute(action));
    }
}
