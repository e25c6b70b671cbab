package dev.countersign.approval;

/**
 * Why a request was withdrawn, and on whose word; kept on the request so that every front end can say so without
 * reading the audit trail.
 *
 * @param by     who cancelled: an email, an administrator's or API client's name; {@code null} only for a request
 *               cancelled before this was kept, whose audit trail did not say
 * @param reason what they gave as the reason, stripped; {@code null} when they gave none
 */
public record Cancellation(String by, String reason) {}
