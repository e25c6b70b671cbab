package dev.countersign.api;

/** A query parameter or header the API cannot use: answered with 400 and this message. */
final class BadApiInput extends RuntimeException {

    BadApiInput(String message) {
        super(message, null, false, false);
    }
}
