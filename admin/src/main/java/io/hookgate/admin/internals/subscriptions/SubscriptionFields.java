package io.hookgate.admin.internals.subscriptions;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookgate.core.config.ConfigProblems;
import io.hookgate.core.config.SubscriptionConfig;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The keys of a subscription in the admin API's bodies, and the JSON type each must have. The API
 * reads JSON strictly, where the file's YAML is lenient ({@code "50"} is not a whole number here):
 * a caller's program should learn of its slip, not have it guessed at.
 */
final class SubscriptionFields {

    static final String ID = "id";
    static final String SECRET = "secret";
    static final String TENANT = "tenant";
    static final String DESCRIPTION = "description";
    static final int MAX_DESCRIPTION = 1000;

    /** The JSON types of the keys. */
    enum JsonType {
        STRING("a string"),
        STRING_LIST("a list of strings"),
        INTEGER("a whole number"),
        BOOLEAN("true or false"),
        OBJECT("an object of keys");

        private final String description;

        JsonType(final String description) {
            this.description = description;
        }
    }

    /** The keys kept in a record's {@code settings}, spelled as the file spells them: all but id, secret, tenant and description. */
    static final Map<String, JsonType> SETTINGS = settings();

    /** Every key a create or change body may name, in the order the SPEC lists them. */
    static final Map<String, JsonType> BODY = body();

    private SubscriptionFields() {
    }

    private static Map<String, JsonType> settings() {
        final Map<String, JsonType> keys = new LinkedHashMap<>();
        keys.put(SubscriptionConfig.URL.name(), JsonType.STRING);
        keys.put(SubscriptionConfig.SOURCES.name(), JsonType.STRING_LIST);
        keys.put(SubscriptionConfig.EVENT_TYPES.name(), JsonType.STRING_LIST);
        keys.put(SubscriptionConfig.TIMEOUT.name(), JsonType.STRING);
        keys.put(SubscriptionConfig.RATE_LIMIT_PER_SECOND.name(), JsonType.INTEGER);
        keys.put(SubscriptionConfig.MAX_IN_FLIGHT.name(), JsonType.INTEGER);
        keys.put(SubscriptionConfig.ALLOW_INSECURE_URL.name(), JsonType.BOOLEAN);
        keys.put(SubscriptionConfig.BREAKER.name(), JsonType.OBJECT);
        keys.put(SubscriptionConfig.DISABLE_AFTER.name(), JsonType.STRING);
        keys.put(SubscriptionConfig.RETRY_DELAYS.name(), JsonType.STRING_LIST);
        return java.util.Collections.unmodifiableMap(keys);
    }

    private static Map<String, JsonType> body() {
        final Map<String, JsonType> keys = new LinkedHashMap<>();
        keys.put(ID, JsonType.STRING);
        keys.putAll(SETTINGS);
        keys.put(SECRET, JsonType.STRING);
        keys.put(TENANT, JsonType.STRING);
        keys.put(DESCRIPTION, JsonType.STRING);
        return java.util.Collections.unmodifiableMap(keys);
    }

    /** The names of {@link #BODY}, for did-you-mean hints. */
    static Set<String> bodyNames() {
        return BODY.keySet();
    }

    /**
     * Reports {@code value} of {@code key} when it is not of its JSON type (a list element naming its index).
     *
     * @return whether a problem was reported
     */
    static boolean checkType(final String key, final JsonType type, final JsonNode value, final ConfigProblems problems) {
        final int before = problems.size();
        switch (type) {
            case STRING -> {
                if (!value.isTextual()) {
                    problems.add(key, "must be " + type.description);
                }
            }
            case INTEGER -> {
                if (!value.isIntegralNumber() || !value.canConvertToInt()) {
                    problems.add(key, "must be " + type.description + (value.isTextual() ? " (a JSON number, not a string)" : ""));
                }
            }
            case BOOLEAN -> {
                if (!value.isBoolean()) {
                    problems.add(key, "must be " + type.description + " (a JSON boolean)");
                }
            }
            case OBJECT -> {
                // Its keys are checked by their definition, as in the file.
                if (!value.isObject()) {
                    problems.add(key, "must be " + type.description);
                }
            }
            case STRING_LIST -> {
                if (!value.isArray()) {
                    problems.add(key, "must be " + type.description);
                } else {
                    for (int i = 0; i < value.size(); i++) {
                        if (!value.get(i).isTextual()) {
                            problems.add(ConfigProblems.index(key, i), "must be a string");
                        }
                    }
                }
            }
        }
        return problems.size() > before;
    }

    /** The body key a problem's path is about: {@code sources} of {@code sources[0]}. */
    static String topKey(final String path) {
        int end = path.length();
        for (int i = 0; i < path.length(); i++) {
            if (path.charAt(i) == '.' || path.charAt(i) == '[') {
                end = i;
                break;
            }
        }
        return path.substring(0, end);
    }

    /** The keys a change may remove with {@code null} (JSON merge patch): the optional ones a subscription can do without. */
    static boolean removable(final String key) {
        return !List.of(ID, SECRET).contains(key);
    }
}
