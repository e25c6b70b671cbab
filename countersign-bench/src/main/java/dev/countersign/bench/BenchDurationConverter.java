package dev.countersign.bench;

import dev.countersign.Durations;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Durations as the other commands read them ({@code 30s}, {@code 2m}, {@code PT30S}), plus milliseconds ({@code 200ms}). */
final class BenchDurationConverter implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        String text = value.strip();
        try {
            if (text.matches("\\d+ms")) {
                return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
            }
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage() + " (or milliseconds such as 200ms)");
        }
    }
}
