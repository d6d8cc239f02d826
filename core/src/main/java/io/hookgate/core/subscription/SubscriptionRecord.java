package io.hookgate.core.subscription;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The value of one key of the compacted {@code subscriptions} topic: a subscription made through
 * the admin API, or the state (enabled or disabled) of one declared in the configuration file. A
 * tombstone deletes. {@code settings} holds the subscription's keys as the file would
 * ({@code url}, {@code sources}, {@code eventTypes}, {@code timeout}, ...), read by the same
 * definition ({@link io.hookgate.core.config.SubscriptionConfig#DEF}); its signing secrets are
 * beside it, sealed ({@link SecretBox}), never in the clear.
 *
 * @param settings    the subscription's keys; null for a record of {@link Origin#CONFIG}
 * @param secrets     sealed signing secrets, the current one first; empty for {@link Origin#CONFIG}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SubscriptionRecord(
    int schemaVersion,
    String id,
    Origin origin,
    State state,
    String tenant,
    String description,
    ObjectNode settings,
    List<SealedSecret> secrets,
    Instant createdAt,
    Instant updatedAt) {

    public static final int SCHEMA_VERSION = 1;

    public SubscriptionRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(state, "state");
        secrets = secrets == null ? List.of() : List.copyOf(secrets);
    }

    /** Where a subscription is declared. */
    public enum Origin {
        /** Made through the admin API: every field lives in the topic. */
        API,
        /** Declared in the configuration file: only its state lives in the topic. */
        CONFIG;

        @JsonValue
        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Whether a subscription receives deliveries. */
    public enum State {
        ENABLED,
        DISABLED;

        @JsonValue
        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One signing secret, sealed.
     *
     * @param notAfter when it stops signing (a previous secret kept during a rotation); null: until replaced
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SealedSecret(String sealed, Instant notAfter) {

        public SealedSecret {
            Objects.requireNonNull(sealed, "sealed");
        }

        /** Whether it still signs at {@code now}. */
        public boolean validAt(final Instant now) {
            return notAfter == null || now.isBefore(notAfter);
        }
    }

    /** This record in state {@code next}, changed at {@code now}. */
    public SubscriptionRecord withState(final State next, final Instant now) {
        return new SubscriptionRecord(schemaVersion, id, origin, next, tenant, description, settings, secrets, createdAt, now);
    }

    /** This record with {@code replacement} secrets, changed at {@code now}. */
    public SubscriptionRecord withSecrets(final List<SealedSecret> replacement, final Instant now) {
        return new SubscriptionRecord(schemaVersion, id, origin, state, tenant, description, settings, replacement, createdAt, now);
    }

    /** This record with other settings and description, changed at {@code now}. */
    public SubscriptionRecord withSettings(final ObjectNode replacement, final String newDescription, final Instant now) {
        return new SubscriptionRecord(schemaVersion, id, origin, state, tenant, newDescription, replacement, secrets, createdAt, now);
    }

    /** The state of the subscription {@code id} of the configuration file, set at {@code now}. */
    public static SubscriptionRecord configState(final String id, final State state, final Instant now) {
        return new SubscriptionRecord(SCHEMA_VERSION, id, Origin.CONFIG, state, null, null, null, List.of(), null, now);
    }
}
