package org.gapwatch.track;

import org.gapwatch.protocol.Reason;

/** One rejected datagram or update as the UI lists it: when, from whom, why, and how it began. */
public record InvalidSample(long millis, String sender, Reason reason, String src, String preview) {
}
