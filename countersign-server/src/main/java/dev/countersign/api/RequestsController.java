package dev.countersign.api;

import dev.countersign.CountersignProperties;
import dev.countersign.Durations;
import dev.countersign.access.AccessRefused;
import dev.countersign.access.Caller;
import dev.countersign.access.Scope;
import dev.countersign.approval.Actor;
import dev.countersign.approval.ApprovalLevel;
import dev.countersign.approval.ApprovalRequest;
import dev.countersign.approval.ApprovalRequests;
import dev.countersign.approval.AuditTrail;
import dev.countersign.approval.CancelRequest;
import dev.countersign.approval.Credential;
import dev.countersign.approval.DecideRequest;
import dev.countersign.approval.Email;
import dev.countersign.approval.IdempotencyKey;
import dev.countersign.approval.InvalidApprovalRequest;
import dev.countersign.approval.Mode;
import dev.countersign.approval.RecordExecution;
import dev.countersign.approval.Reminders;
import dev.countersign.approval.RequestId;
import dev.countersign.approval.RequestNotFound;
import dev.countersign.approval.RequestQuery;
import dev.countersign.approval.RequestSpec;
import dev.countersign.approval.Required;
import dev.countersign.approval.Status;
import dev.countersign.approval.SubmitRequest;
import dev.countersign.approval.Verdict;
import dev.countersign.approval.Via;
import dev.countersign.schedule.RequestTypes;
import dev.countersign.slack.SlackExchanges;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
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
    private final CountersignProperties properties;

    /** Present when Slack is configured. */
    private final ObjectProvider<SlackExchanges> slackExchanges;

    RequestsController(
            SubmitRequest submit,
            DecideRequest decide,
            CancelRequest cancel,
            RecordExecution execution,
            ApprovalRequests requests,
            AuditTrail audit,
            RequestWaiters waiters,
            RequestViews views,
            ObjectProvider<SlackExchanges> slackExchanges,
            RequestTypes types,
            CountersignProperties properties) {
        this.properties = properties;
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
    @Operation(
            summary = "Ask for approval",
            description = "201 with the new request; with an Idempotency-Key that "
                    + "was used before for the same request, 200 with the existing one; for a different request, 409.")
    ResponseEntity<RequestView> create(
            @RequestBody NewRequest body,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            @AuthenticationPrincipal Caller caller,
            HttpServletRequest http) {
        caller.require(Scope.REQUESTS_WRITE, "create requests");
        RequestSpec spec = spec(body);
        if (spec.expiresAfter() == null) {
            spec = spec.withExpiresAfter(types.expiresAfter(spec.type()));
        }
        var submitted = submit.submit(
                spec,
                idempotencyKey == null ? null : IdempotencyKey.of(idempotencyKey, spec),
                Via.API,
                caller.credential());
        RequestView view = views.view(submitted.request(), views.baseUrl(http));
        return submitted.created()
                ? ResponseEntity.created(URI.create(view.links().self())).body(view)
                : ResponseEntity.ok().location(URI.create(view.links().self())).body(view);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One request with its levels, decisions and execution")
    RequestView get(@PathVariable String id, @AuthenticationPrincipal Caller caller, HttpServletRequest http) {
        caller.require(Scope.REQUESTS_READ, "read requests");
        return views.view(load(id), views.baseUrl(http));
    }

    @GetMapping
    @Operation(summary = "List requests, newest first")
    RequestPageView list(
            @RequestParam(required = false)
                    @Parameter(description = "pending, approved, rejected, " + "expired or cancelled")
                    String status,
            @RequestParam(required = false) @Parameter(description = "listed on any level") String approver,
            @RequestParam(required = false) String requester,
            @RequestParam(defaultValue = "" + RequestQuery.DEFAULT_LIMIT) int limit,
            @RequestParam(required = false) String cursor,
            @AuthenticationPrincipal Caller caller,
            HttpServletRequest http) {
        caller.require(Scope.REQUESTS_READ, "list requests");
        RequestQuery query;
        try {
            query = new RequestQuery(
                    status == null ? null : enumValue(Status.class, "status", status),
                    approver == null ? null : new Email(approver),
                    requester == null ? null : new Email(requester),
                    limit,
                    RequestViews.position(cursor));
        } catch (InvalidApprovalRequest e) {
            throw new BadApiInput(e.getMessage());
        }
        var page = requests.search(query);
        String base = views.baseUrl(http);
        return new RequestPageView(
                page.items().stream().map(r -> views.view(r, base)).toList(), RequestViews.cursor(page.next()));
    }

    @GetMapping("/{id}/wait")
    @Operation(
            summary = "Wait for the outcome (long-poll)",
            description = "Answers as soon as the request is "
                    + "approved, rejected, expired or cancelled, else after the timeout with its current state (status "
                    + "pending). Holds no server thread while waiting.")
    DeferredResult<RequestView> await(
            @PathVariable String id,
            @RequestParam(defaultValue = "30s") @Parameter(description = "0s to 120s, " + "e.g. 30s, 2m, PT90S")
                    String timeout,
            @AuthenticationPrincipal Caller caller,
            HttpServletRequest http) {
        caller.require(Scope.REQUESTS_READ, "wait for requests");
        Duration wait = waitTimeout(timeout);
        RequestId requestId = requestId(id);
        return waiters.await(requestId, wait, views.baseUrl(http));
    }

    @PostMapping("/{id}/decisions")
    @Operation(
            summary = "Approve or reject the current level",
            description = "With a personal token: decides as "
                    + "its person (a delegate without onBehalfOf decides for the one waiting approver whose delegation they "
                    + "hold). With the admin token: only as an explicit override naming the approver. API clients never "
                    + "decide. 403 when this credential or person may not decide (not an approver of the current level, "
                    + "the requester, a proxy without delegation); 409 when they already decided or the request is "
                    + "finished; 422 for a rejection without a reason or of an urgent request.")
    RequestView decide(
            @PathVariable String id,
            @RequestBody DecisionInput body,
            @AuthenticationPrincipal Caller caller,
            HttpServletRequest http) {
        Verdict verdict = enumValue(Verdict.class, "verdict", required("verdict", body.verdict()));
        Email onBehalfOf = body.onBehalfOf() == null ? null : new Email(body.onBehalfOf());
        ApprovalRequest decided = switch (caller) {
            case Caller.Person person -> {
                caller.require(Scope.DECIDE, "decide");
                if (body.override() != null) {
                    throw new AccessRefused("only the admin token can override; a personal token decides as its "
                            + "own person: leave out \"override\"");
                }
                if (body.approver() != null && !new Email(body.approver()).equals(person.email())) {
                    throw new AccessRefused("this token decides as "
                            + person.email().value() + " only, not as "
                            + body.approver().strip() + "; leave out \"approver\" or decide with their own token");
                }
                yield onBehalfOf == null
                        ? decide.decideAsPerson(
                                requestId(id), person.email(), verdict, body.reason(), Via.API, caller.credential())
                        : decide.decide(
                                requestId(id),
                                person.email(),
                                onBehalfOf,
                                verdict,
                                body.reason(),
                                Via.API,
                                caller.credential());
            }
            case Caller.Admin admin -> {
                if (body.override() == null) {
                    throw new AccessRefused("the admin token does not decide for people: decide with the "
                            + "approver's personal token (POST /api/v1/people/{email}/tokens), in Slack, or, as an "
                            + "administrator stepping in, send \"override\": {\"reason\": \"…\"} with the "
                            + "approver; an override is recorded and shown everywhere as such");
                }
                if (!properties.adminOverride()) {
                    throw new AccessRefused("admin overrides are switched off here (COUNTERSIGN_ADMIN_OVERRIDE="
                            + "false); the approver decides with their own token or in Slack");
                }
                String why =
                        required("override.reason", body.override().reason()).strip();
                Email approver = new Email(required("approver", body.approver()));
                yield decide.decide(
                        requestId(id),
                        approver,
                        onBehalfOf,
                        verdict,
                        body.reason() == null || body.reason().isBlank() ? why : body.reason(),
                        Via.OVERRIDE,
                        Credential.override(why));
            }
            case Caller.Client client ->
                throw new AccessRefused("an API client never decides (" + client.describe()
                        + "); the approver decides with their personal token (POST /api/v1/people/{email}/tokens), "
                        + "in Slack, or the admin token overrides");
        };
        return views.view(decided, views.baseUrl(http));
    }

    @PostMapping("/{id}/cancel")
    @Operation(
            summary = "Cancel a pending request",
            description =
                    "The admin token cancels any request; an API "
                            + "client with requests:write the requests it created; a personal token those its person requested.")
    RequestView cancel(
            @PathVariable String id,
            @RequestBody(required = false) CancelInput body,
            @AuthenticationPrincipal Caller caller,
            HttpServletRequest http) {
        String reason = body == null ? null : body.reason();
        Actor actor = switch (caller) {
            case Caller.Admin admin ->
                // Any request. "by" says on whose word, for the audit trail; the credential is recorded too.
                Actor.administrator(body == null || body.by() == null ? "admin" : new Email(body.by()).value());
            case Caller.Client client -> {
                caller.require(Scope.REQUESTS_WRITE, "cancel requests");
                requireCreatedBy(client, load(id), "cancel");
                yield Actor.administrator(client.name());
            }
            case Caller.Person person -> {
                requireSelf(person, body == null ? null : body.by(), "by");
                yield Actor.person(person.email());
            }
        };
        var cancelled = cancel.cancel(requestId(id), actor, reason, Via.API, caller.credential());
        return views.view(cancelled, views.baseUrl(http));
    }

    @PostMapping("/{id}/execution")
    @Operation(
            summary = "Record that the approved work ran",
            description = "Once, by a listed executor, while the "
                    + "request is executable. A personal token records for its own person; an API client with "
                    + "requests:write, for a request it created, names the executor; so does the admin token.")
    RequestView execute(
            @PathVariable String id,
            @RequestBody ExecutionInput body,
            @AuthenticationPrincipal Caller caller,
            HttpServletRequest http) {
        Email executor = switch (caller) {
            case Caller.Person person -> {
                requireSelf(person, body.executor(), "executor");
                yield person.email();
            }
            case Caller.Client client -> {
                caller.require(Scope.REQUESTS_WRITE, "record executions");
                requireCreatedBy(client, load(id), "record the execution of");
                yield new Email(required("executor", body.executor()));
            }
            case Caller.Admin admin -> new Email(required("executor", body.executor()));
        };
        var executed = execution.record(requestId(id), executor, Via.API, caller.credential());
        return views.view(executed, views.baseUrl(http));
    }

    /** A client acts on the requests it created, not on other clients' or people's. */
    private static void requireCreatedBy(Caller.Client client, ApprovalRequest request, String toDo) {
        if (!client.credential().equals(request.spec().createdBy())) {
            throw new AccessRefused(client.describe() + " may " + toDo + " only the requests it created; this one "
                    + "was created by "
                    + (request.spec().createdBy() == null
                            ? "another credential"
                            : request.spec().createdBy().describe()));
        }
    }

    /** A personal token names nobody but its own person. */
    private static void requireSelf(Caller.Person person, String named, String field) {
        if (named != null && !new Email(named).equals(person.email())) {
            throw new AccessRefused("this token acts as " + person.email().value() + " only; leave out \"" + field
                    + "\" or set it to " + person.email().value());
        }
    }

    @GetMapping("/{id}/events")
    @Operation(summary = "The request's audit trail, oldest first")
    List<AuditEntryView> events(@PathVariable String id, @AuthenticationPrincipal Caller caller) {
        caller.require(Scope.REQUESTS_READ, "read request events");
        RequestId requestId = load(id).id();
        return audit.of(requestId).stream().map(views::view).toList();
    }

    @GetMapping("/{id}/slack-exchanges")
    @Operation(
            summary = "Every exchange with Slack about the request, oldest first",
            description = "Web API calls out (chat.postMessage, chat.update, …) and callbacks in (clicks, modal "
                    + "submissions), each with its outcome. Empty when Slack is not configured.")
    List<SlackExchanges.Exchange> slackExchanges(@PathVariable String id, @AuthenticationPrincipal Caller caller) {
        caller.require(Scope.REQUESTS_READ, "read request exchanges");
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
                List<Email> approvers = level.approvers() == null
                        ? List.of()
                        : level.approvers().stream()
                                .map(a -> new Email(required("approver", a)))
                                .toList();
                levels.add(new ApprovalLevel(approvers, required(i + 1, level.required())));
            }
        }
        return new RequestSpec(
                        body.type(),
                        body.title(),
                        body.description(),
                        body.fields(),
                        body.requester() == null ? null : new Email(body.requester()),
                        levels,
                        body.mode() == null ? Mode.STANDARD : enumValue(Mode.class, "mode", body.mode()),
                        body.executors() == null
                                ? List.of()
                                : body.executors().stream().map(Email::new).toList(),
                        body.channel(),
                        duration("expiresAfter", body.expiresAfter()),
                        body.callbackUrl(),
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
        throw new InvalidApprovalRequest(
                "level " + level + ": required must be a number from 1 or \"all\", was " + rule);
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
                throw new InvalidApprovalRequest(
                        name + " must be an ISO-8601 duration such as PT24H, was '" + text + "'");
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
            List<String> allowed = java.util.Arrays.stream(type.getEnumConstants())
                    .map(RequestViews::lower)
                    .toList();
            throw new InvalidApprovalRequest(name + " must be one of " + allowed + ", was '" + value + "'");
        }
    }
}
