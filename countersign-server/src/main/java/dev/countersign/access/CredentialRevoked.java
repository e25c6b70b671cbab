package dev.countersign.access;

/** A client or personal token was revoked: whoever remembers tokens forgets them. */
record CredentialRevoked(String id) {}
