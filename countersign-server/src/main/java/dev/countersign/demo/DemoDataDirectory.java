package dev.countersign.demo;

import dev.countersign.DataDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The demo's data directory, started afresh every run: the emulator keeps its messages in memory only, so a
 * database that remembered the last run's requests would show approvals whose Slack messages no longer exist.
 *
 * <p>A marker file says the directory is the demo's; a directory without it is never emptied. While a demo runs it
 * holds a lock on the marker, so a second demo on the same directory is refused instead of emptying it under the
 * first one. Created, like the service's own, readable by its owner only.
 */
final class DemoDataDirectory implements AutoCloseable {

    static final String MARKER = ".countersign-demo";

    private final Path path;
    private final FileChannel marker;
    private final FileLock lock;

    private DemoDataDirectory(Path path, FileChannel marker, FileLock lock) {
        this.path = path;
        this.marker = marker;
        this.lock = lock;
    }

    /** Claims the directory (creating it), empties it, and keeps it claimed until {@link #close()}. */
    static DemoDataDirectory claim(Path directory) {
        Path dir = directory.toAbsolutePath().normalize();
        try {
            if (Files.exists(dir) && !Files.isDirectory(dir)) {
                throw new DemoFailure(dir + " is a file, not a directory; pass --data-dir with a directory");
            }
            if (Files.exists(dir) && !Files.exists(dir.resolve(MARKER)) && !isEmpty(dir)) {
                throw new DemoFailure(dir + " holds files the demo did not make (no " + MARKER + " in it), so it "
                        + "will not empty it; pass --data-dir with a new directory");
            }
            DataDirectory.prepare(dir);
            FileChannel marker =
                    FileChannel.open(dir.resolve(MARKER), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = tryLock(marker);
            if (lock == null) {
                marker.close();
                throw new DemoFailure("another demo is running with the data directory " + dir + "; stop it "
                        + "(Ctrl-C) or pass --data-dir with another directory");
            }
            emptyOut(dir);
            marker.truncate(0)
                    .write(StandardCharsets.UTF_8.encode("Made by 'countersign demo'; emptied at every start.\n"));
            return new DemoDataDirectory(dir, marker, lock);
        } catch (IOException e) {
            throw new DemoFailure("cannot prepare the demo data directory " + dir + ": " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new DemoFailure(
                    "cannot prepare the demo data directory " + dir + ": "
                            + e.getCause().getMessage(),
                    e);
        }
    }

    Path path() {
        return path;
    }

    @Override
    public void close() {
        try {
            lock.release();
            marker.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException sameJvm) {
            return null;
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    /** Everything but the marker, which stays locked. */
    private static void emptyOut(Path dir) throws IOException {
        Path marker = dir.resolve(MARKER);
        try (Stream<Path> entries = Files.walk(dir)) {
            entries.sorted(Comparator.reverseOrder())
                    .filter(path -> !path.equals(dir) && !path.equals(marker))
                    .forEach(path -> {
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
