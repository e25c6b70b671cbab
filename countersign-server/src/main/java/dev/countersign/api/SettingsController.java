package dev.countersign.api;

import dev.countersign.settings.AdminSettings;
import dev.countersign.settings.Setting;
import dev.countersign.settings.SettingsUnavailable;
import dev.countersign.slack.SlackSettings;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/v1/settings}: what an administrator may change while the service runs. Secrets go in, never out: the
 * view says only whether one is set and where it comes from.
 */
@RestController
@RequestMapping("/api/v1/settings")
@Tag(name = "Settings", description = "Change Slack behaviour and credentials without a restart (audited)")
@SecurityRequirement(name = "bearer")
class SettingsController {

    private static final String CHANGED_BY = "changedBy";

    private final AdminSettings settings;
    private final SlackSettings slack;

    SettingsController(AdminSettings settings, SlackSettings slack) {
        this.settings = settings;
        this.slack = slack;
    }

    /** One setting as shown: a flag's value, or whether a secret is set; where it comes from; who set it last. */
    record SettingView(Boolean value, Boolean set, String source, Instant updatedAt, String updatedBy) {}

    record ChangeView(String setting, String change, Instant at, String by) {}

    @GetMapping
    @Operation(summary = "Every setting, its value (secrets: only whether set) and where it comes from")
    Map<String, Object> show() {
        Map<Setting, AdminSettings.Stored> stored = settings.stored();
        Map<String, Object> view = new LinkedHashMap<>();
        for (Setting setting : Setting.values()) {
            AdminSettings.Stored s = stored.get(setting);
            if (setting.secret()) {
                boolean configured = configuredSecret(setting);
                view.put(
                        setting.apiName(),
                        s != null
                                ? new SettingView(null, true, "database", s.updatedAt(), s.updatedBy())
                                : new SettingView(null, configured, configured ? "configuration" : null, null, null));
            } else {
                view.put(
                        setting.apiName(),
                        s != null
                                ? new SettingView(s.flag(), null, "database", s.updatedAt(), s.updatedBy())
                                : new SettingView(defaultFlag(setting), null, "configuration", null, null));
            }
        }
        view.put("secretsCanBeStored", settings.canStoreSecrets());
        return view;
    }

    @PatchMapping
    @Operation(
            summary = "Change some settings",
            description = "A JSON object with the settings to change: flags "
                    + "true/false, secrets as strings, null to go back to the configuration; \"changedBy\" names who, for the "
                    + "audit. All or nothing. 400 for unknown names or wrong types; 409 for a secret while "
                    + "COUNTERSIGN_SECRET_KEY is not set.")
    Map<String, Object> change(@RequestBody JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new BadApiInput("send a JSON object of settings to change, e.g. {\"slackDecisions\": false}");
        }
        String by = "admin";
        Map<Setting, Optional<Object>> changes = new EnumMap<>(Setting.class);
        for (var field : body.properties()) {
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (name.equals(CHANGED_BY)) {
                if (!value.isString()
                        || value.asString().isBlank()
                        || value.asString().length() > 320) {
                    throw new BadApiInput("changedBy must be a name or email (at most 320 characters)");
                }
                by = value.asString().strip();
                continue;
            }
            Setting setting = Setting.byApiName(name)
                    .orElseThrow(() -> new BadApiInput("'" + name + "' is not a setting; known: " + known()));
            changes.put(setting, parse(setting, value));
        }
        if (changes.isEmpty()) {
            throw new BadApiInput("nothing to change; known settings: " + known());
        }
        settings.change(changes, by);
        return show();
    }

    @GetMapping("/changes")
    @Operation(summary = "Who changed which setting when, newest first (never a secret's value)")
    List<ChangeView> changes(@RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw new BadApiInput("limit must be between 1 and 1000");
        }
        return settings.changes(limit).stream()
                .map(c -> new ChangeView(c.setting().apiName(), c.change(), c.at(), c.by()))
                .toList();
    }

    @ExceptionHandler(SettingsUnavailable.class)
    ResponseEntity<ProblemDetail> unavailable(SettingsUnavailable e) {
        return ResponseEntity.of(ApiProblems.problem(HttpStatus.CONFLICT, "Cannot store this setting", e.getMessage()))
                .build();
    }

    private static Optional<Object> parse(Setting setting, JsonNode value) {
        if (value.isNull()) {
            return Optional.empty();
        }
        if (setting.secret()) {
            if (!value.isString()
                    || value.asString().isBlank()
                    || value.asString().length() > 1000) {
                throw new BadApiInput(setting.apiName() + " must be a non-empty string (or null to clear it)");
            }
            return Optional.of(value.asString().strip());
        }
        if (!value.isBoolean()) {
            throw new BadApiInput(setting.apiName() + " must be true or false (or null for the configured default)");
        }
        return Optional.of(value.asBoolean());
    }

    private boolean defaultFlag(Setting setting) {
        return setting != Setting.SLACK_DECISIONS || slack.buttons();
    }

    private boolean configuredSecret(Setting setting) {
        return (setting == Setting.SLACK_BOT_TOKEN ? slack.botToken() : slack.signingSecret()) != null;
    }

    private static String known() {
        return String.join(
                ", ",
                java.util.Arrays.stream(Setting.values()).map(Setting::apiName).toList());
    }
}
