package org.gapwatch.ui.feed;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Where the monitor's datagrams come from, as the window sees it: what is joined, and changing it live. */
public interface Feed extends AutoCloseable {

    /**
     * @param bufferWarning non-null when the kernel granted less receive buffer than asked for
     * @param socketDrops   datagrams dropped at this machine's sockets, or -1 when unknown
     * @param loopProblem   null, or "processing stopped: REASON", "processing stalled: ...", "socket stopped: ..."
     * @param notJoined     one line per group not joined now ("239.1.2.3:5000 not joined: REASON, retrying")
     */
    record Status(List<String> groups, String networkInterface, String bufferWarning, long socketDrops,
                  String loopProblem, List<String> notJoined) {
        public Status {
            notJoined = List.copyOf(notJoined);
        }

        /** A feed whose loops all run and whose groups are all joined. */
        public Status(List<String> groups, String networkInterface, String bufferWarning, long socketDrops) {
            this(groups, networkInterface, bufferWarning, socketDrops, null, List.of());
        }
    }

    Status status();

    /** Joins {@code ADDRESS:PORT[@SOURCE]}; completes exceptionally with a one-line reason. Never blocks. */
    CompletableFuture<Void> join(String group);

    CompletableFuture<Void> leave(String group);

    /** Moves every membership to another interface (null: the system's choice). */
    CompletableFuture<Void> switchInterface(String networkInterface);

    @Override
    void close();

    /** A feed with nothing joined: the window still runs, e.g. driven by a test's own writer. */
    static Feed none() {
        return new Feed() {
            @Override
            public Status status() {
                return new Status(List.of(), "none", null, -1);
            }

            @Override
            public CompletableFuture<Void> join(String group) {
                return CompletableFuture.failedFuture(new IllegalArgumentException("this window has no network feed"));
            }

            @Override
            public CompletableFuture<Void> leave(String group) {
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public CompletableFuture<Void> switchInterface(String networkInterface) {
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public void close() {
            }
        };
    }
}
