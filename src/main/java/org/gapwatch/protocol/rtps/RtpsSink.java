package org.gapwatch.protocol.rtps;

/**
 * Receives the submessages {@link RtpsReader#read} finds that matter for accounting, in datagram order. The view is
 * valid during the call only. The others (ACKNACK, NACK_FRAG, HEARTBEAT_FRAG, PAD, INFO_REPLY...) are skipped and
 * counted by the reader.
 */
public interface RtpsSink {
    /** A DATA or DATA_FRAG submessage ({@link Submessage#kind()} tells which). */
    default void data(Submessage s) {
    }

    default void heartbeat(Submessage s) {
    }

    default void gap(Submessage s) {
    }
}
