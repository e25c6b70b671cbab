/**
 * The command-line client: {@code countersign request|status|wait|decide|cancel|execute|list}.
 *
 * <p>It talks to a Countersign server only through the REST API ({@code COUNTERSIGN_URL},
 * {@code COUNTERSIGN_API_TOKEN}) and never starts Spring, so it stays fast and works against a remote server. The
 * exception is {@code doctor}, which checks this machine's own set-up in a small Spring context (see
 * {@link dev.countersign.doctor.Doctor}).
 * Its exit codes are a contract with CI pipelines: see {@link dev.countersign.cli.ExitCode}.
 * {@link dev.countersign.cli.CountersignCli} is the entry point; everything else is internal.
 */
@ApplicationModule(allowedDependencies = {"demo", "doctor", "slack"})
package dev.countersign.cli;

import org.springframework.modulith.ApplicationModule;
