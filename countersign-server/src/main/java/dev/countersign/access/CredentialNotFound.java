package dev.countersign.access;

/** No such client, person or token (answered as 404). */
public final class CredentialNotFound extends RuntimeException {

    public CredentialNotFound(String message) {
        super(message);
    }
}
