package dev.countersign.slack.inbound;

import dev.countersign.approval.DecideRequest;
import dev.countersign.approval.Verdict;
import dev.countersign.approval.Via;
import dev.countersign.slack.delivery.SlackApi;
import dev.countersign.slack.render.RequestMessages;

/**
 * Asks the clicker for their reason in a modal, once the core has said they may decide: a refusal then comes as
 * an ephemeral reply to the click, not after the clicker has typed their reason.
 */
class ReasonModals {

    static final String ASKED = "asked for a reason";

    private final DecideRequest decide;
    private final SlackApi slack;
    private final RequestMessages messages;

    ReasonModals(DecideRequest decide, SlackApi slack, RequestMessages messages) {
        this.decide = decide;
        this.slack = slack;
        this.messages = messages;
    }

    /** @return the outcome for the exchange log */
    String open(ButtonClicks.Click click, Verdict verdict) {
        decide.check(click.button().requestId(), click.clicker(), click.onBehalfOf(), verdict, Via.SLACK);
        slack.openView(
                click.payload().getTriggerId(),
                messages.reasonModal(
                        click.request(), click.button().level(), verdict == Verdict.APPROVE, click.onBehalfOf()),
                click.requestId());
        return ASKED;
    }
}
