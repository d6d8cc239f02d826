package io.hookgate.core.config;

import static io.hookgate.core.config.ConfigKey.optional;

/**
 * One entry of section {@code tenants}: limits shared by everything of one tenant.
 *
 * @param rateLimitPerSecond requests per second at most into all the tenant's sources together, and
 *                           deliveries per second at most to all its subscriptions together; 0 means no limit
 */
public record TenantSettings(String id, int rateLimitPerSecond) {

    public static final ConfigKey<Integer> RATE_LIMIT_PER_SECOND = optional("rateLimitPerSecond", ValueType.INT, 0,
        "Requests per second into the tenant's sources together, and deliveries per second to its subscriptions together, "
            + "at most; 0 means no limit.")
        .validatedBy(Validator.atLeast(0));

    public static final ConfigDef DEF = ConfigDef.of(RATE_LIMIT_PER_SECOND);

    static TenantSettings from(final String id, final ConfigValues values) {
        return new TenantSettings(id, values.get(RATE_LIMIT_PER_SECOND));
    }
}
