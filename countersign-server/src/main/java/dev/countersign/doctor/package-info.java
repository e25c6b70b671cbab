/**
 * Set-up checks that explain what is wrong and how to fix it: the bot token (auth.test), its granted scopes against
 * the ones Countersign needs, the signing secret or the Socket Mode app token, the public base URL, the database and
 * its migrations, and on request a test DM to one person.
 *
 * <p>One set of checks, two readers: {@code countersign doctor} runs them in a small Spring context of its own, from
 * the same configuration as {@code serve} (so it works when the server will not start), and the running server's
 * {@code /actuator/health} shows them as its {@code slack} and {@code migrations} components, secrets never included.
 */
@ApplicationModule(allowedDependencies = {"slack"})
package dev.countersign.doctor;

import org.springframework.modulith.ApplicationModule;
