package org.gapwatch.track;

/** One value of a source's history: a number, or (when {@code other} is non-null) a string, boolean or null. */
public record ValuePoint(long arrivalMillis, double number, Object other) {
    /** Stands for a JSON null value in {@link #other()}. */
    public static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    public boolean isNumber() {
        return other == null;
    }
}
