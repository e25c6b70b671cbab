package dev.countersign.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code countersign delegate}: lets someone decide in an approver's place for a while. */
@Command(
        name = "delegate",
        sortOptions = false,
        header = "Let someone decide in an approver's place for a while.",
        description = "While the delegation is active, the delegate receives every approval request the delegator "
                + "is asked (also those already pending) and may decide in their place; the decision is recorded "
                + "as 'DELEGATE on behalf of DELEGATOR'. Revoke it early with 'countersign revoke-delegation ID'.")
final class DelegateCommand implements Callable<Integer> {

    @Mixin
    private ServerOptions server;

    @Option(names = "--from", required = true, paramLabel = "EMAIL", description = "The delegator (who is away).")
    private String from;

    @Option(names = "--to", required = true, paramLabel = "EMAIL", description = "The delegate.")
    private String to;

    @Option(
            names = "--starts",
            paramLabel = "TIME",
            converter = InstantConverter.class,
            description = "When it starts, ISO-8601 (e.g. 2026-12-08T08:00:00Z); default now.")
    private Instant starts;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private End end;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for the record.")
    private String reason;

    @Option(names = "--by", paramLabel = "EMAIL", description = "Who sets it up, for the record.")
    private String by;

    static final class End {
        @Option(
                names = "--ends",
                required = true,
                paramLabel = "TIME",
                converter = InstantConverter.class,
                description = "When it ends, ISO-8601.")
        Instant ends;

        @Option(
                names = "--for",
                required = true,
                paramLabel = "DURATION",
                converter = DurationConverter.class,
                description = "How long it lasts from its start, e.g. 3d, 8h, 1h30m.")
        Duration length;
    }

    @Override
    public Integer call() {
        Instant endsAt = end.ends;
        if (end.length != null) {
            if (end.length.isZero() || end.length.isNegative()) {
                throw CliFailure.usage("--for must be longer than zero");
            }
            endsAt = (starts == null ? Instant.now() : starts).plus(end.length);
        }
        Map<String, Object> delegation = new LinkedHashMap<>();
        delegation.put("from", from);
        delegation.put("to", to);
        if (starts != null) {
            delegation.put("startsAt", starts.toString());
        }
        delegation.put("endsAt", endsAt.toString());
        if (reason != null && !reason.isBlank()) {
            delegation.put("reason", reason);
        }
        if (by != null && !by.isBlank()) {
            delegation.put("by", by);
        }
        try (CountersignClient client = server.connect()) {
            server.output().delegation(client.createDelegation(delegation));
            return ExitCode.SUCCESS.code();
        }
    }

    /** ISO-8601 with an offset ({@code 2026-12-08T08:00:00Z}, {@code 2026-12-08T09:00+01:00}); else a usage error. */
    static final class InstantConverter implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                return OffsetDateTime.parse(value.strip()).toInstant();
            } catch (DateTimeParseException e) {
                throw new TypeConversionException(
                        "'" + value + "' is not an ISO-8601 time such as " + "2026-12-08T08:00:00Z");
            }
        }
    }
}
