/**
 * Delegations (proxy approvers): for a while, one person (the delegate) receives what another (the delegator) is
 * asked to approve and may decide in their place. This module keeps delegations, answers the approval core's
 * {@link dev.countersign.approval.Mandates} port from them, and announces when one starts or ends (as
 * {@link dev.countersign.delegation.DelegationStarted} / {@link dev.countersign.delegation.DelegationEnded} events)
 * so that Slack can ask the delegate about what is already pending, or withdraw the buttons it gave them.
 *
 * <p>The public API is this package's public types; the store and the wiring are package-private.
 */
package dev.countersign.delegation;
