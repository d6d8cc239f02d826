package io.hookgate.admin.api;

import io.hookgate.admin.api.model.AdminEntry;
import io.hookgate.admin.api.model.PayloadView;
import io.hookgate.admin.internals.view.EntryStore;

import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * What one kind of entry ({@code dlq} or {@code rejected}) accepts: its filters, its reason codes
 * and the flags of its replays. Requests are checked against it before anything is done.
 *
 * @param name        the path segment: {@code dlq} or {@code rejected}
 * @param store       the index of this kind
 * @param filters     the filter names: {@code subscription} (DLQ only), {@code source}, {@code reason}, {@code since}, {@code until}
 * @param reasons     the reason codes a {@code reason} filter may name
 * @param replayFlags the flags of a replay: {@code force}, and {@code ignoreTimestamp} for rejected requests
 * @param visibility  the entries of this kind a caller sees; the others answer 404 and are never listed or replayed
 * @param shown       an entry as it is answered (what the index keeps, with what is read when it is shown)
 * @param payload     the payload of entry {@code id}, for its show: what a replay would send
 */
record Listing(String name, EntryStore store, Set<String> filters, Set<String> reasons, Set<String> replayFlags,
               Function<Caller, Predicate<AdminEntry>> visibility, UnaryOperator<AdminEntry> shown, Function<String, PayloadView> payload) {
}
