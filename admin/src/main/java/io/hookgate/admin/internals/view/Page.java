package io.hookgate.admin.internals.view;

import java.util.List;

/** One page of a listing, and the cursor of the next page (null when this is the last). */
public record Page<T>(List<T> entries, String nextCursor) {
}
