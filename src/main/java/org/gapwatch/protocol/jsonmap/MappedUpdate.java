package org.gapwatch.protocol.jsonmap;

import org.gapwatch.protocol.Status;
import org.gapwatch.protocol.ValueKind;

/**
 * The fields a mapping found in one object; {@code reason} non-null when the object was not taken (the other
 * fields are then what was found before it). {@code seq} is -1 without a seq pointer, {@code ts} Long.MIN_VALUE
 * without a time, {@code interval} 0 without one (ms). A number value: {@code number}, and {@code string} its text
 * when a double does not hold it exactly (integers beyond 2^53); a string value: {@code string}.
 */
public record MappedUpdate(String src, long seq, ValueKind kind, double number, String string, boolean bool,
                           String unit, Status status, String statusText, long ts, long interval,
                           JsonMapReject reason) {
}
