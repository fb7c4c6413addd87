package org.gapwatch.capture;

import java.io.IOException;

/** The file is not a capture this reader understands (wrong magic, unusable header). The message is one line. */
public final class CaptureFormatException extends IOException {
    public CaptureFormatException(String message) {
        super(message);
    }
}
