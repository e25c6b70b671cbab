package dev.countersign.cli;

/**
 * A failure the CLI reports on stderr as {@code countersign: <message>} and exits with {@link #exitCode()}.
 * The message says what went wrong and, where it can, what to do about it; it never contains the API token.
 */
class CliFailure extends RuntimeException {

    private final ExitCode exitCode;

    CliFailure(ExitCode exitCode, String message) {
        this(exitCode, message, null);
    }

    CliFailure(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    ExitCode exitCode() {
        return exitCode;
    }

    /** Whether trying again later may succeed (server unreachable or temporarily unavailable). */
    boolean isTransient() {
        return false;
    }

    static CliFailure usage(String message) {
        return new CliFailure(ExitCode.USAGE_ERROR, message);
    }
}
