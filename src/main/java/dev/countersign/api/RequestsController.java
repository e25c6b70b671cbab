package dev.countersign.api;

import dev.countersign.Durations;
import dev.countersign.approval.Actor;
import dev.countersign.approval.ApprovalLevel;
import dev.countersign.approval.ApprovalRequest;
import dev.countersign.approval.ApprovalRequests;
import dev.countersign.approval.AuditTrail;
import dev.countersign.approval.CancelRequest;
import dev.countersign.approval.DecideRequest;
import dev.countersign.approval.Email;
import dev.countersign.approval.IdempotencyKey;
import dev.countersign.approval.InvalidApprovalRequest;
import dev.countersign.approval.Mode;
import dev.countersign.approval.RecordExecution;
import dev.countersign.approval.RequestId;
import dev.countersign.approval.RequestNotFound;
import dev.countersign.approval.RequestQuery;
import dev.countersign.approval.Reminders;
import dev.countersign.approval.RequestSpec;
import dev.countersign.approval.Required;
import dev.countersign.approval.Status;
import dev.countersign.approval.SubmitRequest;
import dev.countersign.approval.Verdict;
import dev.countersign.approval.Via;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import dev.countersign.schedule.RequestTypes;
import dev.countersign.slack.SlackExchanges;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

@RestController
@RequestMapping("/api/v1/requests")
@Tag(name = "Requests", description = "Ask for approval, decide, wait for the outcome")
@SecurityRequirement(name = "bearer")
class RequestsController {

    static final Duration MAX_WAIT = Duration.ofSeconds(120);

    private final SubmitRequest submit;
    private final DecideRequest decide;
    private final CancelRequest cancel;
    private final RecordExecution execution;
    private final ApprovalRequests requests;
    private final AuditTrail audit;
    private final RequestWaiters waiters;
    private final RequestViews views;
    private final RequestTypes types;

    /** Present when Slack is configured. */
    private final ObjectProvider<SlackExchanges> slackExchanges;

    RequestsController(SubmitRequest submit, DecideRequest decide, CancelRequest cancel, RecordExecution execution,
                       ApprovalRequests requests, AuditTrail audit, RequestWaiters waiters, RequestViews views,
                       ObjectProvider<SlackExchanges> slackExchanges, RequestTypes types) {
        this.submit = submit;
        this.decide = decide;
        this.cancel = cancel;
        this.execution = execution;
        this.requests = requests;
        this.audit = audit;
        this.waiters = waiters;
        this.views = views;
        this.slackExchanges = slackExchanges;
        this.types = types;
    }

    @PostMapping
    @Operation(summary = "Ask for approval", description = "201 with the new request; with an Idempotency-Key that "
            + "was used before for the same request, 200 with the existing one; for a different request, 409.")
    ResponseEntity<RequestView> create(@RequestBody NewRequest body,
                                       @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
                                       HttpServletRequest http) {
        RequestSpec spec = spec(body);
        if (spec.expiresAfter() == null) {
            spec = spec.withExpiresAfter(types.expiresAfter(spec.type()));
        }
        var submitted = submit.submit(spec, idempotencyKey == null ? null : IdempotencyKey.of(idempotencyKey, spec),
                Via.API);
        RequestView view = views.view(submitted.request(), views.baseUrl(http));
        return submitted.created()
                ? ResponseEntity.created(URI.create(view.links().self())).body(view)
                : ResponseEntity.ok().location(URI.create(view.links().self())).body(view);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One request with its levels, decisions and execution")
    RequestView get(@PathVariable String id, HttpServletRequest http) {
        return views.view(load(id), views.baseUrl(http));
    }

    @GetMapping
    @Operation(summary = "List requests, newest first")
    RequestPageView list(@RequestParam(required = false) @Parameter(description = "pending, approved, rejected, "
                                 + "expired or cancelled") String status,
                         @RequestParam(required = false) @Parameter(description = "listed on any level") String approver,
                         @RequestParam(required = false) String requester,
                         @RequestParam(defaultValue = "" + RequestQuery.DEFAULT_LIMIT) int limit,
                         @RequestParam(required = false) String cursor,
                         HttpServletRequest http) {
        RequestQuery query;
        try {
            query = new RequestQuery(status == null ? null : enumValue(Status.class, "status", status),
                    approver == null ? null : new Email(approver), requester == null ? null : new Email(requester),
                    limit, RequestViews.position(cursor));
        } catch (InvalidApprovalRequest e) {
            throw new BadApiInput(e.getMessage());
        }
        var page = requests.search(query);
        String base = views.baseUrl(http);
        return new RequestPageView(page.items().stream().map(r -> views.view(r, base)).toList(),
                RequestViews.cursor(page.next()));
    }

    @GetMapping("/{id}/wait")
    @Operation(summary = "Wait for the outcome (long-poll)", description = "Answers as soon as the request is "
            + "approved, rejected, expired or cancelled, else after the timeout with its current state (status "
            + "pending). Holds no server thread while waiting.")
    DeferredResult<RequestView> await(@PathVariable String id,
                                      @RequestParam(defaultValue = "30s") @Parameter(description = "0s to 120s, "
                                              + "e.g. 30s, 2m, PT90S") String timeout,
                                      HttpServletRequest http) {
        Duration wait = waitTimeout(timeout);
        RequestId requestId = requestId(id);
        return waiters.await(requestId, wait, views.baseUrl(http));
    }

    @PostMapping("/{id}/decisions")
    @Operation(summary = "Approve or reject the current level", description = "403 when this person may not "
            + "decide (not an approver of the current level, the requester, a proxy without delegation); 409 when "
            + "they already decided or the request is finished; 422 for a rejection without a reason or of an "
            + "urgent request.")
    RequestView decide(@PathVariable String id, @RequestBody DecisionInput body, HttpServletRequest http) {
        Verdict verdict = enumValue(Verdict.class, "verdict", required("verdict", body.verdict()));
        Email approver = new Email(required("approver", body.approver()));
        Email onBehalfOf = body.onBehalfOf() == null ? null : new Email(body.onBehalfOf());
        var decided = decide.decide(requestId(id), approver, onBehalfOf, verdict, body.reason(), Via.API);
        return views.view(decided, views.baseUrl(http));
    }

    @PostMapping("/{id}/cancel")
    @Operation(summary = "Cancel a pending request")
    RequestView cancel(@PathVariable String id, @RequestBody(required = false) CancelInput body,
                       HttpServletRequest http) {
        // The bootstrap token is an administrator's: it may cancel any request. "by" says who, for the audit trail.
        String by = body == null || body.by() == null ? "admin" : new Email(body.by()).value();
        var cancelled = cancel.cancel(requestId(id), Actor.administrator(by), body == null ? null : body.reason(),
                Via.API);
        return views.view(cancelled, views.baseUrl(http));
    }

    @PostMapping("/{id}/execution")
    @Operation(summary = "Record that the approved work ran", description = "Once, by a listed executor, while the "
            + "request is executable.")
    RequestView execute(@PathVariable String id, @RequestBody ExecutionInput body, HttpServletRequest http) {
        var executed = execution.record(requestId(id), new Email(required("executor", body.executor())), Via.API);
        return views.view(executed, views.baseUrl(http));
    }

    @GetMapping("/{id}/events")
    @Operation(summary = "The request's audit trail, oldest first")
    List<AuditEntryView> events(@PathVariable String id) {
        RequestId requestId = load(id).id();
        return audit.of(requestId).stream().map(views::view).toList();
    }

    @GetMapping("/{id}/slack-exchanges")
    @Operation(summary = "Every exchange with Slack about the request, oldest first",
            description = "Web API calls out (chat.postMessage, chat.update, …) and callbacks in (clicks, modal "
                    + "submissions), each with its outcome. Empty when Slack is not configured.")
    List<SlackExchanges.Exchange> slackExchanges(@PathVariable String id) {
        RequestId requestId = load(id).id();
        SlackExchanges exchanges = slackExchanges.getIfAvailable();
        return exchanges == null ? List.of() : exchanges.of(requestId.value());
    }

    private ApprovalRequest load(String id) {
        return requests.find(requestId(id)).orElseThrow(() -> new RequestNotFound(id));
    }

    private static RequestId requestId(String id) {
        return new RequestId(id);
    }

    static Duration waitTimeout(String timeout) {
        Duration wait;
        try {
            wait = Durations.parse(timeout);
        } catch (IllegalArgumentException e) {
            throw new BadApiInput("timeout: " + e.getMessage());
        }
        if (wait.compareTo(MAX_WAIT) > 0) {
            throw new BadApiInput("timeout must be at most 120s; wait again for longer");
        }
        return wait;
    }

    private static RequestSpec spec(NewRequest body) {
        List<ApprovalLevel> levels = new ArrayList<>();
        if (body.levels() != null) {
            for (int i = 0; i < body.levels().size(); i++) {
                var level = body.levels().get(i);
                if (level == null) {
                    throw new InvalidApprovalRequest("level " + (i + 1) + " is empty");
                }
                List<Email> approvers = level.approvers() == null ? List.of()
                        : level.approvers().stream().map(a -> new Email(required("approver", a))).toList();
                levels.add(new ApprovalLevel(approvers, required(i + 1, level.required())));
            }
        }
        return new RequestSpec(body.type(), body.title(), body.description(), body.fields(),
                body.requester() == null ? null : new Email(body.requester()), levels,
                body.mode() == null ? Mode.STANDARD : enumValue(Mode.class, "mode", body.mode()),
                body.executors() == null ? List.of() : body.executors().stream().map(Email::new).toList(),
                body.channel(), duration("expiresAfter", body.expiresAfter()), body.callbackUrl(),
                reminders(body.reminders()))
                .validate();
    }

    private static Reminders reminders(NewRequest.NewReminders body) {
        if (body == null) {
            return null;
        }
        return new Reminders(duration("reminders.every", body.every()), body.max(), body.escalateTo());
    }

    private static Required required(int level, JsonNode rule) {
        if (rule == null || rule.isNull() || (rule.isString() && "all".equalsIgnoreCase(rule.asString()))) {
            return Required.all();
        }
        if (rule.isIntegralNumber() && rule.canConvertToInt() && rule.asInt() >= 1) {
            return Required.atLeast(rule.asInt());
        }
        throw new InvalidApprovalRequest("level " + level + ": required must be a number from 1 or \"all\", was "
                + rule);
    }

    private static Duration duration(String name, String text) {
        if (text == null) {
            return null;
        }
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            try {
                return Durations.parse(text);
            } catch (IllegalArgumentException notEither) {
                throw new InvalidApprovalRequest(name + " must be an ISO-8601 duration such as PT24H, was '"
                        + text + "'");
            }
        }
    }

    private static String required(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidApprovalRequest(name + " is required");
        }
        return value;
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String name, String value) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> allowed = java.util.Arrays.stream(type.getEnumConstants()).map(RequestViews::lower).toList();
            throw new InvalidApprovalRequest(name + " must be one of " + allowed + ", was '" + value + "'");
        }
    }
}
