package io.hookgate.core.config;

import static io.hookgate.core.config.ConfigKey.required;

/**
 * One entry of {@code admin.tokens}: a bearer token of the admin API that sees and changes only
 * {@code tenant}'s subscriptions, deliveries, DLQ entries and the rejected requests of its sources.
 */
public record TenantToken(String token, String tenant) {

    public static final ConfigKey<String> TOKEN = required("token", ValueType.STRING,
        "Bearer token of this tenant, at least 16 characters.").validatedBy(AdminSettings::checkToken).secret();
    public static final ConfigKey<String> TENANT = required("tenant", ValueType.STRING,
        "The tenant whose things this token sees.").validatedBy(Validator.nonEmpty());

    public static final ConfigDef DEF = ConfigDef.of(TOKEN, TENANT);

    /** Tokens are secrets: never printed. */
    @Override
    public String toString() {
        return "TenantToken[tenant=" + tenant + "]";
    }

    /** A list of {@code {token, tenant}} objects. */
    static final ValueType<java.util.List<TenantToken>> LIST = ValueType.listOf(new ValueType<>() {
        @Override
        public TenantToken read(final com.fasterxml.jackson.databind.JsonNode node, final String path, final ConfigProblems problems) {
            final ConfigValues values = DEF.read(node, path, problems);
            return problems.reported(path) ? null : new TenantToken(values.get(TOKEN), values.get(TENANT));
        }

        @Override
        public String describe() {
            return "{token, tenant}";
        }

        @Override
        public com.fasterxml.jackson.databind.JsonNode write(final TenantToken value) {
            return DEF.write(new ConfigValues(java.util.Map.of(TOKEN, value.token(), TENANT, value.tenant()), java.util.Set.of()));
        }
    });
}
