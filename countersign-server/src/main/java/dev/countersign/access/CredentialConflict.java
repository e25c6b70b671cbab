package dev.countersign.access;

/** The credential cannot be created as asked because of one that exists (answered as 409). */
public final class CredentialConflict extends RuntimeException {

    public CredentialConflict(String message) {
        super(message);
    }
}
