package dev.countersign;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * The data directory ({@code COUNTERSIGN_DATA_DIR}, {@code ./data} by default): the embedded database, with the
 * secrets it holds sealed, and the generated API token. Countersign creates it readable by its owner only (mode
 * 700), before anything is written into it: left to the database, it would be created with the umask's mode,
 * usually readable by every user of the machine. A directory that exists already is left as it is, since its owner
 * may have reasons; when others than the owner may read it, the log says so and how to change it.
 *
 * <p>Runs for the server ({@link CountersignServer}) once its settings are known and before any bean is created (so
 * before the database opens), registered in {@code META-INF/spring.factories}; the demo uses {@link #prepare} for its
 * own directory.
 */
public final class DataDirectory implements ApplicationListener<ApplicationPreparedEvent> {

    private static final Logger log = LoggerFactory.getLogger(DataDirectory.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    @Override
    public void onApplicationEvent(ApplicationPreparedEvent event) {
        if (!event.getSpringApplication().getAllSources().contains(CountersignServer.class)) {
            return; // another application in this jar (the doctor only looks, and must not create anything)
        }
        Environment environment = event.getApplicationContext().getEnvironment();
        boolean embeddedDatabase = isBlank(environment.getProperty("countersign.db.url"));
        boolean generatedToken = isBlank(environment.getProperty("countersign.api-token"));
        if (embeddedDatabase || generatedToken) {
            prepare(Path.of(environment.getProperty("countersign.data-dir", "./data")));
        }
    }

    /**
     * Creates the directory with mode 700 when it does not exist; warns when it exists and others may read it.
     *
     * @throws UncheckedIOException when it cannot be created, naming the directory
     */
    public static void prepare(Path directory) {
        Path dir = directory.toAbsolutePath().normalize();
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        try {
            if (!Files.exists(dir)) {
                if (dir.getParent() != null) {
                    Files.createDirectories(dir.getParent());
                }
                if (posix) {
                    Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                    Files.setPosixFilePermissions(dir, OWNER_ONLY); // whatever the umask took away or not
                } else {
                    Files.createDirectory(dir);
                }
                log.info(
                        "Created the data directory {}{}", dir, posix ? " (mode 700: only its owner can read it)" : "");
                return;
            }
            if (posix && Files.isDirectory(dir)) {
                Set<PosixFilePermission> open = EnumSet.noneOf(PosixFilePermission.class);
                open.addAll(Files.getPosixFilePermissions(dir));
                open.removeAll(OWNER_ONLY);
                if (!open.isEmpty()) {
                    log.warn(
                            "The data directory {} is open to others than its owner ({}): it holds the database and "
                                    + "may hold the API token. Unless that is meant, run: chmod 700 {}",
                            dir,
                            PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)),
                            dir);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot create the data directory " + dir + " (" + e.getMessage()
                            + "); set COUNTERSIGN_DATA_DIR to a directory this user may create or write",
                    e);
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
