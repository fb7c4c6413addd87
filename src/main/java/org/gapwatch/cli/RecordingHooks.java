package org.gapwatch.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.gapwatch.capture.PcapWriter;
import org.gapwatch.net.MulticastReceiver;

/** {@code listen --record}: every received datagram goes to a pcap file; a failing disk stops only the recording. */
final class RecordingHooks implements ListenHooks {
    private final PcapWriter writer;
    private volatile PrintWriter err;

    /** Opens the file now, so that a file that cannot be written is an error before anything is joined. */
    RecordingHooks(Path file, long maxFileBytes, int keepFiles) throws IOException {
        try {
            writer = new PcapWriter(file, maxFileBytes, keepFiles, this::stoppedByError);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IOException("cannot record to " + file + ": no such directory", e);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new IOException("cannot record to " + file + ": permission denied", e);
        } catch (IOException e) {
            throw new IOException("cannot record to " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void started(MulticastReceiver receiver, PrintWriter err) {
        this.err = err;
        receiver.setTap(writer);
        err.println("gapwatch: recording to " + writer.file());
        err.flush();
    }

    @Override
    public void stopped(PrintWriter err) {
        writer.close();
        err.println("gapwatch: recorded " + writer.written() + " datagrams to " + writer.file()
                + (writer.stopReason() != null ? " (" + writer.notWritten() + " not recorded)" : ""));
    }

    private void stoppedByError(String message) {
        PrintWriter e = err;
        if (e != null) {
            e.println("gapwatch: " + message + "; monitoring goes on");
            e.flush();
        }
    }
}
