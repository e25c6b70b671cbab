/**
 * The approval core: the lifecycle of an {@link dev.countersign.approval.ApprovalRequest} as an explicit state
 * machine, the policies that decide who may decide, the use cases that drive it, and the ports they need.
 *
 * <p>Framework-free on purpose (checked by an architecture test): no Spring, JDBC, Jackson or Slack types here,
 * so the rules can be read and tested on their own. Adapters (REST, persistence, Slack…) live in other modules.
 */
package dev.countersign.approval;
