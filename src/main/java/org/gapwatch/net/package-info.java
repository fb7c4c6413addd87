/** Multicast sockets, membership, the receive loop, socket-drop counters; the publisher. */
package org.gapwatch.net;
