/**
 * Settings an administrator changes while the service runs: Slack notifications, DMs to approvers, deciding from
 * Slack, and the Slack credentials. Stored in the database (so every instance sees a change at once), every change
 * audited, secrets sealed with {@code COUNTERSIGN_SECRET_KEY} and never handed out in clear.
 *
 * <p>This module keeps only what an administrator changed; a setting never changed falls back to the service's
 * configuration, which the module that uses the setting knows.
 */
@ApplicationModule(allowedDependencies = {})
package dev.countersign.settings;

import org.springframework.modulith.ApplicationModule;
