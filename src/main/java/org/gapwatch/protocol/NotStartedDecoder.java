package org.gapwatch.protocol;

/**
 * The decoder of a subscription whose own could not be made (a jsonmap mapping that vanished or broke after it was
 * checked): every datagram to it is counted {@code subscription/not-started}, none is read as another protocol.
 */
public final class NotStartedDecoder implements ProtocolDecoder {
    /** The one reason it gives. */
    public enum Why implements Reason {
        NOT_STARTED;

        @Override
        public String code() {
            return "subscription/not-started";
        }

        @Override
        public String description() {
            return "the subscription's decoder could not be made (its mapping is missing or invalid)";
        }

        @Override
        public String protocol() {
            return "subscription";
        }

        @Override
        public boolean wholeDatagram() {
            return true;
        }
    }

    private final DecodeResult result = new DecodeResult(1);

    @Override
    public DecodeResult decode(byte[] data, int off, int len, int port, long arrivalNanos) {
        result.reset();
        result.reject(Why.NOT_STARTED);
        return result;
    }
}
