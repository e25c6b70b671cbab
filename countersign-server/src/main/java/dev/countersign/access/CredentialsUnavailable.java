package dev.countersign.access;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;

/**
 * A token could not be checked because the database is unreachable: answered 503 with {@code Retry-After}, as
 * every other call during an outage, never 401 (the token is not known to be bad).
 */
final class CredentialsUnavailable extends OAuth2AuthenticationException {

    CredentialsUnavailable(Throwable cause) {
        super(new OAuth2Error("temporarily_unavailable", "the database cannot be reached right now", null), cause);
    }
}
