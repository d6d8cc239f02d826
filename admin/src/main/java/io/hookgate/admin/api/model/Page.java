package io.hookgate.admin.api.model;

import java.util.List;

/**
 * One page of a listing ({@code GET /admin/dlq}, {@code /admin/rejected}, {@code /admin/deliveries}):
 * its entries, and the cursor of the next page (null when this is the last). Both keys are always
 * present.
 */
public record Page<T>(List<T> entries, String nextCursor) {
}
