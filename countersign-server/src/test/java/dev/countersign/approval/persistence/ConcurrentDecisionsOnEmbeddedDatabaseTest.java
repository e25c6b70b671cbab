package dev.countersign.approval.persistence;

/** The same concurrency guarantees on the embedded H2 database, which a single-node install runs on. */
@EmbeddedStorage
class ConcurrentDecisionsOnEmbeddedDatabaseTest extends ConcurrentDecisionsContract {}
