package dev.countersign.cli;

/** No HTTP answer at all: connection refused, DNS failure, or the server did not answer in time. */
final class ServerUnreachable extends CliFailure {

    ServerUnreachable(String message, Throwable cause) {
        super(ExitCode.SERVER_ERROR, message, cause);
    }

    @Override
    boolean isTransient() {
        return true;
    }
}
