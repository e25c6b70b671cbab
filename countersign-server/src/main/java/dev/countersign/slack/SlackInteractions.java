package dev.countersign.slack;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.view.ViewState;
import dev.countersign.approval.ApprovalException;
import dev.countersign.approval.ApprovalRequest;
import dev.countersign.approval.ApprovalRequests;
import dev.countersign.approval.DecideRequest;
import dev.countersign.approval.Credential;
import dev.countersign.approval.DecisionNotAllowed;
import dev.countersign.approval.Email;
import dev.countersign.approval.Mandates;
import dev.countersign.approval.RequestId;
import dev.countersign.approval.Status;
import dev.countersign.approval.Verdict;
import dev.countersign.approval.Via;
import dev.countersign.slack.SlackExchanges.Direction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * What happens when someone clicks in Slack. Button clicks reach these handlers after Slack has had its answer
 * (see {@link SlackEventsServlet}), off Slack's clock: find out who clicked (Slack user id → email), then let the approval core judge the click, exactly
 * as it judges an API call. Refusals and outdated clicks get an ephemeral reply saying why; nothing changes.
 * Modal submissions are judged before the answer, so that a refusal shows inside the modal next to the reason.
 */
class SlackInteractions {

    private static final Logger log = LoggerFactory.getLogger(SlackInteractions.class);
    private static final Duration REMEMBER_DELIVERIES = Duration.ofDays(1);
    private static final String DECIDING_FROM_SLACK_OFF = "Deciding from Slack is turned off by an administrator; "
            + "nothing was changed. Use the Details button to decide on the request's page.";

    private final DecideRequest decide;
    private final ApprovalRequests requests;
    private final SlackPeople people;
    private final SlackApi slack;
    private final RequestMessages messages;
    private final CurrentSlackSettings settings;
    private final SlackExchanges exchanges;
    private final JdbcClient jdbc;
    private final SlackMessages posted;
    private final Mandates mandates;
    private final Clock clock;

    SlackInteractions(DecideRequest decide, ApprovalRequests requests, SlackPeople people, SlackApi slack,
                      RequestMessages messages, CurrentSlackSettings settings, SlackExchanges exchanges,
                      JdbcClient jdbc, SlackMessages posted, Mandates mandates, Clock clock) {
        this.decide = decide;
        this.requests = requests;
        this.people = people;
        this.slack = slack;
        this.messages = messages;
        this.settings = settings;
        this.exchanges = exchanges;
        this.jdbc = jdbc;
        this.posted = posted;
        this.mandates = mandates;
        this.clock = clock;
    }

    void register(App app) {
        // Slack has had its answer already (see SlackEventsServlet): these run after the ack.
        app.blockAction(RequestMessages.APPROVE, (req, ctx) -> {
            clicked(req.getPayload(), Verdict.APPROVE);
            return ctx.ack();
        });
        app.blockAction(RequestMessages.REJECT, (req, ctx) -> {
            clicked(req.getPayload(), Verdict.REJECT);
            return ctx.ack();
        });
        // The Details button is a link; Slack still reports the click, which needs only an ack.
        app.blockAction(RequestMessages.DETAILS, (req, ctx) -> ctx.ack());
        app.viewSubmission(RequestMessages.REJECT_MODAL, (req, ctx) -> submitted(req, ctx, Verdict.REJECT));
        app.viewSubmission(RequestMessages.APPROVE_MODAL, (req, ctx) -> submitted(req, ctx, Verdict.APPROVE));
    }

    /** A button click, after the ack. */
    void clicked(BlockActionPayload payload, Verdict verdict) {
        String userId = payload.getUser().getId();
        BlockActionPayload.Action action = payload.getActions().getFirst();
        String name = "block_actions " + action.getActionId();
        try {
            if (!firstDelivery(payload, action)) {
                exchanges.record(Direction.IN, name, null, userId, "ignored: delivered before", null);
                return;
            }
        } catch (RuntimeException e) {
            log.warn("Could not record a click from {}: {}", userId, e.toString());
            reply(payload, null, "Countersign could not record that just now. Please try again in a moment.");
            return;
        }
        ButtonValue button;
        try {
            button = ButtonValue.parse(action.getValue());
        } catch (IllegalArgumentException e) {
            exchanges.record(Direction.IN, name, null, userId, "refused: " + e.getMessage(), null);
            reply(payload, null, "This button does not belong to a Countersign request.");
            return;
        }
        String requestId = button.requestId().value();
        try {
            Optional<ApprovalRequest> found = requests.find(button.requestId());
            if (found.isEmpty()) {
                refuse(payload, name, requestId, "This request no longer exists.");
                return;
            }
            ApprovalRequest request = found.get();
            if (!request.asks(button.level())) {
                refuse(payload, name, requestId, outdated(request, button.level()));
                return;
            }
            if (!settings.buttons()) {
                refuse(payload, name, requestId, DECIDING_FROM_SLACK_OFF);
                return;
            }
            SlackPeople.Identity identity = people.identify(
                    payload.getTeam() == null ? null : payload.getTeam().getId(), userId);
            if (identity instanceof SlackPeople.Refused refused) {
                refuse(payload, name, requestId, refused.outcome(), refused.why());
                return;
            }
            Optional<Email> clicker = Optional.of(((SlackPeople.Person) identity).email());
            Acting acting = acting(payload, request, clicker.get());
            if (acting.refusal() != null) {
                refuse(payload, name, requestId, acting.refusal());
                return;
            }
            Email onBehalfOf = acting.onBehalfOf();
            boolean needsReason = verdict == Verdict.REJECT || settings.approvalNeedsReason(request.spec().type());
            if (needsReason) {
                decide.check(button.requestId(), clicker.get(), onBehalfOf, verdict, Via.SLACK);
                slack.openView(payload.getTriggerId(), messages.reasonModal(request, button.level(),
                        verdict == Verdict.APPROVE, onBehalfOf), requestId);
                exchanges.record(Direction.IN, name, requestId, userId, "asked for a reason", null);
                return;
            }
            decide.decide(button.requestId(), clicker.get(), onBehalfOf, verdict, null, Via.SLACK,
                    Credential.slackUser(userId));
            exchanges.record(Direction.IN, name, requestId, userId, "accepted", null);
        } catch (ApprovalException refused) {
            // The core's words may quote what a caller sent (an email): escaped like any caller text.
            refuse(payload, name, requestId, "You cannot do that: " + SlackText.line(refused.getMessage()));
        } catch (SlackCallFailed e) {
            exchanges.record(Direction.IN, name, requestId, userId, "failed: " + e.error(), null);
            reply(payload, requestId, "Countersign could not finish this with Slack (" + e.error()
                    + "). Nothing was changed. Please try again.");
        } catch (RuntimeException e) {
            log.error("Handling a click on request {} failed", requestId, e);
            exchanges.record(Direction.IN, name, requestId, userId, "failed: " + e.getClass().getSimpleName(),
                    null);
            reply(payload, requestId, "Countersign could not record that just now. Please try again in a moment.");
        }
    }

    /** A reason modal was submitted: decide now, so that a refusal can be shown in the modal. */
    private Response submitted(ViewSubmissionRequest req, ViewSubmissionContext ctx, Verdict verdict) {
        ViewSubmissionPayload payload = req.getPayload();
        String userId = payload.getUser().getId();
        String name = "view_submission " + payload.getView().getCallbackId();
        String reason = reason(payload);
        if (reason == null || reason.isBlank()) {
            return ctx.ackWithErrors(Map.of(RequestMessages.REASON_BLOCK, "Please give a reason."));
        }
        ButtonValue button;
        Email onBehalfOf;
        try {
            String metadata = payload.getView().getPrivateMetadata();
            int behalf = metadata == null ? -1 : metadata.indexOf(RequestMessages.ON_BEHALF_SEPARATOR);
            button = ButtonValue.parse(behalf < 0 ? metadata : metadata.substring(0, behalf));
            onBehalfOf = behalf < 0 ? null : new Email(metadata.substring(behalf + 1));
        } catch (IllegalArgumentException | ApprovalException e) {
            exchanges.record(Direction.IN, name, null, userId, "refused: " + e.getMessage(), null);
            return ctx.ackWithErrors(Map.of(RequestMessages.REASON_BLOCK, "This form does not belong to a request."));
        }
        String requestId = button.requestId().value();
        try {
            ApprovalRequest request = requests.find(button.requestId()).orElse(null);
            if (request == null || !request.asks(button.level())) {
                String why = request == null ? "This request no longer exists." : outdated(request, button.level());
                exchanges.record(Direction.IN, name, requestId, userId, "refused: outdated", null);
                return ctx.ackWithErrors(Map.of(RequestMessages.REASON_BLOCK, why));
            }
            if (!settings.buttons()) {
                exchanges.record(Direction.IN, name, requestId, userId, "refused: deciding from Slack is off", null);
                return ctx.ackWithErrors(Map.of(RequestMessages.REASON_BLOCK, DECIDING_FROM_SLACK_OFF));
            }
            SlackPeople.Identity identity = people.identify(
                    payload.getTeam() == null ? null : payload.getTeam().getId(), userId);
            if (identity instanceof SlackPeople.Refused refused) {
                exchanges.record(Direction.IN, name, requestId, userId, refused.outcome(), null);
                return ctx.ackWithErrors(Map.of(RequestMessages.REASON_BLOCK, refused.why()));
            }
            Email clicker = ((SlackPeople.Person) identity).email();
            decide.decide(button.requestId(), clicker, onBehalfOf, verdict, reason.strip(), Via.SLACK,
                    Credential.slackUser(userId));
            exchanges.record(Direction.IN, name, requestId, userId, "accepted", null);
            return ctx.ack();
        } catch (ApprovalException refused) {
            exchanges.record(Direction.IN, name, requestId, userId, "refused: " + refused.getMessage(), null);
            return ctx.ackWithErrors(Map.of(RequestMessages.REASON_BLOCK, "You cannot do that: "
                    + refused.getMessage()));
        } catch (SlackCallFailed e) {
            exchanges.record(Direction.IN, name, requestId, userId, "failed: " + e.error(), null);
            return ctx.ackWithErrors(Map.of(RequestMessages.REASON_BLOCK, "Countersign could not check with "
                    + "Slack who you are (" + e.error() + "). Nothing was changed. Please try again."));
        } catch (RuntimeException e) {
            log.error("Handling a modal submission on request {} failed", requestId, e);
            exchanges.record(Direction.IN, name, requestId, userId, "failed: " + e.getClass().getSimpleName(),
                    null);
            return ctx.ackWithErrors(Map.of(RequestMessages.REASON_BLOCK, "Countersign could not record this "
                    + "just now: " + e.getMessage() + " Please try again."));
        }
    }

    private static String reason(ViewSubmissionPayload payload) {
        var values = payload.getView().getState() == null ? null : payload.getView().getState().getValues();
        if (values == null) {
            return null;
        }
        Map<String, ViewState.Value> block = values.get(RequestMessages.REASON_BLOCK);
        ViewState.Value input = block == null ? null : block.get(RequestMessages.REASON_INPUT);
        return input == null ? null : input.getValue();
    }

    /** Whom the clicker decides for: themselves ({@code onBehalfOf} null) or an approver; or why not at all. */
    private record Acting(Email onBehalfOf, String refusal) {
    }

    /**
     * A click on a DM that asked the clicker on someone's behalf acts for that person, while the delegation lasts
     * (checked now: buttons sent earlier stop working the moment it ends). Elsewhere (a channel post, their own
     * DM) someone who is not asked on the level but holds a mandate for exactly one approver still waiting there
     * acts for that approver.
     */
    private Acting acting(BlockActionPayload payload, ApprovalRequest request, Email clicker) {
        var container = payload.getContainer();
        String channel = container != null && container.getChannelId() != null ? container.getChannelId()
                : payload.getChannel() == null ? null : payload.getChannel().getId();
        var message = posted.at(channel, container == null ? null : container.getMessageTs());
        if (message.isPresent() && message.get().onBehalfOf() != null) {
            Email principal = new Email(message.get().onBehalfOf());
            if (!mandates.mayActFor(clicker, principal, clock.instant())) {
                return new Acting(null, "Your delegation from " + SlackText.line(principal.value())
                        + " is no longer active (it ended or "
                        + "was revoked), so you cannot decide in their place any more. Nothing was changed.");
            }
            return new Acting(principal, null);
        }
        try {
            return new Acting(decide.principalFor(request, clicker, clock.instant()), null);
        } catch (DecisionNotAllowed severalPrincipals) {
            return new Acting(null, "You cannot do that: " + SlackText.escape(severalPrincipals.getMessage())
                    + ". Decide for one of them from the DM you got on their behalf. Nothing was changed.");
        }
    }

    private String outdated(ApprovalRequest request, int level) {
        if (request.status() == Status.PENDING) {
            return "This message is outdated: level " + level + " is no longer being asked; the request waits for "
                    + "level " + request.levelNumber() + " now. Nothing was changed.";
        }
        if (request.status() == Status.EXPIRED) {
            return "This request expired before anyone decided; nothing was changed. " + messages.outcome(request);
        }
        return "This request is already decided, nothing was changed. " + messages.outcome(request);
    }

    private void refuse(BlockActionPayload payload, String name, String requestId, String why) {
        refuse(payload, name, requestId, "refused: " + why, why);
    }

    private void refuse(BlockActionPayload payload, String name, String requestId, String outcome, String why) {
        exchanges.record(Direction.IN, name, requestId, payload.getUser().getId(), outcome, null);
        reply(payload, requestId, why);
    }

    /** An ephemeral message only the clicker sees: through the response_url, else chat.postEphemeral. */
    private void reply(BlockActionPayload payload, String requestId, String text) {
        try {
            if (payload.getResponseUrl() != null) {
                slack.respondEphemeral(payload.getResponseUrl(), text, requestId);
            } else if (payload.getChannel() != null) {
                slack.postEphemeral(payload.getChannel().getId(), payload.getUser().getId(), text, requestId);
            }
        } catch (SlackCallFailed e) {
            log.warn("Could not tell {} why their click was refused: {}", payload.getUser().getId(), e.error());
        }
    }

    /**
     * Slack retries a delivery it thinks failed, with the same payload. The first delivery of a click is recorded;
     * later ones are recognised and ignored. (A second click is a new delivery, and the core refuses a second vote.)
     */
    private boolean firstDelivery(BlockActionPayload payload, BlockActionPayload.Action action) {
        String fingerprint = sha256(payload.getUser().getId() + "|" + action.getActionTs() + "|"
                + action.getActionId() + "|" + action.getValue() + "|"
                + (payload.getContainer() == null ? "" : payload.getContainer().getMessageTs()));
        try {
            jdbc.sql("insert into slack_interaction (fingerprint, received_at) values (?, ?)")
                    .params(fingerprint, clock.instant().atOffset(ZoneOffset.UTC))
                    .update();
            return true;
        } catch (DuplicateKeyException seen) {
            return false;
        }
    }

    /** Forgets deliveries older than Slack would ever retry. */
    void forgetOldDeliveries() {
        jdbc.sql("delete from slack_interaction where received_at < ?")
                .param(clock.instant().minus(REMEMBER_DELIVERIES).atOffset(ZoneOffset.UTC))
                .update();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
