/**
 * Countersign, a self-hosted human-approval gateway. Each direct sub-package is a module: {@code approval} (the
 * core), {@code api} (REST), {@code cli} (the command line). This package holds what they share: the entry point,
 * settings and duration parsing.
 */
package dev.countersign;
