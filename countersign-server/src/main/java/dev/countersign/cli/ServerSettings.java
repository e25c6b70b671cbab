package dev.countersign.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the server is and how to authenticate, resolved from options, environment and the token file the server
 * writes when it generates a token.
 *
 * <p>Precedence, first wins: URL from {@code --url}, {@code COUNTERSIGN_URL}, {@code http://localhost:8080};
 * token from {@code --token}, {@code COUNTERSIGN_TOKEN} (a personal or client token), {@code COUNTERSIGN_API_TOKEN}
 * (the admin token), the file
 * {@code ${COUNTERSIGN_DATA_DIR:-./data}/api-token} (relative to the working directory, as the server resolves it).
 * {@link #toString()} never shows the token.
 */
final class ServerSettings {

    static final String DEFAULT_URL = "http://localhost:8080";

    private final URI baseUrl;
    private final String token;
    private final String tokenSource;

    private ServerSettings(URI baseUrl, String token, String tokenSource) {
        this.baseUrl = baseUrl;
        this.token = token;
        this.tokenSource = tokenSource;
    }

    static ServerSettings resolve(String urlOption, String tokenOption, CliEnvironment environment) {
        URI baseUrl = baseUrl(urlOption, environment);
        if (tokenOption != null && !tokenOption.isBlank()) {
            return new ServerSettings(baseUrl, tokenOption.strip(), "--token");
        }
        for (String variable : new String[] {"COUNTERSIGN_TOKEN", "COUNTERSIGN_API_TOKEN"}) {
            String fromEnvironment = environment.variable(variable);
            if (fromEnvironment != null) {
                return new ServerSettings(baseUrl, fromEnvironment, variable);
            }
        }
        Path tokenFile = tokenFile(environment);
        return readToken(tokenFile)
                .map(token -> new ServerSettings(baseUrl, token, "the token file " + tokenFile))
                .orElseGet(() -> new ServerSettings(baseUrl, null, null));
    }

    /** The server's base URL without a trailing slash, e.g. {@code http://localhost:8080}. */
    URI baseUrl() {
        return baseUrl;
    }

    Optional<String> token() {
        return Optional.ofNullable(token);
    }

    /** Where the token came from, for error messages: never the token itself. */
    String describeTokenSource() {
        return tokenSource == null
                ? "no API token was found: set COUNTERSIGN_TOKEN (yours) or COUNTERSIGN_API_TOKEN (the admin's), "
                        + "pass --token, or run where "
                        + "${COUNTERSIGN_DATA_DIR:-./data}/api-token exists"
                : "the token from " + tokenSource + " was not accepted";
    }

    @Override
    public String toString() {
        return "ServerSettings[baseUrl=" + baseUrl + ", token=" + (token == null ? "none" : "from " + tokenSource)
                + "]";
    }

    static Path tokenFile(CliEnvironment environment) {
        String dataDirectory = environment.variable("COUNTERSIGN_DATA_DIR");
        return environment
                .workingDirectory()
                .resolve(dataDirectory == null ? "data" : dataDirectory)
                .resolve("api-token")
                .normalize();
    }

    private static URI baseUrl(String urlOption, CliEnvironment environment) {
        String source = "--url";
        String text = urlOption == null || urlOption.isBlank() ? null : urlOption.strip();
        if (text == null) {
            source = "COUNTERSIGN_URL";
            text = environment.variable("COUNTERSIGN_URL");
        }
        if (text == null) {
            return URI.create(DEFAULT_URL);
        }
        String withoutSlash = text.replaceAll("/+$", "");
        try {
            URI uri = new URI(withoutSlash);
            if (!("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    || uri.getHost() == null
                    || uri.getQuery() != null
                    || uri.getFragment() != null) {
                throw new URISyntaxException(text, "not an http(s) URL with a host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw CliFailure.usage(source + " '" + text + "' is not a server URL; use e.g. " + DEFAULT_URL);
        }
    }

    private static Optional<String> readToken(Path tokenFile) {
        if (!Files.isRegularFile(tokenFile)) {
            return Optional.empty();
        }
        try {
            String token = Files.readString(tokenFile).strip();
            return token.isEmpty() ? Optional.empty() : Optional.of(token);
        } catch (IOException e) {
            throw CliFailure.usage("cannot read the API token file " + tokenFile + ": " + e.getMessage()
                    + "; set COUNTERSIGN_API_TOKEN or pass --token instead");
        }
    }
}
