/**
 * Time: the persistent, cluster-safe scheduler that fires what falls due (expiry, reminders, escalation, the daily
 * urgent report), and the {@link dev.countersign.schedule.DueWork} seam through which other modules add theirs.
 */
@ApplicationModule(allowedDependencies = {"approval"})
package dev.countersign.schedule;

import org.springframework.modulith.ApplicationModule;
