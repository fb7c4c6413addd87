package org.gapwatch.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.collections.FXCollections;
import javafx.scene.Scene;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The selected row of a table (the alarm list, the detail's gaps) reads in both themes: its text against its
 * background has at least WCAG's 4.5:1. The light theme once drew it white on AtlantaFX's light grey selection.
 */
@ExtendWith(ApplicationExtension.class)
class SelectedRowThemeTest {
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @AfterEach
    void plainAgain() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> Application.setUserAgentStylesheet(null)).get();
    }

    @Test
    void theSelectedRowsTextContrastsWithItsBackgroundInTheLightTheme() throws Exception {
        double c = selectedRowContrast(new PrimerLight().getUserAgentStylesheet(), "theme-light.css");
        assertTrue(c >= 4.5, "light theme, selected row: contrast " + String.format("%.2f", c) + ":1");
    }

    @Test
    void theSelectedRowsTextContrastsWithItsBackgroundInTheDarkTheme() throws Exception {
        double c = selectedRowContrast(new PrimerDark().getUserAgentStylesheet(), "theme-dark.css");
        assertTrue(c >= 4.5, "dark theme, selected row: contrast " + String.format("%.2f", c) + ":1");
    }

    /** The contrast of the selected row's cell text against the row's background, with the window's style sheets. */
    private double selectedRowContrast(String userAgent, String theme) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            Application.setUserAgentStylesheet(userAgent);
            TableView<String> table = new TableView<>(FXCollections.observableArrayList("first", "second"));
            TableColumn<String, String> c = new TableColumn<>("Alarm");
            c.setCellValueFactory(d -> new javafx.beans.property.SimpleStringProperty(d.getValue()));
            table.getColumns().add(c);
            Scene scene = new Scene(new StackPane(table), 400, 300);
            scene.getStylesheets().add(MonitorWindow.class.getResource("gapwatch.css").toExternalForm());
            scene.getStylesheets().add(MonitorWindow.class.getResource(theme).toExternalForm());
            stage.setScene(scene);
            stage.show();
            table.getSelectionModel().select(1);
            table.requestFocus();
            scene.getRoot().applyCss();
            scene.getRoot().layout();
            TableRow<?> row = (TableRow<?>) table.lookupAll(".table-row-cell").stream()
                    .filter(n -> n instanceof TableRow<?> r && r.getIndex() == 1).findFirst().orElseThrow();
            TableCell<?, ?> cell = (TableCell<?, ?>) row.lookup(".table-cell");
            Color text = (Color) cell.getTextFill();
            var fills = row.getBackground().getFills();
            Color back = (Color) fills.getLast().getFill();
            return contrast(text, back);
        }).get();
    }

    private static double contrast(Color a, Color b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(Color c) {
        return 0.2126 * linear(c.getRed()) + 0.7152 * linear(c.getGreen()) + 0.0722 * linear(c.getBlue());
    }

    private static double linear(double v) {
        return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }
}
