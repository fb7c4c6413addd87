package org.gapwatch.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads durations as operators write them: 500ms, 10s, 1.5s, 2m, 1h, a plain number of seconds, or ISO PT10S. */
public final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String text) {
        return parse(text);
    }

    public static Duration parse(String text) {
        String s = text.trim().toLowerCase();
        try {
            if (s.startsWith("pt")) {
                Duration d = Duration.parse(s.toUpperCase());
                if (d.isNegative()) {
                    throw new TypeConversionException("'" + text + "' is negative: a duration is 0 or more");
                }
                return d;
            }
            long nanosPerUnit;
            String number;
            if (s.endsWith("ms")) {
                nanosPerUnit = 1_000_000L;
                number = s.substring(0, s.length() - 2);
            } else if (s.endsWith("s")) {
                nanosPerUnit = 1_000_000_000L;
                number = s.substring(0, s.length() - 1);
            } else if (s.endsWith("m")) {
                nanosPerUnit = 60_000_000_000L;
                number = s.substring(0, s.length() - 1);
            } else if (s.endsWith("h")) {
                nanosPerUnit = 3_600_000_000_000L;
                number = s.substring(0, s.length() - 1);
            } else {
                nanosPerUnit = 1_000_000_000L;
                number = s;
            }
            double v = Double.parseDouble(number);
            if (!(v >= 0) || Double.isInfinite(v) || v * nanosPerUnit > Long.MAX_VALUE) {
                throw new TypeConversionException("'" + text + "' is not a duration (e.g. 500ms, 10s, 2m)");
            }
            return Duration.ofNanos(Math.round(v * nanosPerUnit));
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new TypeConversionException("'" + text + "' is not a duration (e.g. 500ms, 10s, 2m)");
        }
    }
}
