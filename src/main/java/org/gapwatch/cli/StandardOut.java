package org.gapwatch.cli;

import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;

/**
 * Standard output for reports. System.out is a PrintStream, which swallows write errors: a report to a full disk
 * or a closed pipe would vanish with exit status 0. This stream goes to the file descriptor directly, so the
 * PrintWriter over it sees the error ({@link PrintWriter#checkError()}), and it keeps the error's message to say.
 */
final class StandardOut extends FilterOutputStream {
    private static volatile String failure;

    private StandardOut() {
        super(new FileOutputStream(FileDescriptor.out));
    }

    static PrintWriter writer() {
        return new PrintWriter(new BufferedWriter(new OutputStreamWriter(new StandardOut(), System.out.charset())),
                true);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            failure = e.getMessage();
            throw e;
        }
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void flush() throws IOException {
        try {
            out.flush();
        } catch (IOException e) {
            failure = e.getMessage();
            throw e;
        }
    }

    /**
     * True when something written to {@code out} did not arrive; then says so on {@code err} in one line. The
     * command should exit with status 1.
     */
    static boolean failed(PrintWriter out, PrintWriter err) {
        if (!out.checkError()) {
            return false;
        }
        String why = failure;
        err.println("gapwatch: cannot write the report to standard output" + (why != null ? ": " + why : ""));
        err.flush();
        return true;
    }
}
