package dev.countersign.demo;

/** The demo cannot start as asked (a port in use, a data directory that is not the demo's): the user can fix it. */
final class DemoFailure extends RuntimeException {

    DemoFailure(String message) {
        super(message);
    }

    DemoFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
