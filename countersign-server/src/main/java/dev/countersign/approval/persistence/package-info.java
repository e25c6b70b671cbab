/**
 * Stores approval requests and their audit trail in a relational database (PostgreSQL, or embedded H2 in
 * PostgreSQL mode) with plain SQL. Internal to the approval module: others use the ports.
 */
package dev.countersign.approval.persistence;
