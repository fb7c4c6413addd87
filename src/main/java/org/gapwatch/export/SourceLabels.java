package org.gapwatch.export;

import org.gapwatch.track.SourceView;

/**
 * The {@code protocol} and {@code group} labels of a source's series. {@link #DEFAULT} reads both from the source's
 * view: the protocol it speaks ({@code json}, {@code rtp}, ...) and the subscription it came on, as the group and
 * port its newest datagram was sent to ({@code 239.1.2.3:5000}). Where no datagram of the source said where it was
 * sent (a driver that does not say; the receiver and captures always do), {@code group} is empty, which Prometheus
 * treats as no label at all: absent rather than invented.
 */
public interface SourceLabels {
    SourceLabels DEFAULT = new SourceLabels() {
        @Override
        public String protocol(SourceView v) {
            return v.protocol() == null ? "json" : v.protocol();
        }

        @Override
        public String group(SourceView v) {
            return v.destination() == null ? "" : v.destination();
        }
    };

    String protocol(SourceView v);

    String group(SourceView v);
}
