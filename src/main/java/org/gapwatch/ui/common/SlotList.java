package org.gapwatch.ui.common;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.ObjIntConsumer;
import java.util.function.ToIntFunction;
import javafx.collections.ObservableListBase;
import javafx.scene.control.TableView;
import javafx.scene.control.skin.VirtualFlow;

/**
 * A table's items when its order is built off the FX thread: one slot per position, made when first asked for and
 * filled with whatever the newest order puts there. A new order of the same size changes no item (the caller fills
 * the slots on screen again); a new size adds or removes slots at the end. So the FX thread's work per change is the
 * rows on screen, not all of them. Slots for positions off screen are a cache of at most {@code kept}, the least
 * recently used dropped.
 *
 * <p>A slot is filled at most once a round ({@link #get} fills it if this round has not): a table asks for a row's
 * item more than once a pulse (once per cell, where its rows have cells), and a column sized to its content asks for
 * thirty rows. A round begins with each {@link #fillOnScreen} and {@link #resize}, and with {@link #newRound}.
 *
 * @param <S> a slot: it knows its position ({@code positionOf}), -1 for the stand-in of removed slots
 */
public final class SlotList<S> extends ObservableListBase<S> {
    /** A slot and the round it was last filled in. */
    private static final class Held<S> {
        final S slot;
        long round = -1;

        Held(S slot) {
            this.slot = slot;
        }
    }

    private final LinkedHashMap<Integer, Held<S>> slots;
    private final Class<S> type;
    private final IntFunction<S> create;
    private final ToIntFunction<S> positionOf;
    private final ObjIntConsumer<S> filler;
    private final S gone;
    private int size;
    private long round;
    private long fills;
    private VirtualFlow<?> flow;

    /**
     * @param type       the slots' class
     * @param kept       slots kept at most (those on screen are used at every fill and stay)
     * @param create     makes the slot of a position
     * @param positionOf the position a slot was made for
     * @param filler     puts into a slot what the newest order has at its position
     */
    public SlotList(Class<S> type, int kept, IntFunction<S> create, ToIntFunction<S> positionOf, ObjIntConsumer<S> filler) {
        this.type = type;
        this.create = create;
        this.positionOf = positionOf;
        this.filler = filler;
        this.gone = create.apply(-1);
        this.slots = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Integer, Held<S>> e) {
                return size() > kept;
            }
        };
    }

    @Override
    public S get(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException(i);
        }
        return fill(i);
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int indexOf(Object o) {
        if (!type.isInstance(o) || o == gone) {
            return -1;
        }
        int p = positionOf.applyAsInt(type.cast(o)); // the slot says where it is: no search
        Held<S> h = p >= 0 && p < size ? slots.get(p) : null;
        return h != null && h.slot == o ? p : -1;
    }

    @Override
    public int lastIndexOf(Object o) {
        return indexOf(o);
    }

    @Override
    public boolean contains(Object o) {
        return indexOf(o) >= 0;
    }

    /** The slot of position {@code i}, filled from the newest order unless it was already in this round. */
    public S fill(int i) {
        Held<S> h = slots.computeIfAbsent(i, p -> new Held<>(create.apply(p)));
        if (h.round != round) {
            h.round = round;
            filler.accept(h.slot, i);
            fills++;
        }
        return h.slot;
    }

    /** Begins a round: each slot asked for from now on is filled again once (the order or the data changed). */
    public void newRound() {
        round++;
    }

    /** Slots filled so far (for the tests that the work is per row on screen, not per position or per cell). */
    public long fills() {
        return fills;
    }

    /**
     * Fills the slots on {@code table}'s screen and one either side; before the table is laid out, the first
     * {@code beforeLayout}.
     */
    public void fillOnScreen(TableView<?> table, int beforeLayout) {
        newRound();
        if (flow == null && table.lookup(".virtual-flow") instanceof VirtualFlow<?> f) {
            flow = f;
        }
        int first = 0;
        int last = Math.min(size, beforeLayout) - 1;
        if (flow != null && flow.getFirstVisibleCell() != null && flow.getLastVisibleCell() != null) {
            first = Math.max(0, flow.getFirstVisibleCell().getIndex() - 1);
            last = Math.min(size - 1, flow.getLastVisibleCell().getIndex() + 1);
        }
        for (int i = first; i <= last; i++) {
            fill(i);
        }
    }

    /** Becomes {@code to} slots long: adds or removes positions at the end, one change for the table. */
    public void resize(int to) {
        int from = size;
        if (from == to) {
            return;
        }
        size = to;
        newRound();
        slots.keySet().removeIf(p -> p >= to);
        beginChange();
        if (to > from) {
            nextAdd(from, to);
        } else {
            nextRemove(to, Collections.nCopies(from - to, gone));
        }
        endChange();
    }
}
