package org.gapwatch.cli;

import java.io.PrintWriter;
import org.gapwatch.net.MulticastReceiver;
import tools.jackson.core.JsonGenerator;

/** Extra work around a {@code listen} run, such as recording to a capture file. */
interface ListenHooks {
    ListenHooks NONE = new ListenHooks() {
    };

    default void started(MulticastReceiver receiver, PrintWriter err) {
    }

    default void stopped(PrintWriter err) {
    }

    /** Adds this hook's properties to the final JSON summary (called after {@link #stopped}). */
    default void json(JsonGenerator g) {
    }
}
