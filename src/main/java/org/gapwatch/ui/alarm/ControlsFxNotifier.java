package org.gapwatch.ui.alarm;

import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.geometry.Pos;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;
import org.gapwatch.alarm.Notice;

/**
 * Shows notices as ControlsFX pop-up notifications in the corner of the owner window. Put it behind a
 * {@link org.gapwatch.alarm.NotificationLimiter}; headless tests use a plain consumer instead.
 */
public final class ControlsFxNotifier implements Consumer<Notice> {
    private final Supplier<Window> owner;
    private final Duration shownFor;

    public ControlsFxNotifier(Supplier<Window> owner) {
        this(owner, Duration.seconds(8));
    }

    public ControlsFxNotifier(Supplier<Window> owner, Duration shownFor) {
        this.owner = owner;
        this.shownFor = shownFor;
    }

    @Override
    public void accept(Notice n) {
        Window w = owner.get();
        if (w == null || !w.isShowing()) {
            return;
        }
        Notifications note = Notifications.create()
                .title(n.title())
                .text(n.text())
                .owner(w)
                .position(Pos.TOP_RIGHT)
                .hideAfter(shownFor);
        // No darkStyle(): under the AtlantaFX theme its CSS fails to resolve (ClassCastException on the
        // background), leaving pale text on a white pop-up. The light pop-up reads well on either theme.
        if (n.summary()) {
            note.showInformation();
        } else {
            note.showWarning();
        }
    }
}
