package org.gapwatch.net;

import java.util.List;

/**
 * What to join and how.
 *
 * @param networkInterface name or address of the interface to join on; null for the system's choice
 * @param receiveBufferBytes SO_RCVBUF to ask for; the kernel may grant less (see {@link ReceiverStatus})
 */
public record ReceiverConfig(List<GroupSpec> groups, String networkInterface, int receiveBufferBytes) {
    public static final int DEFAULT_RECEIVE_BUFFER = 16 << 20;

    public ReceiverConfig {
        groups = List.copyOf(groups);
    }

    public ReceiverConfig(List<GroupSpec> groups, String networkInterface) {
        this(groups, networkInterface, DEFAULT_RECEIVE_BUFFER);
    }
}
