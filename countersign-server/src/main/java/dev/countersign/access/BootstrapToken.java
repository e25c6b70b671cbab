package dev.countersign.access;

import dev.countersign.CountersignProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The bootstrap admin token. From {@code COUNTERSIGN_API_TOKEN} (at least 32 characters); without it, one is
 * generated once into {@code <data dir>/api-token}, created readable by its owner only (never chmod-ed after the
 * fact), which the CLI on the same machine reads. The token is never logged; only its digest is kept in memory.
 */
@Component
class BootstrapToken {

    private static final Logger log = LoggerFactory.getLogger(BootstrapToken.class);

    private final byte[] digest;

    BootstrapToken(CountersignProperties properties) {
        String token = properties.apiToken();
        if (token == null || token.isBlank()) {
            Path file = properties.dataDir().resolve("api-token");
            token = readOrCreate(file);
            log.info(
                    "API token: COUNTERSIGN_API_TOKEN is not set, using the generated token in {}",
                    file.toAbsolutePath().normalize());
        } else {
            token = token.strip();
            if (token.length() < Tokens.MIN_LENGTH) {
                throw new IllegalArgumentException("COUNTERSIGN_API_TOKEN must be at least " + Tokens.MIN_LENGTH
                        + " characters long (it is " + token.length() + "); use a random one, e.g. from "
                        + "`openssl rand -base64 32`, or unset it to have one generated into the data directory");
            }
            log.info("API token: set by COUNTERSIGN_API_TOKEN");
        }
        this.digest = Tokens.sha256(token);
    }

    /** Compares in constant time: equal-length digests, {@link MessageDigest#isEqual}. */
    boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(digest, Tokens.sha256(presented));
    }

    private static String readOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                String stored = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (stored.length() < Tokens.MIN_LENGTH) {
                    throw new IllegalStateException("the API token in " + file + " is shorter than " + Tokens.MIN_LENGTH
                            + " characters; delete the file to have a new one generated");
                }
                return stored;
            }
            Files.createDirectories(file.getParent());
            String token = Tokens.newToken();
            Path temporary = Files.createTempFile(file.getParent(), "api-token", ".tmp", ownerOnly());
            try {
                Files.writeString(temporary, token + "\n", StandardCharsets.UTF_8);
                // Complete or not there at all, and never over a token another process just wrote: a hard link
                // fails when the name exists (a rename would replace it), so the first one stays.
                try {
                    Files.createLink(file, temporary);
                } catch (UnsupportedOperationException noLinks) {
                    Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
                }
            } catch (FileAlreadyExistsException raced) {
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            } finally {
                Files.deleteIfExists(temporary);
            }
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read or create the API token file " + file
                            + "; set COUNTERSIGN_API_TOKEN or make COUNTERSIGN_DATA_DIR writable",
                    e);
        }
    }

    private static FileAttribute<?>[] ownerOnly() {
        boolean posix = java.nio.file.FileSystems.getDefault()
                .supportedFileAttributeViews()
                .contains("posix");
        // Windows and friends: the data directory's own permissions are what protect it.
        return posix
                ? new FileAttribute<?>[] {
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
                }
                : new FileAttribute<?>[0];
    }
}
