package org.gapwatch.testutil;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import javafx.application.Platform;

/**
 * The tests' one way to wait: poll a condition until it holds, failing with what was awaited once a deadline
 * passes. Never a sleep that guesses how long something takes. {@link #fx} and {@link #fxValue} poll on the FX
 * thread; the others on the calling thread.
 */
public final class Await {
    /** How long a condition may take: generous, since two cores are shared with other builds. */
    public static final Duration TIMEOUT = Duration.ofSeconds(15);
    /** The polling interval of a wait with a deadline, not a guess at how long something takes. */
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    /** A condition that may throw (reading a file, asking the FX thread). */
    @FunctionalInterface
    public interface Condition {
        boolean holds() throws Exception;
    }

    /** A value that is null until it is there. */
    @FunctionalInterface
    public interface Probe<T> {
        T get() throws Exception;
    }

    private Await() {
    }

    public static void until(String what, Condition condition) {
        until(TIMEOUT, () -> what, condition);
    }

    /** With a description made when the wait fails, so it can say what was seen last. */
    public static void until(Supplier<String> what, Condition condition) {
        until(TIMEOUT, what, condition);
    }

    public static void until(Duration timeout, Supplier<String> what, Condition condition) {
        value(timeout, what, () -> condition.holds() ? Boolean.TRUE : null);
    }

    /** Waits for a non-null value and returns it. */
    public static <T> T value(String what, Probe<T> probe) {
        return value(TIMEOUT, () -> what, probe);
    }

    public static <T> T value(Supplier<String> what, Probe<T> probe) {
        return value(TIMEOUT, what, probe);
    }

    public static <T> T value(Duration timeout, Supplier<String> what, Probe<T> probe) {
        T v = poll(timeout, what, probe);
        if (v == null) {
            throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what.get());
        }
        return v;
    }

    /** True once the condition holds, false if it does not within the timeout: for waits that may give up. */
    public static boolean within(Duration timeout, Condition condition) {
        return poll(timeout, () -> "a condition", () -> condition.holds() ? Boolean.TRUE : null) != null;
    }

    /** The probe's first non-null value, or null once the timeout has passed. */
    private static <T> T poll(Duration timeout, Supplier<String> what, Probe<T> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            T v;
            try {
                v = probe.get();
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Exception e) {
                throw new AssertionError("while waiting for " + what.get(), e);
            }
            if (v != null || System.nanoTime() - deadline > 0) {
                return v;
            }
            LockSupport.parkNanos(POLL_NANOS);
            if (Thread.currentThread().isInterrupted()) {
                throw new AssertionError("interrupted while waiting for " + what.get());
            }
        }
    }

    /** Polls the condition on the FX thread. */
    public static void fx(String what, Condition condition) {
        until(what, () -> onFx(condition::holds));
    }

    /** Polls on the FX thread for a non-null value. */
    public static <T> T fxValue(String what, Probe<T> probe) {
        return value(what, () -> onFx(probe::get));
    }

    public static <T> T onFx(Callable<T> c) {
        if (Platform.isFxApplicationThread()) {
            try {
                return c.call();
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(c.call());
            } catch (Exception | AssertionError e) {
                f.completeExceptionally(e);
            }
        });
        try {
            return f.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            StringBuilder sb = new StringBuilder("FX thread busy:");
            Thread.getAllStackTraces().forEach((t, st) -> {
                if (t.getName().contains("JavaFX Application")) {
                    for (StackTraceElement el : st) {
                        sb.append("\n    at ").append(el);
                    }
                }
            });
            throw new AssertionError(sb.toString(), e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof AssertionError a) {
                throw a;
            }
            throw new AssertionError(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
