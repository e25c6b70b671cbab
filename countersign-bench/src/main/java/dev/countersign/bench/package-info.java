/**
 * The load generator: {@code countersign bench}. Measures a running server from the outside, over HTTP only, the
 * way CI pipelines use it: request creations at a sustained rate, how fast a decision releases a long-polling
 * waiter, and how many waiters the server can hold at once; and, playing Slack with the project's emulator, how fast
 * it acknowledges signed button clicks while doing the work they ask for ({@code clicks}).
 *
 * <p>It prints figures (counts, errors, throughput, latency percentiles); it asserts nothing. It refuses any
 * server that is not on this machine, and every loop in it is bounded by a count or a duration.
 * {@link dev.countersign.bench.BenchCommand} is the module's API ({@link dev.countersign.bench.BenchMain} runs it); everything else is
 * internal. The figures measured for the issue are in {@code docs/benchmarks.md}.
 */
package dev.countersign.bench;
