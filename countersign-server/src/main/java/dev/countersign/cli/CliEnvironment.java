package dev.countersign.cli;

import java.nio.file.Path;
import java.util.Map;

/**
 * What the CLI reads from its surroundings: environment variables and the working directory (against which a
 * relative {@code COUNTERSIGN_DATA_DIR}, default {@code ./data}, is resolved). Tests pass their own.
 */
record CliEnvironment(Map<String, String> variables, Path workingDirectory) {

    CliEnvironment {
        variables = Map.copyOf(variables);
        workingDirectory = workingDirectory.toAbsolutePath();
    }

    static CliEnvironment current() {
        return new CliEnvironment(System.getenv(), Path.of(""));
    }

    /** The variable's value, or {@code null} when it is unset or blank. */
    String variable(String name) {
        String value = variables.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }
}
