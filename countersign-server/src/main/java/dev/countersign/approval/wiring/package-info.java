/** Puts the framework-free approval core together as Spring beans: use cases, clock, transactions, events. */
package dev.countersign.approval.wiring;
