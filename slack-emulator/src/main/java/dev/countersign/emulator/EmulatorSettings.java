package dev.countersign.emulator;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How an emulated workspace is set up. Start from {@link #defaults()} and change what a test cares about with the
 * {@code with…} methods.
 *
 * @param port            0 picks a free port
 * @param botToken        the only token the Web API accepts
 * @param signingSecret   signs every request sent to the Request URL
 * @param grantedScopes   sent back in {@code x-oauth-scopes} on every Web API answer
 * @param requestUrl      where interactivity goes; may be {@code null} until {@link SlackEmulator#requestUrl(URI)}
 * @param triggerLifetime how long a trigger id can open a modal (three seconds on Slack)
 */
public record EmulatorSettings(
        int port,
        String botToken,
        String signingSecret,
        String teamId,
        String teamDomain,
        String teamName,
        String appId,
        String botUserId,
        String botId,
        String verificationToken,
        List<String> grantedScopes,
        URI requestUrl,
        Duration triggerLifetime) {

    public static final List<String> DEFAULT_SCOPES =
            List.of("chat:write", "im:write", "im:history", "users:read", "users:read.email", "commands");

    public EmulatorSettings {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0 (any free port) or 1-65535, not " + port);
        }
        Objects.requireNonNull(botToken, "botToken");
        Objects.requireNonNull(signingSecret, "signingSecret");
        Objects.requireNonNull(teamId, "teamId");
        Objects.requireNonNull(teamDomain, "teamDomain");
        grantedScopes = List.copyOf(grantedScopes);
        if (triggerLifetime.isNegative()) {
            throw new IllegalArgumentException("triggerLifetime cannot be negative");
        }
    }

    public static EmulatorSettings defaults() {
        return new EmulatorSettings(
                0,
                "xoxb-emulator-bot-token",
                "emulator-signing-secret",
                "T0EMULATED",
                "countersign-emulated",
                "Countersign (emulated)",
                "A0EMULATED",
                "U0EMULBOT",
                "B0EMULBOT",
                "emulator-verification-token",
                DEFAULT_SCOPES,
                null,
                Duration.ofSeconds(3));
    }

    public EmulatorSettings withPort(int port) {
        return new EmulatorSettings(
                port,
                botToken,
                signingSecret,
                teamId,
                teamDomain,
                teamName,
                appId,
                botUserId,
                botId,
                verificationToken,
                grantedScopes,
                requestUrl,
                triggerLifetime);
    }

    public EmulatorSettings withBotToken(String botToken) {
        return new EmulatorSettings(
                port,
                botToken,
                signingSecret,
                teamId,
                teamDomain,
                teamName,
                appId,
                botUserId,
                botId,
                verificationToken,
                grantedScopes,
                requestUrl,
                triggerLifetime);
    }

    public EmulatorSettings withSigningSecret(String signingSecret) {
        return new EmulatorSettings(
                port,
                botToken,
                signingSecret,
                teamId,
                teamDomain,
                teamName,
                appId,
                botUserId,
                botId,
                verificationToken,
                grantedScopes,
                requestUrl,
                triggerLifetime);
    }

    public EmulatorSettings withTeam(String teamId, String teamDomain) {
        return new EmulatorSettings(
                port,
                botToken,
                signingSecret,
                teamId,
                teamDomain,
                teamName,
                appId,
                botUserId,
                botId,
                verificationToken,
                grantedScopes,
                requestUrl,
                triggerLifetime);
    }

    public EmulatorSettings withGrantedScopes(List<String> grantedScopes) {
        return new EmulatorSettings(
                port,
                botToken,
                signingSecret,
                teamId,
                teamDomain,
                teamName,
                appId,
                botUserId,
                botId,
                verificationToken,
                grantedScopes,
                requestUrl,
                triggerLifetime);
    }

    public EmulatorSettings withRequestUrl(URI requestUrl) {
        return new EmulatorSettings(
                port,
                botToken,
                signingSecret,
                teamId,
                teamDomain,
                teamName,
                appId,
                botUserId,
                botId,
                verificationToken,
                grantedScopes,
                requestUrl,
                triggerLifetime);
    }

    public EmulatorSettings withTriggerLifetime(Duration triggerLifetime) {
        return new EmulatorSettings(
                port,
                botToken,
                signingSecret,
                teamId,
                teamDomain,
                teamName,
                appId,
                botUserId,
                botId,
                verificationToken,
                grantedScopes,
                requestUrl,
                triggerLifetime);
    }
}
