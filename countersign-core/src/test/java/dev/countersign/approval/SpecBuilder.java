package dev.countersign.approval;

import static dev.countersign.approval.People.ALICE;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A valid request by Alice unless told otherwise; levels are added in order. */
final class SpecBuilder {

    private String type = "deploy";
    private String title = "Deploy api v2.3 to prod";
    private String description;
    private Map<String, String> fields = new LinkedHashMap<>();
    private Email requester = ALICE;
    private final List<ApprovalLevel> levels = new ArrayList<>();
    private Mode mode = Mode.STANDARD;
    private List<Email> executors = List.of();
    private String channel;
    private Duration expiresAfter;
    private String callbackUrl;
    private Reminders reminders;

    static SpecBuilder aRequest() {
        return new SpecBuilder();
    }

    SpecBuilder level(int required, Email... approvers) {
        levels.add(new ApprovalLevel(List.of(approvers), Required.atLeast(required)));
        return this;
    }

    SpecBuilder levelOfAll(Email... approvers) {
        levels.add(new ApprovalLevel(List.of(approvers), Required.all()));
        return this;
    }

    SpecBuilder level(ApprovalLevel level) {
        levels.add(level);
        return this;
    }

    SpecBuilder urgent() {
        mode = Mode.URGENT;
        return this;
    }

    SpecBuilder executors(Email... people) {
        executors = List.of(people);
        return this;
    }

    SpecBuilder executors(List<Email> people) {
        executors = people;
        return this;
    }

    SpecBuilder requester(Email person) {
        requester = person;
        return this;
    }

    SpecBuilder type(String value) {
        type = value;
        return this;
    }

    SpecBuilder title(String value) {
        title = value;
        return this;
    }

    SpecBuilder description(String value) {
        description = value;
        return this;
    }

    SpecBuilder field(String name, String value) {
        fields.put(name, value);
        return this;
    }

    SpecBuilder fields(Map<String, String> values) {
        fields = values;
        return this;
    }

    SpecBuilder channel(String value) {
        channel = value;
        return this;
    }

    SpecBuilder expiresAfter(Duration value) {
        expiresAfter = value;
        return this;
    }

    SpecBuilder callbackUrl(String value) {
        callbackUrl = value;
        return this;
    }

    SpecBuilder reminders(Reminders value) {
        reminders = value;
        return this;
    }

    RequestSpec build() {
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
                reminders);
    }
}
