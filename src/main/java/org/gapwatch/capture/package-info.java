/**
 * Packet captures: a pcap recorder for what the receiver takes in ({@link org.gapwatch.capture.PcapWriter}), a
 * streaming reader of pcap and pcapng files ({@link org.gapwatch.capture.CaptureReader}) and a replay of a capture
 * through the engine ({@link org.gapwatch.capture.Replayer}). Pure Java.
 */
package org.gapwatch.capture;
