package org.gapwatch.protocol;

/** What an update's {@code value} field held. */
public enum ValueKind {
    ABSENT, NULL, NUMBER, STRING, BOOLEAN
}
