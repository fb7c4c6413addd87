package org.gapwatch.net;

import java.util.List;

/**
 * What the receiver can tell about itself, for the status bar and the CLI.
 *
 * @param grantedBuffer  the receive buffer the kernel granted (as SO_RCVBUF reads back), or -1 before any socket
 * @param bufferWarning  null, or one line saying the buffer is capped and the sysctl that raises it
 * @param socketDrops    datagrams dropped by the kernel at our sockets, or -1 where that is unknown
 * @param events         recent membership events (rejoins, errors), newest last
 */
public record ReceiverStatus(List<String> groups, String interfaceName, long requestedBuffer, long grantedBuffer,
                             String bufferWarning, long socketDrops, long receiveErrors, List<String> events) {
    public ReceiverStatus {
        groups = List.copyOf(groups);
        events = List.copyOf(events);
    }
}
