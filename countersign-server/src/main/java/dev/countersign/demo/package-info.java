/**
 * {@code countersign demo}: the whole product on one machine, in one command, for someone who wants to see it
 * before installing it in a real Slack workspace.
 *
 * <p>It starts the service in this JVM on the embedded database (a demo data directory, started afresh each run)
 * and the project's Slack emulator ({@link dev.countersign.emulator}) with a handful of demo people, wires the two
 * together with a generated bot token and signing secret, creates example requests through the REST API, and
 * prints where to look: the emulator's sandbox page, where a browser plays the Slack client.
 *
 * <p>{@link dev.countersign.demo.DemoCommand} is the module's API (the CLI registers it), and
 * {@link dev.countersign.demo.Demo} starts and stops the same thing from Java, for tests.
 */
@ApplicationModule(allowedDependencies = {})
package dev.countersign.demo;

import org.springframework.modulith.ApplicationModule;
