package org.gapwatch.ui.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.List;
import javafx.stage.FileChooser;
import org.junit.jupiter.api.Test;

class CaptureOpenerTest {
    @Test
    void theInjectedChoiceIsTheAnswerAndCancelIsNull() {
        Path capture = Path.of("/data/night-shift.pcapng");
        assertEquals(capture, new CaptureOpener(owner -> capture).choose(null));
        assertNull(new CaptureOpener(owner -> null).choose(null));
    }

    @Test
    void theDialogOffersCapturesOfEachKindThenAllFiles() {
        List<FileChooser.ExtensionFilter> f = CaptureOpener.filters();
        assertEquals(List.of("Captures (*.pcap, *.pcapng, *.cap)", "pcap (*.pcap)", "pcapng (*.pcapng)",
                "cap (*.cap)", "All files"), f.stream().map(FileChooser.ExtensionFilter::getDescription).toList());
        assertEquals(List.of(List.of("*.pcap", "*.pcapng", "*.cap"), List.of("*.pcap"), List.of("*.pcapng"),
                List.of("*.cap"), List.of("*.*")), f.stream().map(FileChooser.ExtensionFilter::getExtensions).toList());
    }
}
