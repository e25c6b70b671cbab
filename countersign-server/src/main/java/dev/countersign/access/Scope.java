package dev.countersign.access;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a token may do. The admin token may do everything but decide; see {@link Caller}. */
public enum Scope {
    /** Create requests, cancel and record execution of the client's own. */
    REQUESTS_WRITE("requests:write"),
    /** Get, list, wait for requests and read their events. */
    REQUESTS_READ("requests:read"),
    /** Decide as the token's person: personal tokens only, never a client. */
    DECIDE("decide");

    private final String value;

    Scope(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static Optional<Scope> of(String value) {
        String wanted = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(scope -> scope.value.equals(wanted))
                .findFirst();
    }
}
