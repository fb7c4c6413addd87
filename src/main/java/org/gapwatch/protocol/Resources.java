package org.gapwatch.protocol;

/**
 * What a decoder may need from outside that the protocol layer does not read itself (it does no I/O): a jsonmap
 * subscription's mapping file. The layer that may do I/O (cli, settings, ui) implements it and hands it to the
 * engine, which passes it to {@link Protocol#newDecoder(Subscription, Resources)}.
 */
@FunctionalInterface
public interface Resources {
    /** Nothing to read: every request fails. */
    Resources NONE = (kind, name) -> {
        throw new IllegalArgumentException("no " + kind + " '" + name + "': nothing can be read here");
    };

    /**
     * The bytes of the {@code kind} ({@code mapping}) called {@code name}; IllegalArgumentException with one line
     * (naming it and why) when it cannot be read.
     */
    byte[] read(String kind, String name);
}
