package dev.countersign.approval;

import java.time.Instant;

/** The record that the guarded work was carried out. */
public record Execution(Email executor, Instant at, Via via) {}
