package org.gapwatch.protocol.jsonmap;

/** A mapping file that cannot be used: the message is one line naming the file and the field. */
public final class MappingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MappingException(String file, String field, String problem) {
        super(file + ": " + field + ": " + problem);
    }
}
