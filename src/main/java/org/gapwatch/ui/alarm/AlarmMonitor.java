package org.gapwatch.ui.alarm;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.util.Duration;
import org.gapwatch.alarm.Alarm;
import org.gapwatch.alarm.AlarmModel;
import org.gapwatch.alarm.Notice;
import org.gapwatch.alarm.NotificationLimiter;
import org.gapwatch.engine.Engine;

/**
 * Evaluates the engine's newest snapshot against an {@link AlarmModel} once a second on the FX thread and passes
 * new alarms through a {@link NotificationLimiter} to a notifier (e.g. {@link ControlsFxNotifier}, or none). The
 * main window may instead call {@link #tick(long)} from its own pulse.
 */
public final class AlarmMonitor {
    private final Engine engine;
    private final AlarmModel model;
    private final NotificationLimiter limiter;
    private final Timeline timer;
    private LongSupplier clock = System::currentTimeMillis;
    private Supplier<String> receiverProblem = () -> null;

    /** {@code notifier} may be null: alarms are then only listed, never popped up. */
    public AlarmMonitor(Engine engine, AlarmModel model, Consumer<Notice> notifier) {
        this.engine = engine;
        this.model = model;
        this.limiter = new NotificationLimiter(notifier == null ? n -> { } : notifier);
        this.timer = new Timeline(new KeyFrame(Duration.seconds(1), e -> tick(clock.getAsLong())));
        timer.setCycleCount(Animation.INDEFINITE);
    }

    public void setClock(LongSupplier clock) {
        this.clock = clock;
    }

    /** Where the receiver's loop problem comes from ("processing stopped: ..."; null while all is well). */
    public void setReceiverProblem(Supplier<String> problem) {
        this.receiverProblem = problem;
    }

    public void start() {
        timer.play();
    }

    public void stop() {
        timer.stop();
    }

    /** Evaluates the newest snapshot at {@code nowMillis}; returns the alarms raised. */
    public List<Alarm> tick(long nowMillis) {
        List<Alarm> raised = model.evaluate(engine.snapshot(), nowMillis);
        List<Alarm> receiver = model.receiver(receiverProblem.get(), nowMillis);
        if (!receiver.isEmpty()) {
            raised = new ArrayList<>(raised);
            raised.addAll(receiver);
        }
        limiter.offer(raised, nowMillis);
        return raised;
    }

    public AlarmModel model() {
        return model;
    }
}
