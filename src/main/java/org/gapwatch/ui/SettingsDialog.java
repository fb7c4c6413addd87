package org.gapwatch.ui;

import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.stage.Window;
import org.gapwatch.net.GroupSpec;
import org.gapwatch.settings.RemoteProbe;
import org.gapwatch.settings.RuleLines;
import org.gapwatch.settings.Settings;

/**
 * Subscriptions, interface, loss levels and the loss window they apply to, rules per group or glob, the loss episodes'
 * quiet time, staleness default, the metrics address, other probes to compare with, and theme; OK applies them live.
 */
final class SettingsDialog extends Dialog<Settings> {
    private static final String SYSTEM_CHOICE = "(system default)";

    SettingsDialog(Window owner, Settings s) {
        this(owner, s, List.of());
    }

    /** {@code offers}: subscriptions sources on the network offer (sACN discovery), shown to add with one click. */
    SettingsDialog(Window owner, Settings s, List<String> offers) {
        initOwner(owner);
        setTitle("Gapwatch settings");
        setHeaderText("Applied at once, no restart. Command-line options override these at start.");
        ListView<String> groups = new ListView<>(FXCollections.observableArrayList(s.groups()));
        groups.setId("settings-groups");
        groups.setPrefHeight(150);
        TextField newGroup = new TextField();
        newGroup.setId("settings-new-group");
        newGroup.setPromptText("239.255.1.1:5000 or 232.1.1.1:5000@10.0.0.7");
        Label groupError = new Label();
        groupError.getStyleClass().add("warning");
        Button add = new Button("Add");
        add.setId("settings-add-group");
        add.setDefaultButton(false);
        Runnable addGroup = () -> {
            try {
                // sacn://1-8 adds one group per universe; a jsonmap mapping is loaded and checked here.
                for (GroupSpec spec : GroupSpec.parseAll(newGroup.getText())) {
                    String g = spec.check(org.gapwatch.files.MappingFiles::read).toString();
                    if (!groups.getItems().contains(g)) {
                        groups.getItems().add(g);
                    }
                }
                newGroup.clear();
                groupError.setText("");
            } catch (IllegalArgumentException e) {
                groupError.setText(e.getMessage());
            }
        };
        add.setOnAction(e -> addGroup.run());
        newGroup.setOnAction(e -> addGroup.run());
        ComboBox<String> offered = new ComboBox<>(FXCollections.observableArrayList(offers));
        offered.setId("settings-offers");
        if (!offers.isEmpty()) {
            offered.setValue(offers.getFirst());
        }
        Button subscribe = new Button("Subscribe");
        subscribe.setId("settings-subscribe-offer");
        subscribe.setOnAction(e -> {
            if (offered.getValue() != null) {
                newGroup.setText(offered.getValue());
                addGroup.run();
            }
        });
        Button remove = new Button("Remove");
        remove.setId("settings-remove-group");
        remove.setOnAction(e -> groups.getItems().removeAll(groups.getSelectionModel().getSelectedItems()));

        ComboBox<String> iface = new ComboBox<>(FXCollections.observableArrayList(multicastInterfaces()));
        iface.setId("settings-interface");
        iface.getItems().addFirst(SYSTEM_CHOICE);
        if (s.networkInterface() != null && !iface.getItems().contains(s.networkInterface())) {
            iface.getItems().add(s.networkInterface());
        }
        iface.setValue(s.networkInterface() == null ? SYSTEM_CHOICE : s.networkInterface());

        Spinner<Double> warn = new Spinner<>(0.01, 100, s.lossWarnPercent(), 0.5);
        Spinner<Double> alarm = new Spinner<>(0.01, 100, s.lossAlarmPercent(), 0.5);
        Spinner<Integer> stale = new Spinner<>(1, 86_400, (int) Math.max(1, s.defaultStaleMillis() / 1000), 1);
        ComboBox<String> window = new ComboBox<>(FXCollections.observableArrayList("1 min", "5 min"));
        window.setId("settings-loss-window");
        window.setValue("5m".equals(s.judging().lossWindow()) ? "5 min" : "1 min");
        javafx.scene.control.TextArea rules = new javafx.scene.control.TextArea(RuleLines.format(s.judging().rules()));
        rules.setId("settings-rules");
        rules.setPrefRowCount(4);
        rules.setPromptText("one rule a line: GLOB WARN% ALARM% guidance, e.g.\nplant/** 0.5 2 Call the plant desk,"
                + " ext. 4711\nlab/** 5 20");
        Label rulesError = new Label();
        rulesError.getStyleClass().add("warning");
        Spinner<Integer> quiet = new Spinner<>(1, 3600, (int) (s.judging().episodeQuietMillis() / 1000), 1);
        quiet.setId("settings-episode-quiet");
        Spinner<Integer> recentMinutes = new Spinner<>(0, 1440, s.recent().minutes(), 1);
        recentMinutes.setId("settings-recent-minutes");
        Spinner<Integer> recentMib = new Spinner<>(0, 65536, s.recent().mebibytes(), 64);
        recentMib.setId("settings-recent-mib");
        javafx.scene.control.Tooltip.install(recentMib, new javafx.scene.control.Tooltip(
                "The last minutes of received datagrams kept on disk for \"Go to the moment\", in at most this"
                        + " many MiB; the smaller bound wins, 0 turns it off"));
        for (Spinner<?> sp : List.of(warn, alarm, stale, quiet, recentMinutes, recentMib)) {
            sp.setEditable(true);
        }
        TextField metrics = new TextField(s.metricsAddress() == null ? "" : s.metricsAddress());
        metrics.setId("settings-metrics");
        metrics.setPromptText("off, or e.g. 127.0.0.1:9477");
        javafx.scene.control.TextArea probes = new javafx.scene.control.TextArea(probeText(s.probes()));
        probes.setId("settings-probes");
        probes.setPrefRowCount(3);
        probes.setPromptText("one /metrics URL a line, then a name if you like, e.g.\n"
                + "http://10.0.0.5:9477/metrics rack 12\nhttp://probe-site-b:9477/metrics");
        Label probesError = new Label();
        probesError.getStyleClass().add("warning");
        ComboBox<String> theme = new ComboBox<>(FXCollections.observableArrayList(Settings.DARK, Settings.LIGHT));
        theme.setValue(s.theme());

        GridPane grid = new GridPane(10, 8);
        grid.setPadding(new Insets(10));
        int r = 0;
        grid.addRow(r++, new Label("Groups joined"), groups);
        grid.addRow(r++, new Label("Add group"), new HBox(6, newGroup, add, remove));
        grid.add(groupError, 1, r++);
        if (!offers.isEmpty()) {
            grid.addRow(r++, new Label("Offered on the network"), new HBox(6, offered, subscribe));
        }
        grid.addRow(r++, new Label("Interface"), iface);
        grid.addRow(r++, new Label("Loss figure judged"), window);
        grid.addRow(r++, new Label("Losing at loss ≥ %"), warn);
        grid.addRow(r++, new Label("Badly losing (alarm) at ≥ %"), alarm);
        grid.addRow(r++, new Label("Rules per group or glob"), rules);
        grid.add(rulesError, 1, r++);
        grid.addRow(r++, new Label("Loss episode ends after quiet (s)"), quiet);
        grid.addRow(r++, new Label("Stale after (s), sources without ttl/interval"), stale);
        grid.addRow(r++, new Label("Metrics for Prometheus (ADDRESS:PORT)"), metrics);
        grid.addRow(r++, new Label("Probes elsewhere on the path"), probes);
        grid.addRow(r++, new Label("Keep the last (min / MiB, 0 = off)"),
                new HBox(6, recentMinutes, new Label("min, at most"), recentMib, new Label("MiB")));
        grid.add(probesError, 1, r++);
        grid.addRow(r, new Label("Theme"), theme);
        getDialogPane().setContent(grid);
        getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        // A bad rule line keeps the dialog open with the line named, rather than dropping the rules.
        getDialogPane().lookupButton(ButtonType.OK).addEventFilter(javafx.event.ActionEvent.ACTION, e -> {
            try {
                RuleLines.parse(rules.getText());
                rulesError.setText("");
            } catch (IllegalArgumentException ex) {
                rulesError.setText(ex.getMessage());
                e.consume();
            }
            try {
                probeLines(probes.getText());
                probesError.setText("");
            } catch (IllegalArgumentException ex) {
                probesError.setText(ex.getMessage());
                e.consume();
            }
        });
        setResultConverter(b -> b != ButtonType.OK ? null
                : s.withJudging(new Settings.Judging("5 min".equals(window.getValue()) ? "5m" : "1m",
                        RuleLines.parse(rules.getText()), quiet.getValue() * 1000L))
                .withGroups(new ArrayList<>(groups.getItems()))
                .withNetworkInterface(SYSTEM_CHOICE.equals(iface.getValue()) ? null : iface.getValue())
                .withThresholds(warn.getValue(), alarm.getValue())
                .withDefaultStaleMillis(stale.getValue() * 1000L)
                .withTheme(theme.getValue())
                .withMetricsAddress(metrics.getText())
                .withProbes(probeLines(probes.getText()))
                .withRecent(new Settings.Recent(recentMinutes.getValue(), recentMib.getValue())));
    }

    /**
     * The probes of the text, one a line: the URL, then optionally a name after white space (a URL has none), as in
     * {@code http://10.0.0.5:9477/metrics rack 12}; blank lines are ignored. A line whose URL is not one, or that
     * repeats a URL or a name of an earlier line, names itself.
     */
    static List<RemoteProbe> probeLines(String text) {
        List<RemoteProbe> out = new ArrayList<>();
        java.util.Set<String> urls = new java.util.HashSet<>();
        java.util.Set<String> names = new java.util.HashSet<>();
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String[] parts = lines.get(i).strip().split("\\s+", 2);
            String url = parts[0];
            if (url.isEmpty()) {
                continue;
            }
            if (!Settings.isProbeUrl(url)) {
                throw new IllegalArgumentException("line " + (i + 1) + ": '" + url + "' is not an http(s) URL"
                        + " without a query, such as http://probe-a:9477/metrics");
            }
            RemoteProbe p = new RemoteProbe(url, parts.length > 1 ? parts[1] : null);
            if (!urls.add(url)) {
                throw new IllegalArgumentException("line " + (i + 1) + ": " + url + " is listed twice");
            }
            // The evidence names probes: two of one name would make "lost at rack 12" ambiguous.
            if (!names.add(p.shownName())) {
                throw new IllegalArgumentException("line " + (i + 1) + ": the name '" + p.shownName()
                        + "' is another probe's already");
            }
            out.add(p);
        }
        return out;
    }

    /** The probes as lines for {@link #probeLines}: the URL, and the name where one is given. */
    static String probeText(List<RemoteProbe> probes) {
        return String.join("\n", probes.stream().map(p -> p.name() == null ? p.url() : p.url() + " " + p.name())
                .toList());
    }

    static List<String> multicastInterfaces() {
        List<String> out = new ArrayList<>();
        try {
            for (NetworkInterface n : NetworkInterface.networkInterfaces().toList()) {
                if (n.isUp() && (n.supportsMulticast() || n.isLoopback())) {
                    out.add(n.getName());
                }
            }
        } catch (SocketException e) {
            // none listed; the user can still keep the system default
        }
        return out;
    }

    static void error(Window owner, String message) {
        Alert a = new Alert(Alert.AlertType.ERROR, message, ButtonType.OK);
        a.initOwner(owner);
        a.setHeaderText("Could not apply the settings");
        a.show();
    }
}
