package io.hookgate.admin.internals.subscriptions;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hookgate.admin.api.Caller;
import io.hookgate.admin.api.JsonBody;
import io.hookgate.admin.internals.errors.BadRequest;
import io.hookgate.core.config.ConfigProblem;
import io.hookgate.core.config.ConfigProblems;
import io.hookgate.core.config.ConfigValues;
import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.config.SourceConfig;
import io.hookgate.core.config.SubscriptionChecks;
import io.hookgate.core.config.SubscriptionConfig;
import io.hookgate.core.json.Json;
import io.hookgate.core.subscription.SubscriptionSettings;
import io.hookgate.core.text.DidYouMean;

import java.io.IOException;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the body of a create or a change of a subscription and checks the subscription it makes as
 * a whole, listing every problem at once ({@code 400 invalid_subscription}, each with its path in
 * the body: {@code url}, {@code sources[0]}, {@code eventTypes[1]}): unknown keys (with the one
 * most likely meant), values of the wrong JSON type, then the subscription as the file's reader
 * reads it ({@link SubscriptionConfig#DEF}: a bad or private URL, a bad secret, ...) and as the
 * file's subscriptions are checked against their sources ({@link SubscriptionChecks}: an unknown
 * source, a source of another tenant, an unknown event type). Nothing throws but that
 * {@link BadRequest}.
 *
 * <p>A tenant caller's subscriptions belong to its tenant: a body naming another tenant is a
 * problem at {@code tenant}, and a tenant sees only its own tenant's sources, so naming any other
 * reads as naming no source at all (whether it exists is not told).
 *
 * <p>{@code allowInsecureUrl: true} is the operator's alone: a tenant giving it is a problem at
 * {@code allowInsecureUrl}, and a tenant may change the {@code url} of a subscription the operator
 * allowed it to only with {@code allowInsecureUrl: false} (a problem at {@code url} otherwise).
 *
 * <p>A change is a JSON merge patch (RFC 7386) of the subscription: a key given replaces its
 * value, {@code null} removes an optional key (back to its default, or no tenant or description),
 * a key left out stays as it is; the result is checked like a create.
 */
final class SubscriptionReader {

    static final String INVALID = "invalid_subscription";

    private final HookgateConfig config;

    SubscriptionReader(final HookgateConfig config) {
        this.config = config;
    }

    /**
     * The body of a request as a JSON object; an empty body is an empty object.
     *
     * @throws BadRequest {@value #INVALID} when it is larger than the limit, not JSON, names a key twice, or is not an object
     */
    static ObjectNode object(final byte[] bytes) {
        if (bytes.length > JsonBody.MAX_BYTES) {
            throw invalid(List.of(new ConfigProblem("", "the body is larger than " + JsonBody.MAX_BYTES + " bytes")));
        }
        if (bytes.length == 0) {
            return Json.mapper().createObjectNode();
        }
        final JsonNode node;
        try {
            // A key given twice is refused rather than the last one silently winning.
            node = Json.mapper().reader().with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).readTree(bytes);
        } catch (JsonProcessingException e) {
            // The original message does not quote the input (which may hold a secret).
            throw invalid(List.of(new ConfigProblem("", "the body is not JSON: " + e.getOriginalMessage())));
        } catch (IOException e) {
            throw invalid(List.of(new ConfigProblem("", "the body is not JSON")));
        }
        if (node == null || node.isMissingNode()) {
            return Json.mapper().createObjectNode();
        }
        if (!node.isObject()) {
            throw invalid(List.of(new ConfigProblem("", "the body must be a JSON object, not "
                + node.getNodeType().name().toLowerCase(Locale.ROOT))));
        }
        return (ObjectNode) node;
    }

    static BadRequest invalid(final List<ConfigProblem> problems) {
        return BadRequest.problems(INVALID, "the subscription", problems);
    }

    /**
     * A create.
     *
     * @param madeId the id to give it when the body gives none
     * @param secret the secret to check it with when the body gives none (the one it will get)
     */
    SubscriptionRequest create(final ObjectNode body, final Caller caller, final String madeId, final String secret) {
        return read(body, caller, new Base(null, SubscriptionSettings.empty(), Optional.empty(), Optional.empty(), List.of(secret)), madeId);
    }

    /**
     * A change of the subscription {@code id} of the API, whose record holds {@code settings},
     * {@code tenant} and {@code description} and which signs with {@code secrets} now.
     */
    SubscriptionRequest change(final ObjectNode body, final Caller caller, final String id, final ObjectNode settings,
                               final Optional<String> tenant, final Optional<String> description, final List<String> secrets) {
        return read(body, caller, new Base(id, settings, tenant, description, secrets), id);
    }

    /** What a change starts from; {@code id} null for a create. */
    private record Base(String id, ObjectNode settings, Optional<String> tenant, Optional<String> description, List<String> secrets) {

        boolean change() {
            return id != null;
        }
    }

    private SubscriptionRequest read(final ObjectNode body, final Caller caller, final Base base, final String fallbackId) {
        final ConfigProblems problems = new ConfigProblems();
        // Keys with a problem of their own: what the subscription's reader says of them after it adds nothing.
        final Set<String> refused = new HashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = body.fields(); fields.hasNext(); ) {
            final Map.Entry<String, JsonNode> field = fields.next();
            final String key = field.getKey();
            final SubscriptionFields.JsonType type = SubscriptionFields.BODY.get(key);
            if (type == null) {
                problems.add(key, "unknown key" + DidYouMean.hint(key, SubscriptionFields.bodyNames()));
                refused.add(key);
            } else if (field.getValue().isNull()) {
                if (!base.change()) {
                    problems.add(key, "null: give a value, or leave the key out");
                    refused.add(key);
                } else if (!SubscriptionFields.removable(key)) {
                    problems.add(key, "cannot be removed");
                    refused.add(key);
                }
            } else if (SubscriptionFields.checkType(key, type, field.getValue(), problems)) {
                refused.add(key);
            }
        }
        insecureByTenant(body, caller, refused, problems);
        final String id = id(body, base, fallbackId, refused, problems);
        final Optional<String> tenant = tenant(body, base, caller, refused, problems);
        final Optional<String> description = description(body, base, refused, problems);
        final ObjectNode settings = base.settings().deepCopy();
        for (String key : SubscriptionFields.SETTINGS.keySet()) {
            final JsonNode value = body.get(key);
            if (value == null || refused.contains(key)) {
                continue;
            }
            if (value.isNull()) {
                settings.remove(key);
            } else {
                settings.set(key, value.deepCopy());
            }
        }
        urlOfInsecureByTenant(body, caller, settings, refused, problems);
        final Optional<String> secret = given(body, SubscriptionFields.SECRET, refused).map(JsonNode::textValue);

        // The whole, as every reader of the topic reads it (SubscriptionSettings.read does the same), keeping the
        // subscription read even when a key has a problem, so that its sources and event types are checked too,
        // as the file's are: every problem is answered at once.
        final ObjectNode whole = settings.deepCopy();
        if (secret.isPresent()) {
            whole.put(SubscriptionFields.SECRET, secret.get());
        } else {
            final ArrayNode secrets = whole.putArray(SubscriptionConfig.SECRETS.name());
            base.secrets().forEach(secrets::add);
        }
        tenant.ifPresent(value -> whole.put(SubscriptionConfig.TENANT.name(), value));
        final ConfigProblems found = new ConfigProblems();
        final ConfigValues values = SubscriptionConfig.DEF.read(whole, "", found);
        final SubscriptionConfig subscription = SubscriptionConfig.from(id, values, "", found);
        final Map<String, SourceConfig> sources = new LinkedHashMap<>();
        config.sources().forEach((sourceId, source) -> {
            if (caller.sees(source.tenant())) {
                sources.put(sourceId, source);
            }
        });
        SubscriptionChecks.check(subscription, "", new TreeSet<>(sources.keySet()), sources, config.dispatch(), found);
        for (ConfigProblem problem : found.list()) {
            if (!refused.contains(SubscriptionFields.topKey(problem.path()))) {
                problems.add(problem.path(), problem.message());
            }
        }
        if (!problems.isEmpty()) {
            throw invalid(problems.list());
        }
        return new SubscriptionRequest(id, settings, secret, tenant, description, subscription);
    }

    /**
     * {@code allowInsecureUrl: true} (an {@code http} URL, a private or loopback address) is the operator's to give: from a
     * tenant it would reach into the network hookgate runs in.
     */
    private static void insecureByTenant(final ObjectNode body, final Caller caller, final Set<String> refused,
                                         final ConfigProblems problems) {
        final String key = SubscriptionConfig.ALLOW_INSECURE_URL.name();
        if (!caller.isOperator() && given(body, key, refused).filter(value -> value.isBoolean() && value.booleanValue()).isPresent()) {
            problems.add(key, "only the operator's token may allow an insecure URL (http, or a private or loopback address); "
                + "a tenant's subscriptions need an https URL of a public address");
            refused.add(key);
        }
    }

    /** A URL the operator allowed to be insecure is the operator's to change, as giving that leave is. */
    private static void urlOfInsecureByTenant(final ObjectNode body, final Caller caller, final ObjectNode settings,
                                              final Set<String> refused, final ConfigProblems problems) {
        final String key = SubscriptionConfig.URL.name();
        if (!caller.isOperator() && settings.path(SubscriptionConfig.ALLOW_INSECURE_URL.name()).asBoolean(false)
            && given(body, key, refused).isPresent()) {
            problems.add(key, "the operator allowed this subscription an insecure URL (allowInsecureUrl): only the operator's "
                + "token may change its url, or give allowInsecureUrl: false with an https URL of a public address");
            refused.add(key);
        }
    }

    private static Optional<JsonNode> given(final ObjectNode body, final String key, final Set<String> refused) {
        return Optional.ofNullable(body.get(key)).filter(value -> !refused.contains(key));
    }

    private static String id(final ObjectNode body, final Base base, final String fallbackId, final Set<String> refused,
                             final ConfigProblems problems) {
        final Optional<String> given = given(body, SubscriptionFields.ID, refused).map(JsonNode::textValue);
        if (base.change()) {
            if (given.isPresent() && !given.get().equals(base.id())) {
                problems.add(SubscriptionFields.ID, "a subscription's id cannot change (create another, then delete this one)");
            }
            return base.id();
        }
        if (given.isPresent() && !SubscriptionConfig.ID.matcher(given.get()).matches()) {
            problems.add(SubscriptionFields.ID, "must be 1 to 64 letters, digits, '_' or '-'");
            return fallbackId;
        }
        return given.orElse(fallbackId);
    }

    private static Optional<String> tenant(final ObjectNode body, final Base base, final Caller caller, final Set<String> refused,
                                           final ConfigProblems problems) {
        final Optional<JsonNode> given = given(body, SubscriptionFields.TENANT, refused);
        final Optional<String> tenant = given.isEmpty() ? base.tenant()
            : given.get().isNull() ? Optional.empty() : Optional.of(given.get().textValue());
        if (caller.tenant().isEmpty()) {
            return tenant;
        }
        // A tenant's subscriptions are of its tenant: left out, that is the tenant; given, it must be that one.
        if (given.isPresent() && !tenant.equals(caller.tenant())) {
            problems.add(SubscriptionFields.TENANT, "a tenant token makes and changes subscriptions of its own tenant only: "
                + "leave tenant out, or give \"" + caller.tenant().get() + "\"");
            refused.add(SubscriptionFields.TENANT);
        }
        return caller.tenant();
    }

    private static Optional<String> description(final ObjectNode body, final Base base, final Set<String> refused,
                                                final ConfigProblems problems) {
        final Optional<JsonNode> given = given(body, SubscriptionFields.DESCRIPTION, refused);
        if (given.isEmpty()) {
            return base.description();
        }
        if (given.get().isNull()) {
            return Optional.empty();
        }
        final String text = given.get().textValue();
        if (text.length() > SubscriptionFields.MAX_DESCRIPTION) {
            problems.add(SubscriptionFields.DESCRIPTION, "longer than " + SubscriptionFields.MAX_DESCRIPTION + " characters");
        }
        return Optional.of(text);
    }
}
