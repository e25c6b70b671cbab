package dev.countersign.bench;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** The scenarios {@code countersign bench --scenario} can run, in the order they run. */
enum Scenario {

    /** Sustained request creations. */
    CREATES,
    /** Decision to long-poll waiter release. */
    RELEASE,
    /** Many concurrent long-poll waiters held, then released. */
    WAITERS,
    /**
     * Signed Slack button clicks acknowledged at a rate. Only when asked for: it needs a server whose Slack settings
     * point at the bench's emulator.
     */
    CLICKS;

    /** What runs without {@code --scenario}: the REST API scenarios, which any running server can take. */
    static EnumSet<Scenario> byDefault() {
        return EnumSet.of(CREATES, RELEASE, WAITERS);
    }

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads {@code creates}, {@code release}, {@code waiters}, {@code clicks} in any case. */
    static final class Converter implements ITypeConverter<Scenario> {

        @Override
        public Scenario convert(String value) {
            return Arrays.stream(values())
                    .filter(s -> s.label().equalsIgnoreCase(value.strip()))
                    .findFirst()
                    .orElseThrow(() -> new TypeConversionException("'" + value + "' is not a scenario; use "
                            + Arrays.stream(values()).map(Scenario::label).collect(Collectors.joining(", "))));
        }
    }
}
