/**
 * One verified event as operators see it, at {@code GET /admin/events/{source}/{eventId}}: its
 * envelope (read from {@code verified.{source}} by the ref the admin index keeps), the raw request
 * that carried it (found in {@code ingress.raw}, its credentials redacted), and where it went (its
 * deliveries and DLQ entries).
 */
package io.hookgate.admin.internals.events;
