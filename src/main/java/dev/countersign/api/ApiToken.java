package dev.countersign.api;

import dev.countersign.CountersignProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The bootstrap admin token. From {@code COUNTERSIGN_API_TOKEN}; without it, one is generated once into
 * {@code <data dir>/api-token} (readable by its owner only), which the CLI on the same machine reads. The token
 * itself is never logged; only a digest is kept in memory.
 */
@Component
class ApiToken {

    private static final Logger log = LoggerFactory.getLogger(ApiToken.class);

    private final byte[] digest;

    ApiToken(CountersignProperties properties) {
        String token = properties.apiToken();
        if (token == null || token.isBlank()) {
            Path file = properties.dataDir().resolve("api-token");
            token = readOrCreate(file);
            log.info("API token: COUNTERSIGN_API_TOKEN is not set, using the generated token in {}",
                    file.toAbsolutePath().normalize());
        } else {
            log.info("API token: set by COUNTERSIGN_API_TOKEN");
        }
        this.digest = sha256(token.strip());
    }

    /** Compares in constant time: equal-length digests, {@link MessageDigest#isEqual}. */
    boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(digest, sha256(presented));
    }

    private static String readOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            }
            Files.createDirectories(file.getParent());
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            String token = "cs_" + HexFormat.of().formatHex(random);
            Path temporary = file.resolveSibling("api-token.tmp");
            Files.writeString(temporary, token + "\n", StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows and friends: the data directory's own permissions are what protect it.
            }
            Files.move(temporary, file);
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the API token file " + file
                    + "; set COUNTERSIGN_API_TOKEN or make COUNTERSIGN_DATA_DIR writable", e);
        }
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
