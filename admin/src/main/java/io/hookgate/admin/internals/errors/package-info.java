/**
 * What the admin API answers when it cannot serve a request. Code anywhere under an admin route
 * throws one of these typed failures ({@link io.hookgate.admin.internals.errors.BadRequest} 400,
 * {@link io.hookgate.admin.internals.errors.Unauthorized} 401, {@link io.hookgate.admin.internals.errors.NotFound} 404,
 * {@link io.hookgate.admin.internals.errors.Conflict} 409, {@link io.hookgate.admin.internals.errors.Gone} 410,
 * {@link io.hookgate.admin.internals.errors.Unavailable} 503 with {@code Retry-After}); everything else is a
 * 500 {@code internal_error}, logged with its stack trace and the request's id.
 * {@link io.hookgate.admin.internals.errors.ErrorAnswers} is the only place that turns them into answers.
 */
package io.hookgate.admin.internals.errors;
