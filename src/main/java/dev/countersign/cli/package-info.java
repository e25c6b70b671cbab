/**
 * The command-line client: {@code countersign request|status|wait|decide|cancel|execute|list}.
 *
 * <p>It talks to a Countersign server only through the REST API ({@code COUNTERSIGN_URL},
 * {@code COUNTERSIGN_API_TOKEN}) and never starts Spring, so it stays fast and works against a remote server.
 * Its exit codes are a contract with CI pipelines: see {@link dev.countersign.cli.ExitCode}.
 * {@link dev.countersign.cli.CountersignCli} is the entry point; everything else is internal.
 */
package dev.countersign.cli;
