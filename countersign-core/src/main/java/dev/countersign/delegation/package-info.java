/**
 * Delegations (proxy approvers): for a while, one person (the delegate) receives what another (the delegator) is
 * asked to approve and may decide in their place. This module keeps delegations, answers the approval core's
 * {@link dev.countersign.approval.Mandates} port from them, and announces when one starts or ends
 * ({@link dev.countersign.delegation.DelegationStarted} / {@link dev.countersign.delegation.DelegationEnded}, to the
 * {@link dev.countersign.delegation.DelegationFollowUps} port, in the same transaction) so that Slack can ask the
 * delegate about what is already pending, or withdraw the buttons it gave them.
 *
 * <p>The rules and use cases are plain Java in countersign-core; the JDBC store, the sweep's share and the wiring are
 * the server's, package-private. Allowed dependencies: {@code approval}, and {@code schedule} for the sweep's
 * {@code DueWork} seam (checked by the server's architecture test, since the core cannot carry Spring's
 * {@code @ApplicationModule}).
 */
package dev.countersign.delegation;
