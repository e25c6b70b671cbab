/**
 * Who is calling, and what they may do. Spring Security denies every route that {@link SecurityConfiguration}
 * does not list as public; every bearer token resolves to a {@link Caller} with a subject (the bootstrap admin, an
 * API client, or one person) and scopes. Adapters hand the caller's {@link Caller#credential() credential} to the
 * core and never take who is acting from a request body.
 */
@ApplicationModule(allowedDependencies = {"approval"})
package dev.countersign.access;

import org.springframework.modulith.ApplicationModule;
