package org.gapwatch.protocol;

/**
 * A protocol of the tests only (registered in the tests' META-INF/services), with default ports as PTP will have
 * (319 and 320): proves that a plug-in is found by the registry and that a spec may leave its port out.
 */
public final class DefaultPortsTestProtocol implements Protocol {
    @Override
    public String scheme() {
        return "x-test";
    }

    @Override
    public String description() {
        return "test protocol with default ports";
    }

    @Override
    public int[] defaultPorts() {
        return new int[] {319, 320};
    }

    @Override
    public ProtocolDecoder newDecoder(Subscription subscription) {
        DecodeResult r = new DecodeResult(1);
        return (data, off, len, port, nanos) -> {
            r.reset();
            r.next().src("x-test/" + subscription.label() + "/" + port).seq(0).protocol("x-test")
                    .lane(port).space(SequenceSpace.NONE);
            return r;
        };
    }
}
