package org.gapwatch.capture;

import java.time.InstantSource;
import org.gapwatch.fault.ErrorLog;
import org.gapwatch.fault.Faults;

/** A fault boundary for a capture loop started on its own (a replay, a recording): errors go to the error log. */
final class CaptureFaults {
    private CaptureFaults() {
    }

    static Faults create(System.Logger log) {
        return new Faults(new ErrorLog(ErrorLog.defaultFile(), line -> log.log(System.Logger.Level.WARNING, line),
                InstantSource.system()));
    }
}
