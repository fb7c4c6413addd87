/**
 * Record and replay in the desktop UI: {@link org.gapwatch.ui.capture.RecordControl} (records the live receiver's
 * datagrams to pcap), {@link org.gapwatch.ui.capture.ReplayBar} (plays a capture into an engine, with play/pause,
 * speed and a time slider), {@link org.gapwatch.ui.capture.ReplayMode} and
 * {@link org.gapwatch.ui.capture.ReplayBanner} (the window's unmistakable REPLAY marking) and
 * {@link org.gapwatch.ui.capture.CaptureOpener} (which file to open). The capture formats themselves are
 * {@code org.gapwatch.capture}.
 */
package org.gapwatch.ui.capture;
