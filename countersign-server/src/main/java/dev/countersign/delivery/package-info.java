/**
 * What could not be delivered to whom, per request: an approver whose email has no Slack account, a channel Slack
 * does not know, a token Slack refuses. Channels (Slack, later email) write here; the API shows it on the request,
 * so that nobody is silently left out.
 */
@ApplicationModule(allowedDependencies = {})
package dev.countersign.delivery;

import org.springframework.modulith.ApplicationModule;
