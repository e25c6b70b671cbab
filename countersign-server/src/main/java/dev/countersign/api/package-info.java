/**
 * The REST API under {@code /api/v1}: JSON in and out, bearer-token auth, RFC 9457 problems for every error, and
 * long-polling waiters that hold a connection but no thread. A thin adapter: it translates, calls one use case
 * of the approval core, and maps the result.
 */
@ApplicationModule(
        allowedDependencies = {"access", "approval", "delegation", "delivery", "schedule", "settings", "slack"})
package dev.countersign.api;

import org.springframework.modulith.ApplicationModule;
