package dev.countersign.api;

import dev.countersign.CountersignProperties;
import dev.countersign.approval.ApprovalLevel;
import dev.countersign.approval.ApprovalRequest;
import dev.countersign.approval.AuditEntry;
import dev.countersign.approval.Decision;
import dev.countersign.approval.Email;
import dev.countersign.approval.Reminders;
import dev.countersign.approval.RequestId;
import dev.countersign.approval.RequestPage;
import dev.countersign.approval.Required;
import dev.countersign.delivery.DeliveryProblems;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Turns domain objects into the API's JSON shapes, and cursors into positions and back. */
@Component
class RequestViews {

    private final CountersignProperties properties;
    private final DeliveryProblems deliveryProblems;

    RequestViews(CountersignProperties properties, DeliveryProblems deliveryProblems) {
        this.properties = properties;
        this.deliveryProblems = deliveryProblems;
    }

    /** Where links point: the configured public address, else the address this call came in on. */
    String baseUrl(HttpServletRequest http) {
        if (properties.baseUrl() != null) {
            return properties.baseUrl().toString().replaceAll("/+$", "");
        }
        return ServletUriComponentsBuilder.fromContextPath(http).build().toUriString();
    }

    RequestView view(ApprovalRequest request, String baseUrl) {
        List<RequestView.LevelView> levels = new ArrayList<>();
        List<ApprovalLevel> defined = request.spec().levels();
        for (int i = 0; i < defined.size(); i++) {
            ApprovalLevel level = defined.get(i);
            levels.add(new RequestView.LevelView(
                    emails(level.approvers()),
                    level.required() instanceof Required.AtLeast(int count) ? (Object) count : "all",
                    lower(request.levelStatus(i + 1))));
        }
        var execution = request.execution() == null
                ? null
                : new RequestView.ExecutionView(
                        request.execution().executor().value(),
                        request.execution().at(),
                        lower(request.execution().via()));
        String id = request.id().value();
        return new RequestView(
                id,
                request.spec().type(),
                request.spec().title(),
                request.spec().description(),
                request.spec().fields(),
                request.spec().requester().value(),
                CredentialView.of(request.spec().createdBy()),
                lower(request.spec().mode()),
                lower(request.status()),
                request.executable(),
                request.currentLevel(),
                levels,
                request.decisions().stream().map(RequestViews::decision).toList(),
                emails(request.spec().executors()),
                execution,
                request.spec().channel(),
                request.createdAt(),
                request.decidedAt(),
                request.expiresAt(),
                reminders(request.spec().reminders()),
                deliveryProblems.of(id).stream()
                        .map(p -> new RequestView.DeliveryProblemView(p.recipient(), p.problem(), p.at()))
                        .toList(),
                new RequestView.Links(baseUrl + "/api/v1/requests/" + id, baseUrl + "/requests/" + id));
    }

    AuditEntryView view(AuditEntry entry) {
        return new AuditEntryView(
                entry.at(),
                entry.action(),
                entry.actor(),
                entry.onBehalfOf() == null ? null : entry.onBehalfOf().value(),
                lower(entry.via()),
                entry.detail(),
                CredentialView.of(entry.credential()));
    }

    private static RequestView.RemindersView reminders(Reminders reminders) {
        return reminders == null
                ? null
                : new RequestView.RemindersView(
                        reminders.every() == null ? null : reminders.every().toString(),
                        reminders.max(),
                        reminders.escalateTo());
    }

    private static RequestView.DecisionView decision(Decision d) {
        return new RequestView.DecisionView(
                d.approver().value(),
                d.onBehalfOf() == null ? null : d.onBehalfOf().value(),
                lower(d.verdict()),
                d.reason(),
                d.at(),
                lower(d.via()));
    }

    private static List<String> emails(List<Email> emails) {
        return emails.stream().map(Email::value).toList();
    }

    static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    static String cursor(RequestPage.Position position) {
        if (position == null) {
            return null;
        }
        String raw = position.createdAt().toString() + "|" + position.id().value();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static RequestPage.Position position(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
            return new RequestPage.Position(Instant.parse(parts[0]), new RequestId(parts[1]));
        } catch (RuntimeException e) {
            throw new BadApiInput("cursor is not one this API handed out; pass nextCursor from the previous page");
        }
    }
}
