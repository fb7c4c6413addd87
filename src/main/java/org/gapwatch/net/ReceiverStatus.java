package org.gapwatch.net;

import java.util.List;
import org.gapwatch.fault.LoopHealth;
import org.gapwatch.fault.LoopState;

/**
 * What the receiver can tell about itself, for the status bar and the CLI.
 *
 * @param groups         every configured group, joined or not
 * @param grantedBuffer  the receive buffer the kernel granted (as SO_RCVBUF reads back), or -1 before any socket
 * @param bufferWarning  null, or one line saying the buffer is capped and the sysctl that raises it
 * @param socketDrops    datagrams dropped by the kernel at our sockets, or -1 where that is unknown
 * @param receiveErrors  errors the receiver's loops survived (each distinct one is in the error log)
 * @param events         recent membership events (rejoins, errors), newest last
 * @param notJoined      one line per group not joined now: "239.1.2.3:5000 not joined: REASON, retrying"
 * @param loops          the health of the socket, processing and housekeeping loops
 * @param undelivered    datagrams taken from a socket but not tracked: the processing loop stopped, or closing
 *                       could not wait longer for it
 */
public record ReceiverStatus(List<String> groups, String interfaceName, long requestedBuffer, long grantedBuffer,
                             String bufferWarning, long socketDrops, long receiveErrors, List<String> events,
                             List<String> notJoined, List<LoopHealth> loops, long undelivered) {
    public ReceiverStatus {
        groups = List.copyOf(groups);
        events = List.copyOf(events);
        notJoined = List.copyOf(notJoined);
        loops = List.copyOf(loops);
    }

    /**
     * Null while every loop runs well; else one line for the first that does not: "processing stopped: REASON",
     * "processing stalled: REASON".
     */
    public String loopProblem() {
        for (LoopHealth h : loops) {
            if (h.failing()) {
                return h.name() + (h.state() == LoopState.STOPPED ? " stopped" : " stalled")
                        + (h.reason() != null ? ": " + h.reason() : "");
            }
        }
        return null;
    }
}
