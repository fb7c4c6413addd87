module org.gapwatch {
    requires javafx.controls;
    requires javafx.fxml;
    requires org.controlsfx.controls;
    requires tools.jackson.core;
    requires tools.jackson.databind;
    requires info.picocli;
    requires jdk.management;

    exports org.gapwatch;
    opens org.gapwatch.cli to info.picocli;
}
