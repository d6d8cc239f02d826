package io.hookgate.admin.api;

import io.hookgate.admin.view.EntryStore;

import java.util.Set;

/**
 * What one kind of entry ({@code dlq} or {@code rejected}) accepts: its filters, its reason codes
 * and the flags of its replays. Requests are checked against it before anything is done.
 *
 * @param name        the path segment: {@code dlq} or {@code rejected}
 * @param store       the index of this kind
 * @param filters     the filter names: {@code subscription} (DLQ only), {@code source}, {@code reason}, {@code since}, {@code until}
 * @param reasons     the reason codes a {@code reason} filter may name
 * @param replayFlags the flags of a replay: {@code force}, and {@code ignoreTimestamp} for rejected requests
 */
record Listing(String name, EntryStore store, Set<String> filters, Set<String> reasons, Set<String> replayFlags) {
}
