package org.gapwatch.track;

import java.util.Arrays;
import org.gapwatch.protocol.Update;

/**
 * The newest vector of levels or values of a source (sACN: its 512 slot levels; collectd: a type's several values),
 * as the detail view draws it: one element per slot. Either 8-bit levels (0-255, full scale 255) or values (full
 * scale the largest magnitude among them). A source keeps one only when its updates carry one; its size is exact
 * (a DMX frame of 24 slots is 24).
 *
 * <p>Immutable once published in a {@link SourceView}: the tracker overwrites a vector in place only while no view
 * holds it (between two snapshots), and otherwise makes a new one, so a source whose levels change costs at most
 * one copy per snapshot, and one whose levels stay the same none.
 */
public final class Levels {
    private final byte[] bytes;
    private final double[] values;
    private final int first;
    private int nonZero;
    private double fullScale;

    private Levels(byte[] bytes, double[] values, int first) {
        this.bytes = bytes;
        this.values = values;
        this.first = first;
    }

    /** A copy of the vector an update carries, or null when it carries none. */
    static Levels of(Update u) {
        int n = u.levelCount();
        if (n == 0) {
            return null;
        }
        Levels l = u.levelBytes() != null ? new Levels(new byte[n], null, u.levelFirst())
                : new Levels(null, new double[n], u.levelFirst());
        l.fill(u);
        return l;
    }

    /** Whether {@code u}'s vector has this one's kind, size and numbering (so that {@link #fill} can take it). */
    boolean fits(Update u) {
        return u.levelCount() == size() && u.levelFirst() == first && (u.levelBytes() != null) == (bytes != null);
    }

    /** Whether {@code u}'s vector is this one, element for element. */
    boolean sameAs(Update u) {
        if (!fits(u)) {
            return false;
        }
        int n = size();
        return bytes != null ? Arrays.equals(bytes, 0, n, u.levelBytes(), u.levelOffset(), u.levelOffset() + n)
                : Arrays.equals(values, 0, n, u.levelValues(), 0, n);
    }

    /** Overwrites the elements with {@code u}'s (which {@link #fits}); only while no view holds this vector. */
    void fill(Update u) {
        int n = size();
        int nz = 0;
        double scale = 0;
        if (bytes != null) {
            System.arraycopy(u.levelBytes(), u.levelOffset(), bytes, 0, n);
            for (byte b : bytes) {
                nz += b != 0 ? 1 : 0;
            }
            scale = 255;
        } else {
            System.arraycopy(u.levelValues(), 0, values, 0, n);
            for (double v : values) {
                nz += v != 0 && !Double.isNaN(v) ? 1 : 0;
                if (Double.isFinite(v)) {
                    scale = Math.max(scale, Math.abs(v));
                }
            }
        }
        nonZero = nz;
        fullScale = scale;
    }

    /** Elements in the vector. */
    public int size() {
        return bytes != null ? bytes.length : values.length;
    }

    /** What the protocol numbers the first element (a DMX address: 1). */
    public int firstIndex() {
        return first;
    }

    /** What the protocol numbers the last element. */
    public int lastIndex() {
        return first + size() - 1;
    }

    /** Elements that are not zero (a tile's "slots" of sACN). */
    public int nonZero() {
        return nonZero;
    }

    /** Whether the elements are 8-bit levels (0-255) rather than values. */
    public boolean eightBit() {
        return bytes != null;
    }

    /** Element i (0-based): a level 0-255, or a value. */
    public double get(int i) {
        if (i < 0 || i >= size()) {
            throw new IndexOutOfBoundsException(i);
        }
        return bytes != null ? bytes[i] & 0xFF : values[i];
    }

    /** Element i as a share of the full scale, 0..1 (a value that is not finite: 0). */
    public double fraction(int i) {
        double v = Math.abs(get(i));
        return fullScale == 0 || !Double.isFinite(v) ? 0 : Math.min(1, v / fullScale);
    }

    /** The full scale bars are drawn against: 255 for 8-bit levels, else the largest magnitude. */
    public double fullScale() {
        return fullScale;
    }

    /** The elements as ints (8-bit levels), for tests and exports; values are rounded. */
    public int[] toIntArray() {
        int[] out = new int[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (int) Math.round(get(i));
        }
        return out;
    }

    @Override
    public String toString() {
        return "Levels[" + size() + " from " + first + ", " + nonZero + " non-zero]";
    }
}
