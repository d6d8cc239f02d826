package io.hookgate.core.subscription;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The value of one key of the compacted {@code subscriptions} topic: a subscription made through
 * the admin API, or the state (enabled or disabled) of one declared in the configuration file. A
 * tombstone deletes; the admin API deletes with a <em>deleted</em> record instead ({@link #deleted(Instant)}):
 * its id stays taken for good, so that a new subscription never inherits what waits under it (retry
 * and parked tasks, DLQ entries, its delivery log and health). {@code settings} holds the subscription's keys as the file would
 * ({@code url}, {@code sources}, {@code eventTypes}, {@code timeout}, ...), read by the same
 * definition ({@link io.hookgate.core.config.SubscriptionConfig#DEF}); its signing secrets are
 * beside it, sealed ({@link SecretBox}), never in the clear.
 *
 * @param settings    the subscription's keys; null for a record of {@link Origin#CONFIG}
 * @param secrets     sealed signing secrets, the current one first; empty for {@link Origin#CONFIG}
 * @param deletedAt   when the subscription was deleted through the API; null for every record but a deleted one
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
    Instant updatedAt,
    Instant deletedAt) {

    public static final int SCHEMA_VERSION = 1;

    @JsonCreator
    public SubscriptionRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(state, "state");
        secrets = secrets == null ? List.of() : List.copyOf(secrets);
    }

    /** A record that is not deleted. */
    public SubscriptionRecord(final int schemaVersion, final String id, final Origin origin, final State state, final String tenant,
                              final String description, final ObjectNode settings, final List<SealedSecret> secrets,
                              final Instant createdAt, final Instant updatedAt) {
        this(schemaVersion, id, origin, state, tenant, description, settings, secrets, createdAt, updatedAt, null);
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
        return new SubscriptionRecord(schemaVersion, id, origin, next, tenant, description, settings, secrets, createdAt, now, deletedAt);
    }

    /** This record with {@code replacement} secrets, changed at {@code now}. */
    public SubscriptionRecord withSecrets(final List<SealedSecret> replacement, final Instant now) {
        return new SubscriptionRecord(schemaVersion, id, origin, state, tenant, description, settings, replacement, createdAt, now,
            deletedAt);
    }

    /** This record with other settings and description, changed at {@code now}. */
    public SubscriptionRecord withSettings(final ObjectNode replacement, final String newDescription, final Instant now) {
        return new SubscriptionRecord(schemaVersion, id, origin, state, tenant, newDescription, replacement, secrets, createdAt, now,
            deletedAt);
    }

    /** The state of the subscription {@code id} of the configuration file, set at {@code now}. */
    public static SubscriptionRecord configState(final String id, final State state, final Instant now) {
        return new SubscriptionRecord(SCHEMA_VERSION, id, Origin.CONFIG, state, null, null, null, List.of(), null, now);
    }

    /**
     * The record that deletes this subscription of the API at {@code now}: its id, tenant and
     * creation kept, its settings and secrets gone. A reader has no subscription of it (an older
     * reader, which knows no {@code deletedAt}, reads a record without settings, and leaves it out
     * too); the admin API refuses to make another under its id.
     */
    public SubscriptionRecord deleted(final Instant now) {
        return new SubscriptionRecord(SCHEMA_VERSION, id, Origin.API, State.DISABLED, tenant, null, null, List.of(), createdAt, now, now);
    }

    /** The record that deletes subscription {@code id} of the API whose record cannot be read, at {@code now}. */
    public static SubscriptionRecord deletedUnreadable(final String id, final Instant now) {
        return new SubscriptionRecord(SCHEMA_VERSION, id, Origin.API, State.DISABLED, null, null, null, List.of(), null, now, now);
    }

    /** Whether this record says its subscription was deleted ({@link #deleted(Instant)}). */
    @JsonIgnore
    public boolean isDeleted() {
        return deletedAt != null;
    }
}
