package io.hookgate.admin.api;

import java.util.Objects;
import java.util.Optional;

/**
 * Who made an admin request, as its bearer token says: the operator ({@code admin.token}), who sees
 * everything, or a tenant (an {@code admin.tokens} entry), who sees only what belongs to its tenant.
 * Everything a tenant does not see answers {@code 404} as if it did not exist.
 *
 * @param tenant the caller's tenant; empty for the operator
 */
public record Caller(Optional<String> tenant) {

    private static final Caller OPERATOR = new Caller(Optional.empty());

    public Caller {
        Objects.requireNonNull(tenant, "tenant");
    }

    public static Caller operator() {
        return OPERATOR;
    }

    public static Caller ofTenant(final String tenant) {
        return new Caller(Optional.of(tenant));
    }

    public boolean isOperator() {
        return tenant.isEmpty();
    }

    /** Whether this caller sees a thing of {@code owner} (empty: a thing of no tenant, seen by the operator alone). */
    public boolean sees(final Optional<String> owner) {
        return isOperator() || tenant.equals(owner);
    }

    @Override
    public String toString() {
        return tenant.map(name -> "tenant " + name).orElse("operator");
    }
}
