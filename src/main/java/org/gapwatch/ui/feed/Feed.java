package org.gapwatch.ui.feed;

import java.util.List;

/** Where the monitor's datagrams come from, as the window sees it: what is joined, and changing it live. */
public interface Feed extends AutoCloseable {

    /**
     * @param bufferWarning non-null when the kernel granted less receive buffer than asked for
     * @param socketDrops   datagrams dropped at this machine's sockets, or -1 when unknown
     */
    record Status(List<String> groups, String networkInterface, String bufferWarning, long socketDrops) {
    }

    Status status();

    /** Joins {@code ADDRESS:PORT[@SOURCE]}; throws IllegalArgumentException with a one-line reason. */
    void join(String group);

    void leave(String group);

    @Override
    void close();

    /** A feed with nothing joined: the window still runs, e.g. driven by a test's own writer. */
    static Feed none() {
        return new Feed() {
            @Override
            public Status status() {
                return new Status(List.of(), null, null, -1);
            }

            @Override
            public void join(String group) {
                throw new IllegalArgumentException("this window has no network feed");
            }

            @Override
            public void leave(String group) {
            }

            @Override
            public void close() {
            }
        };
    }
}
