package dev.countersign.access;

/** A request to create a credential breaks a rule (answered as 422). */
public final class InvalidCredentialRequest extends RuntimeException {

    public InvalidCredentialRequest(String message) {
        super(message);
    }
}
