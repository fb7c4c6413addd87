package org.gapwatch.export;

import org.gapwatch.track.SourceView;

/**
 * The {@code protocol} and {@code group} labels of a source's series. The tracker does not yet know the protocol
 * a source speaks nor the multicast group it arrived on, so the default says {@code json} (the only wire format
 * today) and takes the group as the desktop does: the first level of {@code src}. When the protocol seam lands,
 * an implementation that reads both from the source's view replaces {@link #DEFAULT}.
 */
public interface SourceLabels {
    SourceLabels DEFAULT = new SourceLabels() {
        @Override
        public String protocol(SourceView v) {
            return "json";
        }

        @Override
        public String group(SourceView v) {
            return v.group();
        }
    };

    String protocol(SourceView v);

    String group(SourceView v);
}
