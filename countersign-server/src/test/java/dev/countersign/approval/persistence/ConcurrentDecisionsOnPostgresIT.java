package dev.countersign.approval.persistence;

/** Concurrent decisions on PostgreSQL, the production database: the guarantee the issue asks to be tested. */
@PostgresStorage
class ConcurrentDecisionsOnPostgresIT extends ConcurrentDecisionsContract {}
