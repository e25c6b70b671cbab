package dev.countersign.demo;

/**
 * An example request the demo created.
 *
 * @param kind what it shows, for the demo's output: "standard, two levels", "urgent", "also posted to #deploys"
 */
public record DemoRequest(String id, String title, String kind) {}
