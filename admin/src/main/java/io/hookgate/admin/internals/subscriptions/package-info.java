/**
 * Subscriptions managed at run time through the admin API ({@code /admin/subscriptions}), written
 * to the compacted {@code subscriptions} topic and answered from the process's
 * {@link io.hookgate.core.subscription.Subscriptions}, which every processor and dispatcher follows.
 * {@link io.hookgate.admin.internals.subscriptions.SubscriptionApi} is the entry point (its routes);
 * {@link io.hookgate.admin.internals.subscriptions.KafkaSubscriptionStore} writes the topic and reads the process's table of it.
 *
 * <p>Choices where the SPEC says nothing:
 * <ul>
 *   <li>A made id is {@code sub_} and a time-ordered id (UUID v7).</li>
 *   <li>A change ({@code PATCH}) is a JSON merge patch: {@code null} removes an optional key; a
 *       {@code secret} in it replaces every secret at once; {@code id} may be given only unchanged.</li>
 *   <li>A rotation keeps the previous secrets {@code keepPreviousFor} (default {@code 0s}: they stop
 *       at once, as a leaked secret needs; at most 30 d).</li>
 *   <li>{@code disable} and {@code enable} answer the whole subscription (with its {@code state});
 *       one already in that state is answered unchanged, nothing written.</li>
 *   <li>A tenant token's body naming another tenant is a problem at {@code tenant} (400), since the
 *       caller knows its own tenant; any source not of its tenant reads as no such source.</li>
 *   <li>Without {@code admin.secretsKey}, creating or rotating answers {@code 409 secrets_key_missing};
 *       reads, and the state of the file's subscriptions, still work.</li>
 *   <li>An id already taken answers {@code 409 subscription_exists} to every caller, a tenant too:
 *       ids are one namespace; a tenant is told only that it is taken, whatever took it.</li>
 *   <li>A delete writes a deleted record, not a tombstone: an id is never used twice, so no new
 *       subscription inherits the tasks, DLQ entries and delivery log of a deleted one.</li>
 *   <li>{@code allowInsecureUrl: true} is the operator's alone (a problem at {@code allowInsecureUrl}
 *       from a tenant token: 400, as every problem of a body is).</li>
 *   <li>A write checks that the record is still the one its change began from: {@code 409
 *       subscription_changed} otherwise. This narrows lost updates between admins, cannot rule them
 *       out (Kafka has no compare-and-set): one admin replica should change subscriptions.</li>
 *   <li>Bodies are read strictly as JSON (a number is not a string, a key given twice is refused),
 *       every problem answered at once as {@code 400 invalid_subscription}, a body that is not a
 *       JSON object too (path {@code ""}).</li>
 *   <li>Lists have no pages: subscriptions are few.</li>
 * </ul>
 */
package io.hookgate.admin.internals.subscriptions;
