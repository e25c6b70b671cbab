package dev.countersign.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The server under load and the token to use, resolved like the other CLI commands do: {@code --url}, else
 * {@code COUNTERSIGN_URL}, else {@code http://localhost:8080}; {@code --token}, else {@code COUNTERSIGN_API_TOKEN},
 * else the file {@code ${COUNTERSIGN_DATA_DIR:-./data}/api-token}.
 *
 * <p>Only a server on this machine is accepted: a load generator pointed at somebody else's server by a typo is
 * a denial of service, not a benchmark.
 */
record BenchTarget(URI baseUrl, String token) {

    static final String DEFAULT_URL = "http://localhost:8080";
    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    BenchTarget {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("no API token: pass --token, set COUNTERSIGN_API_TOKEN, or run where "
                    + "${COUNTERSIGN_DATA_DIR:-./data}/api-token exists");
        }
    }

    /**
     * @throws IllegalArgumentException when the URL is not an http URL of this machine or no token is found; the
     *                                  message says what to pass instead
     */
    static BenchTarget resolve(
            String urlOption, String tokenOption, Map<String, String> environment, Path workingDirectory) {
        String url = firstOf(urlOption, environment.get("COUNTERSIGN_URL"), DEFAULT_URL)
                .replaceAll("/+$", "");
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + url + "' is not a URL; use e.g. " + DEFAULT_URL);
        }
        if (!"http".equalsIgnoreCase(uri.getScheme())
                || uri.getHost() == null
                || !LOCAL_HOSTS.contains(uri.getHost().toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("bench only loads a server on this machine (http://localhost or "
                    + "http://127.0.0.1), not '" + url + "'");
        }
        String token = firstOf(tokenOption, environment.get("COUNTERSIGN_API_TOKEN"));
        return new BenchTarget(uri, token != null ? token : tokenFile(environment, workingDirectory));
    }

    @Override
    public String toString() {
        return "BenchTarget[" + baseUrl + ", token hidden]";
    }

    private static String tokenFile(Map<String, String> environment, Path workingDirectory) {
        String dataDirectory = firstOf(environment.get("COUNTERSIGN_DATA_DIR"), "data");
        Path file = workingDirectory.resolve(dataDirectory).resolve("api-token");
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the API token file " + file, e);
        }
    }

    private static String firstOf(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        return null;
    }
}
