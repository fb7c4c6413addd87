package org.gapwatch.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import org.gapwatch.capture.Recorder;
import org.gapwatch.net.MulticastReceiver;
import tools.jackson.core.JsonGenerator;

/**
 * {@code listen --record}: every received datagram goes to a pcap file through a {@link Recorder}, on its own
 * thread; a slow or failing disk costs the recording datagrams (counted: "recording dropped N"), never tracking.
 */
final class RecordingHooks implements ListenHooks {
    /** Longest wait for the file to open before joining, and for it to close before the summary. */
    static final Duration WAIT = Duration.ofSeconds(5);

    private final Recorder recorder;
    private volatile PrintWriter err;
    private boolean closedInTime = true;

    /** Opens the file now (on the recorder's thread), so a file that cannot be written is an error before joining. */
    RecordingHooks(Path file, long maxFileBytes, int keepFiles) throws IOException {
        this(file, Recorder.Options.defaults().withRotation(maxFileBytes, keepFiles));
    }

    RecordingHooks(Path file, Recorder.Options options) throws IOException {
        recorder = Recorder.start(file, options, this::stoppedByError);
        Recorder.Status s;
        try {
            s = recorder.awaitOpened(WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while opening " + file, e);
        }
        if (s.state() == Recorder.State.FAILED) {
            throw new IOException(s.stopReason());
        }
    }

    @Override
    public void started(MulticastReceiver receiver, PrintWriter err) {
        this.err = err;
        receiver.setTap(recorder);
        err.println("gapwatch: recording to " + recorder.file());
        err.flush();
    }

    @Override
    public void stopped(PrintWriter err) {
        recorder.close();
        try {
            closedInTime = recorder.awaitClosed(WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closedInTime = false;
        }
        err.println("gapwatch: " + finalLine());
    }

    /** "recorded N datagrams to FILE", then what was dropped and why it stopped, if anything was. */
    String finalLine() {
        Recorder.Status s = recorder.status();
        StringBuilder sb = new StringBuilder("recorded ").append(s.recorded()).append(" datagrams to ")
                .append(s.file());
        if (s.dropped() > 0) {
            sb.append("; recording dropped ").append(s.dropped());
        }
        if (s.stopCause() != null) {
            sb.append("; recording stopped: ").append(s.stopCause());
        }
        if (!closedInTime) {
            sb.append("; the file was still being written after ").append(WAIT.toSeconds())
                    .append(" s (counts so far)");
        }
        return sb.toString();
    }

    @Override
    public void json(JsonGenerator g) {
        Recorder.Status s = recorder.status();
        g.writeObjectPropertyStart("recording");
        g.writeStringProperty("file", s.file().toString());
        g.writeNumberProperty("recorded", s.recorded());
        g.writeNumberProperty("dropped", s.dropped());
        g.writeStringProperty("state", s.state().name().toLowerCase(java.util.Locale.ROOT));
        if (s.stopCause() == null) {
            g.writeNullProperty("stopped");
        } else {
            g.writeStringProperty("stopped", s.stopCause());
        }
        g.writeEndObject();
    }

    private void stoppedByError(String message) {
        PrintWriter e = err;
        if (e != null) {
            e.println("gapwatch: " + message + "; monitoring goes on");
            e.flush();
        }
    }
}
