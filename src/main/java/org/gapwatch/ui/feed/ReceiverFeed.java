package org.gapwatch.ui.feed;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.gapwatch.engine.Engine;
import org.gapwatch.net.GroupSpec;
import org.gapwatch.net.MulticastReceiver;
import org.gapwatch.net.ReceiverConfig;
import org.gapwatch.net.ReceiverStatus;

/** The live network feed: a {@link MulticastReceiver} driving the window's engine. */
public final class ReceiverFeed implements Feed {
    private final MulticastReceiver receiver;

    /** Opens the receiver on {@code networkInterface} (null: system default) with nothing joined yet, and starts it. */
    public ReceiverFeed(Engine engine, String networkInterface) {
        receiver = new MulticastReceiver(engine, new ReceiverConfig(List.of(), networkInterface));
        receiver.start();
    }

    public MulticastReceiver receiver() {
        return receiver;
    }

    @Override
    public Status status() {
        ReceiverStatus s = receiver.status();
        return new Status(s.groups(), s.interfaceName(), s.bufferWarning(), s.socketDrops(), s.loopProblem(),
                s.notJoined());
    }

    @Override
    public CompletableFuture<Void> join(String group) {
        try {
            return receiver.join(GroupSpec.parse(group));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public CompletableFuture<Void> leave(String group) {
        try {
            return receiver.leave(GroupSpec.parse(group));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public CompletableFuture<Void> switchInterface(String networkInterface) {
        try {
            return receiver.switchInterface(networkInterface);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Returns at once: the receiver finishes closing in the background (the FX thread calls this). */
    @Override
    public void close() {
        receiver.close();
    }
}
