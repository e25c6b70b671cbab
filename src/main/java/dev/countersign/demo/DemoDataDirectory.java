package dev.countersign.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The demo's data directory, started afresh every run: the emulator keeps its messages in memory only, so a
 * database that remembered the last run's requests would show approvals whose Slack messages no longer exist.
 * A marker file says the directory is the demo's; a directory without it is never emptied.
 */
final class DemoDataDirectory {

    static final String MARKER = ".countersign-demo";

    private DemoDataDirectory() {
    }

    /** Empties (or creates) the directory and marks it; refuses a directory the demo did not make. */
    static Path prepare(Path directory) {
        Path dir = directory.toAbsolutePath().normalize();
        try {
            if (Files.exists(dir)) {
                if (!Files.isDirectory(dir)) {
                    throw new DemoFailure(dir + " is a file, not a directory; pass --data-dir with a directory");
                }
                if (!Files.exists(dir.resolve(MARKER)) && !isEmpty(dir)) {
                    throw new DemoFailure(dir + " holds files the demo did not make (no " + MARKER + " in it), so "
                            + "it will not empty it; pass --data-dir with a new directory");
                }
                emptyOut(dir);
            }
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(MARKER), "Made by 'countersign demo'; emptied at every start.\n");
            return dir;
        } catch (IOException e) {
            throw new DemoFailure("cannot prepare the demo data directory " + dir + ": " + e.getMessage(), e);
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    private static void emptyOut(Path dir) throws IOException {
        try (Stream<Path> entries = Files.walk(dir)) {
            entries.sorted(Comparator.reverseOrder()).filter(path -> !path.equals(dir)).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
