package org.gapwatch.ui;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.gapwatch.engine.Engine;
import org.gapwatch.net.GroupSpec;
import org.gapwatch.net.Publisher;
import org.gapwatch.settings.Settings;
import org.gapwatch.track.TrackerConfig;
import org.gapwatch.ui.detail.GapRow;
import org.gapwatch.ui.feed.ReceiverFeed;

/**
 * For a human to look at "go to the moment" in a real window (run under xvfb-run, not a test): a loopback stream
 * (lo, TTL 0) that skips 101-110, the live gap row, a moment older than the ring (the one line), then the moment in
 * replay. Screenshots of the whole screen with ImageMagick's {@code import}. Usage: {@code GoToMomentTour W H OUTDIR}.
 */
public final class GoToMomentTour {
    private static final String SRC = "plant/line-1/pump-7";

    private GoToMomentTour() {
    }

    public static void main(String[] args) throws Exception {
        int w = Integer.parseInt(args[0]);
        int h = Integer.parseInt(args[1]);
        Path out = Path.of(args[2]);
        Files.createDirectories(out);
        Path ring = Files.createTempDirectory("gapwatch-tour-ring");
        String group = "239.255.95." + (1 + ProcessHandle.current().pid() % 250) + ":4" + (1000
                + ProcessHandle.current().pid() % 8000);
        Platform.startup(() -> { });
        Engine engine = new Engine(TrackerConfig.defaults());
        MonitorWindow window = fx(() -> {
            Stage stage = new Stage();
            Settings s = Settings.defaults().withGroups(List.of(group)).withNetworkInterface("lo");
            MonitorWindow m = new MonitorWindow(stage, engine, iface -> new ReceiverFeed(engine, iface), s, null);
            m.startRecentRing(ring);
            stage.setX(0);
            stage.setY(0);
            stage.setWidth(w);
            stage.setHeight(h);
            m.show(false, null);
            return m;
        });
        Thread.sleep(2000);
        try (Publisher p = new Publisher(GroupSpec.parse(group), "lo", 0)) {
            for (long seq = 1; seq <= 150; seq++) {
                for (int other = 1; other <= 24; other++) {
                    send(p, "plant/line-" + (1 + other / 8) + "/pump-" + (other % 8 + 10), seq);
                }
                if (seq < 101 || seq > 110) {
                    send(p, SRC, seq);
                }
                Thread.sleep(20);
            }
        }
        Thread.sleep(1500);
        fx(() -> {
            window.selectedSourceProperty().set(SRC);
            window.wiring().showTab(window.controller().detailTab);
            return null;
        });
        Thread.sleep(2500);
        GapRow row = fx(() -> window.wiring().detail.gapRows().getFirst());
        shot(out, "tour-live-" + w + "x" + h);
        fx(() -> {
            window.wiring().goToMoment(SRC, row.detectedMillis() - 3_600_000,
                    Duration.ofSeconds(30), Duration.ofSeconds(30));
            return null;
        });
        Thread.sleep(1500);
        shot(out, "tour-too-old-" + w + "x" + h);
        fx(() -> {
            window.wiring().goToMoment(SRC, row.detectedMillis(),
                    Duration.ofSeconds(30), Duration.ofSeconds(30));
            return null;
        });
        Thread.sleep(9000); // 5 s of replay before the moment, then the gap
        shot(out, "tour-replay-" + w + "x" + h);
        System.out.println("replaying " + fx(() -> window.wiring().mode.fileProperty().get()) + "; gap rows "
                + fx(() -> window.wiring().detail.gapRows()));
        fx(() -> {
            window.close();
            return null;
        });
        System.exit(0);
    }

    private static void send(Publisher p, String src, long seq) {
        byte[] b = ("{\"v\":1,\"src\":\"" + src + "\",\"seq\":" + seq + ",\"value\":" + (40 + seq % 7)
                + ",\"unit\":\"°C\",\"status\":\"ok\",\"interval\":1000}").getBytes(StandardCharsets.UTF_8);
        p.send(b, 0, b.length);
    }

    private static void shot(Path out, String name) throws Exception {
        Process pr = new ProcessBuilder("import", "-window", "root", out.resolve(name + ".png").toString())
                .inheritIO().start();
        pr.waitFor();
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(c.call());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        return f.get();
    }
}
