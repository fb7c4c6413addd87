package org.gapwatch.protocol.collectd;

/**
 * Receives what {@link CollectdReader#read} finds, in datagram order. The argument is a view over the reader's
 * state: valid during the call only (copy what must outlive it, e.g. with {@link ValueList#copyValues}).
 */
public interface CollectdSink {
    void valueList(ValueList values);

    void notification(Notification notification);
}
