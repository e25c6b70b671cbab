package dev.countersign.approval;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the caller asks for: the parts of a request that never change after submission. {@link #validate()} lists
 * every problem at once, so a caller can fix them in one go.
 *
 * @param expiresAfter how long the request may stay pending; {@code null} for no expiry
 * @param channel      a Slack channel to post the request to as well; {@code null} for none
 * @param callbackUrl  where to POST the outcome; {@code null} for none
 * @param reminders    how this request asks again when nobody answers; {@code null} for its type's configuration
 * @param createdBy    the credential that submitted it (an API client, the admin token), next to the requester it
 *                     names; {@code null} when not known (requests stored before credentials were recorded)
 */
public record RequestSpec(
        String type,
        String title,
        String description,
        Map<String, String> fields,
        Email requester,
        List<ApprovalLevel> levels,
        Mode mode,
        List<Email> executors,
        String channel,
        Duration expiresAfter,
        String callbackUrl,
        Reminders reminders,
        Credential createdBy) {

    static final Pattern TYPE = Pattern.compile("[a-z0-9-]{1,64}");
    static final int MAX_TITLE = 200;
    static final int MAX_DESCRIPTION = 10_000;
    static final int MAX_FIELDS = 50;
    static final int MAX_FIELD_NAME = 64;
    static final int MAX_FIELD_VALUE = 2_000;
    static final int MAX_LEVELS = 20;
    static final int MAX_EXECUTORS = 50;
    static final Duration MAX_EXPIRY = Duration.ofDays(365);

    public RequestSpec {
        fields = fields == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        levels = levels == null ? List.of() : List.copyOf(levels);
        executors = executors == null ? List.of() : List.copyOf(executors);
        mode = mode == null ? Mode.STANDARD : mode;
    }

    /** A request whose creator is not (yet) known. */
    public RequestSpec(
            String type,
            String title,
            String description,
            Map<String, String> fields,
            Email requester,
            List<ApprovalLevel> levels,
            Mode mode,
            List<Email> executors,
            String channel,
            Duration expiresAfter,
            String callbackUrl,
            Reminders reminders) {
        this(
                type,
                title,
                description,
                fields,
                requester,
                levels,
                mode,
                executors,
                channel,
                expiresAfter,
                callbackUrl,
                reminders,
                null);
    }

    /** A request that leaves reminders to its type's configuration. */
    public RequestSpec(
            String type,
            String title,
            String description,
            Map<String, String> fields,
            Email requester,
            List<ApprovalLevel> levels,
            Mode mode,
            List<Email> executors,
            String channel,
            Duration expiresAfter,
            String callbackUrl) {
        this(
                type,
                title,
                description,
                fields,
                requester,
                levels,
                mode,
                executors,
                channel,
                expiresAfter,
                callbackUrl,
                null,
                null);
    }

    /** The same request, created with this credential. */
    public RequestSpec withCreatedBy(Credential credential) {
        return new RequestSpec(
                type,
                title,
                description,
                fields,
                requester,
                levels,
                mode,
                executors,
                channel,
                expiresAfter,
                callbackUrl,
                reminders,
                credential);
    }

    /** The same request with another expiry (a type's default when the caller set none). */
    public RequestSpec withExpiresAfter(Duration expiry) {
        return new RequestSpec(
                type,
                title,
                description,
                fields,
                requester,
                levels,
                mode,
                executors,
                channel,
                expiry,
                callbackUrl,
                reminders,
                createdBy);
    }

    /** @throws InvalidApprovalRequest naming every problem found */
    public RequestSpec validate() {
        List<String> problems = new ArrayList<>();
        if (type == null || !TYPE.matcher(type).matches()) {
            problems.add("type must match [a-z0-9-]{1,64}, was " + quoted(type));
        }
        if (title == null || title.isBlank()) {
            problems.add("title is required");
        } else if (title.length() > MAX_TITLE) {
            problems.add("title must be at most " + MAX_TITLE + " characters");
        }
        if (description != null && description.length() > MAX_DESCRIPTION) {
            problems.add("description must be at most " + MAX_DESCRIPTION + " characters");
        }
        checkFields(problems);
        if (requester == null) {
            problems.add("requester (an email address) is required");
        }
        checkLevels(problems);
        if (executors.size() > MAX_EXECUTORS) {
            problems.add("at most " + MAX_EXECUTORS + " executors are allowed");
        }
        if (new HashSet<>(executors).size() != executors.size()) {
            problems.add("executors are listed more than once");
        }
        if (channel != null && (channel.isBlank() || channel.length() > 80)) {
            problems.add("channel must be a Slack channel name or id of at most 80 characters");
        }
        if (expiresAfter != null
                && (expiresAfter.isNegative() || expiresAfter.isZero() || expiresAfter.compareTo(MAX_EXPIRY) > 0)) {
            problems.add("expiresAfter must be a positive duration of at most 365 days, e.g. PT24H");
        }
        checkCallbackUrl(problems);
        if (reminders != null) {
            reminders.check(problems);
        }
        if (!problems.isEmpty()) {
            throw new InvalidApprovalRequest(problems);
        }
        return this;
    }

    private void checkFields(List<String> problems) {
        if (fields.size() > MAX_FIELDS) {
            problems.add("at most " + MAX_FIELDS + " fields are allowed");
        }
        fields.forEach((name, value) -> {
            if (name == null || name.isBlank() || name.length() > MAX_FIELD_NAME) {
                problems.add("field names must be 1 to " + MAX_FIELD_NAME + " characters, was " + quoted(name));
            }
            if (value == null || value.length() > MAX_FIELD_VALUE) {
                problems.add("field " + quoted(name) + " needs a value of at most " + MAX_FIELD_VALUE + " characters");
            }
        });
    }

    /**
     * Besides shape, checks that every level can be satisfied whatever happens earlier in the chain: the requester
     * never counts, and one person's decision counts for one level only. An earlier level uses up at most as many
     * people as it needs (its quorum, or all its countable approvers), and in the worst case they are all people who
     * also sit on this level. A request that could get stuck is refused now rather than discovered at expiry.
     */
    private void checkLevels(List<String> problems) {
        if (levels.isEmpty() || levels.size() > MAX_LEVELS) {
            problems.add("levels must hold 1 to " + MAX_LEVELS + " levels, had " + levels.size());
            return;
        }
        Set<Email> onEarlierLevels = new HashSet<>();
        int usedUpByEarlierLevels = 0;
        for (int i = 0; i < levels.size(); i++) {
            int number = i + 1;
            ApprovalLevel level = levels.get(i);
            List<Email> approvers = level.approvers();
            if (approvers.isEmpty() || approvers.size() > ApprovalLevel.MAX_APPROVERS) {
                problems.add("level " + number + " must have 1 to " + ApprovalLevel.MAX_APPROVERS + " approvers");
                continue;
            }
            if (new HashSet<>(approvers).size() != approvers.size()) {
                problems.add("level " + number + " lists an approver more than once");
            }
            if (level.required() == null) {
                problems.add("level " + number + " needs a rule: required is a number or \"all\"");
                continue;
            }
            Set<Email> countable = new HashSet<>(approvers);
            countable.remove(requester);
            Set<Email> alsoEarlier = new HashSet<>(countable);
            alsoEarlier.retainAll(onEarlierLevels);
            int certain = countable.size() - Math.min(alsoEarlier.size(), usedUpByEarlierLevels);
            boolean all = level.required() instanceof Required.All;
            int needed = level.required() instanceof Required.AtLeast(int count) ? count : 1;
            if (!all && needed > approvers.size()) {
                problems.add("level " + number + " requires " + needed + " approvals but lists only " + approvers.size()
                        + " approver(s)");
            } else if (certain < needed) {
                problems.add("level " + number + " requires " + (all ? "all" : needed) + " approval(s) but only "
                        + certain + " of its approvers can be counted for certain (the requester never counts, and"
                        + " one person's decision counts for one level only)");
            }
            onEarlierLevels.addAll(approvers);
            usedUpByEarlierLevels += all ? countable.size() : needed;
        }
    }

    private void checkCallbackUrl(List<String> problems) {
        if (callbackUrl == null) {
            return;
        }
        try {
            URI uri = URI.create(callbackUrl);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    || uri.getHost() == null
                    || callbackUrl.length() > 2_000) {
                problems.add("callbackUrl must be an absolute http(s) URL");
            }
        } catch (IllegalArgumentException e) {
            problems.add("callbackUrl must be an absolute http(s) URL");
        }
    }

    private static String quoted(String value) {
        return value == null ? "nothing" : "'" + value + "'";
    }
}
