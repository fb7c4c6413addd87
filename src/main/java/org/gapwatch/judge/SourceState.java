package org.gapwatch.judge;

import java.util.Locale;

/**
 * What the operator is told about a source, worst first. Our own findings (stale, conflict) rank above the
 * publisher's status word, because a stale value's status word is not to be believed; loss ranks below a publisher
 * that says alarm or fault, and above one that only warns.
 */
public enum SourceState {
    /** No update within its staleness time (docs/protocol.md, Staleness). */
    STALE("STALE"),
    /**
     * The source said it stopped ({@code Update.ended}: sACN Stream_Terminated); ranks above stale because silence
     * after it is expected. Not an alarm. JSON v1 has no word for it.
     */
    ENDED("ENDED"),
    /** Two senders claim the source within its staleness time. */
    CONFLICT("CONFLICT"),
    /** The publisher reports {@code fault}. */
    FAULT("FAULT"),
    /** The publisher reports {@code alarm}. */
    ALARM("ALARM"),
    /** Loss over the loss window at or above the "badly losing" level. */
    BADLY_LOSING("LOSS"),
    /** Loss over the loss window at or above the "losing" level. */
    LOSING("LOSS"),
    /** Its sender sent an invalid update naming it within the last minute. */
    INVALID_INPUT("INVALID"),
    /** The publisher reports {@code warn}. */
    WARN("WARN"),
    /** Nothing wrong that Gapwatch can see. */
    OK("OK");

    private final String word;

    SourceState(String word) {
        this.word = word;
    }

    /** The short word a tile or table cell shows. */
    public String word() {
        return word;
    }

    /** The name in JSON reports: {@code ok}, {@code losing}, {@code badly-losing}, {@code invalid-input}... */
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public boolean isLoss() {
        return this == LOSING || this == BADLY_LOSING;
    }

    /** Worth showing under "problems only": everything but OK and WARN. */
    public boolean isProblem() {
        return this != OK && this != WARN;
    }
}
