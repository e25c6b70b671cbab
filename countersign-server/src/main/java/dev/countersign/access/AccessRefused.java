package dev.countersign.access;

/** The caller's credential does not allow this call; the message says what would (answered as 403). */
public final class AccessRefused extends RuntimeException {

    public AccessRefused(String message) {
        super(message);
    }
}
