module org.gapwatch {
    requires javafx.controls;
    requires javafx.fxml;
    requires org.controlsfx.controls;
    requires atlantafx.base;
    requires tools.jackson.core;
    requires tools.jackson.databind;
    requires info.picocli;
    requires java.management;
    requires java.net.http;
    requires jdk.unsupported;
    requires io.prometheus.metrics.model;
    requires io.prometheus.metrics.exporter.httpserver;

    // Protocols plug in here (org.gapwatch.protocol.Protocols); JSON v1 is built in.
    uses org.gapwatch.protocol.Protocol;
    provides org.gapwatch.protocol.Protocol with org.gapwatch.protocol.rtp.RtpProtocol,
            org.gapwatch.protocol.mpegts.MpegTsProtocol, org.gapwatch.protocol.ptp.PtpProtocol,
            org.gapwatch.protocol.collectd.CollectdProtocol,
            org.gapwatch.protocol.sacn.SacnProtocol,
            org.gapwatch.protocol.rtps.RtpsProtocol,
            org.gapwatch.protocol.rtps.RtpsProtocol.Dds,
            org.gapwatch.protocol.jsonmap.JsonMapProtocol;

    exports org.gapwatch;
    exports org.gapwatch.protocol;
    exports org.gapwatch.track;
    exports org.gapwatch.engine;
    exports org.gapwatch.fault;
    exports org.gapwatch.concurrent;
    exports org.gapwatch.net;
    exports org.gapwatch.alarm;
    exports org.gapwatch.ui.heatmap;
    exports org.gapwatch.ui.detail;
    exports org.gapwatch.ui.alarm;
    exports org.gapwatch.capture;
    exports org.gapwatch.export;
    exports org.gapwatch.ui.capture;
    exports org.gapwatch.ui to javafx.graphics, javafx.fxml;
    opens org.gapwatch.cli to info.picocli;
    opens org.gapwatch.settings to tools.jackson.databind;
    opens org.gapwatch.ui to javafx.fxml, javafx.graphics;
    opens org.gapwatch.ui.heatmap to javafx.graphics;
    opens org.gapwatch.ui.detail to javafx.graphics;
    opens org.gapwatch.ui.alarm to javafx.graphics;
    opens org.gapwatch.ui.capture to javafx.graphics;
}
