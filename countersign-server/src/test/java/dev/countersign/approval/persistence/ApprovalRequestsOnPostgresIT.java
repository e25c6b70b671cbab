package dev.countersign.approval.persistence;

/** The storage contract on PostgreSQL (a fresh database on the machine's server). */
@PostgresStorage
class ApprovalRequestsOnPostgresIT extends ApprovalRequestsContract {}
