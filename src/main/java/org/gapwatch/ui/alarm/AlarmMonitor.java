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
import org.gapwatch.alarm.AlarmKind;
import org.gapwatch.alarm.AlarmModel;
import org.gapwatch.alarm.Notice;
import org.gapwatch.alarm.NotificationLimiter;
import org.gapwatch.judge.Judgement;

/**
 * Evaluates the newest judgement against an {@link AlarmModel} once a second on the FX thread and passes
 * new alarms through a {@link NotificationLimiter} to a notifier (e.g. {@link EpisodeBanner#notice}, or none). The
 * main window may instead call {@link #tick(long)} from its own pulse.
 *
 * <p>The main window evaluates on the judge's thread instead ({@link #evaluateOn}): the FX thread then only reads
 * the model's published result and hands the operator's actions to it. {@link #tick(long)} evaluates on the
 * calling thread (tests, {@link #start}).
 */
public final class AlarmMonitor {
    private final java.util.function.Supplier<Judgement> judgements;
    private final AlarmModel model;
    private final NotificationLimiter limiter;
    private final Timeline timer;
    private LongSupplier clock = System::currentTimeMillis;
    private Supplier<String> receiverProblem = () -> null;
    private Supplier<String> displayProblem = () -> null;

    /**
     * @param judgements the newest judgement of the engine watched (made off the FX thread, see JudgeRunner)
     * @param notifier   may be null: alarms are then only listed, never popped up
     */
    public AlarmMonitor(java.util.function.Supplier<Judgement> judgements, AlarmModel model,
                        Consumer<Notice> notifier) {
        this.judgements = judgements;
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

    /** Where the display's fault comes from ("display fault in heatmap — see errors.log"; null while none). */
    public void setDisplayProblem(Supplier<String> problem) {
        this.displayProblem = problem;
    }

    /** This monitor's own conditions (receiver, display), taken in with each evaluation. */
    private void ownConditions() {
        model.setCondition(AlarmModel.RECEIVER, AlarmKind.RECEIVER, receiverProblem.get());
        model.setCondition(AlarmModel.DISPLAY, AlarmKind.DISPLAY, displayProblem.get());
    }

    public void start() {
        timer.play();
    }

    public void stop() {
        timer.stop();
    }

    /**
     * Evaluates from now on on {@code judging}'s thread, after its rounds, once a second of {@code clock}: the model
     * publishes through {@code fx} (the FX thread's {@code Platform::runLater}), where the notifier is called too.
     */
    public void evaluateOn(org.gapwatch.judge.JudgeRunner judging, LongSupplier clock, java.util.concurrent.Executor fx) {
        model.deliverOn(fx);
        long[] last = {Long.MIN_VALUE};
        judging.afterEachRound(() -> {
            model.runActions();
            long now = clock.getAsLong();
            if (last[0] == Long.MIN_VALUE || now - last[0] >= 1_000 || now < last[0]) {
                last[0] = now;
                ownConditions();
                List<Alarm> raised = model.evaluate(judgements.get(), now);
                if (!raised.isEmpty()) {
                    fx.execute(() -> limiter.offer(raised, now));
                }
            }
        });
    }

    /** Evaluates the newest judgement at {@code nowMillis}; returns the alarms raised. */
    public List<Alarm> tick(long nowMillis) {
        // The receiver's and the display's health are conditions of their own, taken in with this evaluation.
        ownConditions();
        List<Alarm> raised = model.evaluate(judgements.get(), nowMillis);
        limiter.offer(raised, nowMillis);
        return raised;
    }

    public AlarmModel model() {
        return model;
    }
}
