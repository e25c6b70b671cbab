/**
 * Countersign, a self-hosted human-approval gateway. Each direct sub-package is a module with its public API in its
 * top package; the modules and the dependencies each may have are declared in their package-info and drawn in
 * {@code docs/architecture/}:
 * {@code approval} (the core: the approval lifecycle, in countersign-core; its store and wiring here),
 * {@code delegation} (proxy approvers: rules in the core, store here), {@code access} (credentials, deny by default),
 * {@code api} (REST), {@code delivery} (the one outbox for every channel), {@code slack} (Slack as a channel and as the
 * place where people decide), {@code schedule} (expiry, reminders, escalation, the urgent report),
 * {@code settings} (admin settings), {@code doctor} (set-up checks), {@code cli} (the command line) and
 * {@code demo}. This package holds what they share: the entry point, the server's settings and its data directory.
 */
package dev.countersign;
