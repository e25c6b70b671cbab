package dev.countersign.approval.persistence;

/** The storage contract on the embedded H2 database, in the data directory as a user runs it. */
@EmbeddedStorage
class ApprovalRequestsOnEmbeddedDatabaseTest extends ApprovalRequestsContract {}
