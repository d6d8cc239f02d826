package io.hookgate.admin.internals.subscriptions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hookgate.admin.api.Caller;
import io.hookgate.admin.internals.errors.Conflict;
import io.hookgate.admin.internals.errors.NotFound;
import io.hookgate.core.config.Durations;
import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.id.TimeOrderedIds;
import io.hookgate.core.subscription.LiveSubscription;
import io.hookgate.core.subscription.SecretBox;
import io.hookgate.core.subscription.SubscriptionRecord;
import io.hookgate.core.subscription.SubscriptionRecord.Origin;
import io.hookgate.core.subscription.SubscriptionRecord.SealedSecret;
import io.hookgate.core.subscription.SubscriptionRecord.State;
import io.hookgate.core.subscription.SubscriptionSettings;
import io.hookgate.core.subscription.Subscriptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the subscription routes do. Reads answer from the subscriptions in force; each change is
 * read, checked, written and waited for (until in force here) one at a time in this process, so
 * that two changes never start from the same record and every answer shows its own change.
 *
 * <p>An id is never used twice: a delete writes a deleted record ({@link SubscriptionRecord#deleted}),
 * not a tombstone, so that no later subscription inherits what still waits under the id (retry and
 * parked tasks, DLQ entries, its delivery log and health). The operator may delete a subscription
 * whose record cannot be read here (a secret sealed under another key, a record that is not JSON),
 * which a tenant, not knowing whose it is, does not see.
 *
 * <p>Failures: {@code 404 not_found} for an id the caller does not see (a tenant sees its tenant's
 * alone); {@code 409 declared_in_config} for a change of the fields of a subscription of the file
 * (its state changes like any other's); {@code 409 subscription_exists} for an id taken (the file's,
 * the API's, a deleted one's: a tenant is told only that it is taken); {@code 409
 * subscription_changed} when another writer changed the record meanwhile ({@link SubscriptionStore#write});
 * {@code 409 secrets_key_missing} for a write that must seal a secret while {@code admin.secretsKey}
 * is not set; {@code 400 invalid_subscription} ({@link SubscriptionReader}).
 */
final class SubscriptionCommands {

    static final String ID_PREFIX = "sub_";
    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionCommands.class);

    private final HookgateConfig config;
    private final Subscriptions subscriptions;
    private final SubscriptionStore store;
    private final Optional<SecretBox> box;
    private final Clock clock;
    private final TimeOrderedIds ids;
    private final SigningSecrets secrets = new SigningSecrets();
    private final SubscriptionReader reader;

    /** A subscription just made, and its secret in clear: answered this once. */
    record Created(LiveSubscription subscription, String secret) {

        /** The secret is never printed. */
        @Override
        public String toString() {
            return "Created[" + subscription.id() + ", secret hidden]";
        }
    }

    SubscriptionCommands(final HookgateConfig config, final Subscriptions subscriptions, final SubscriptionStore store, final Clock clock) {
        this.config = config;
        this.subscriptions = subscriptions;
        this.store = store;
        this.box = config.admin().secretsKey().map(SecretBox::new);
        this.clock = clock;
        this.ids = new TimeOrderedIds(clock);
        this.reader = new SubscriptionReader(config);
    }

    /** The subscriptions {@code caller} sees, of {@code tenant} and naming {@code source} when given. */
    List<LiveSubscription> list(final Caller caller, final Optional<String> tenant, final Optional<String> source) {
        return subscriptions.all().stream()
            .filter(live -> caller.sees(live.config().tenant()))
            .filter(live -> tenant.isEmpty() || live.config().tenant().equals(tenant))
            .filter(live -> source.isEmpty() || live.config().sources().contains(source.get()))
            .toList();
    }

    /** @throws NotFound when {@code caller} sees no subscription {@code id} */
    LiveSubscription show(final Caller caller, final String id) {
        return subscriptions.find(id).filter(live -> caller.sees(live.config().tenant()))
            .orElseThrow(() -> new NotFound("no subscription " + id));
    }

    synchronized Created create(final Caller caller, final ObjectNode body) {
        final SecretBox sealer = box();
        final String fresh = secrets.fresh();
        final SubscriptionRequest request = reader.create(body, caller, ID_PREFIX + ids.next(), fresh);
        final String id = request.id();
        final Optional<SubscriptionRecord> base = free(caller, id);
        final String secret = request.secret().orElse(fresh);
        final Instant now = clock.instant();
        store.write(id, base, new SubscriptionRecord(SubscriptionRecord.SCHEMA_VERSION, id, Origin.API, State.ENABLED,
            request.tenant().orElse(null), request.description().orElse(null), request.settings(),
            List.of(new SealedSecret(sealer.seal(secret, id, request.tenant()), null)), now, now));
        LOG.info("Subscription {} created by the {} (sources {}, url host {})", id, caller, request.config().sources(),
            request.config().url().getHost());
        return new Created(inForce(id), secret);
    }

    synchronized LiveSubscription change(final Caller caller, final String id, final ObjectNode body) {
        final LiveSubscription live = ofApi(show(caller, id));
        final SubscriptionRecord base = storedApi(id).orElseThrow(() -> new NotFound("no subscription " + id));
        final SubscriptionRequest request = reader.change(body, caller, id,
            base.settings() == null ? SubscriptionSettings.empty() : base.settings(), Optional.ofNullable(base.tenant()),
            Optional.ofNullable(base.description()), live.config().secrets());
        final Instant now = clock.instant();
        final Optional<String> tenant = Optional.ofNullable(base.tenant());
        final List<SealedSecret> sealed;
        if (request.secret().isPresent()) {
            // A secret given in a change replaces every secret at once; a rotation keeps the previous ones a while.
            sealed = List.of(new SealedSecret(box().seal(request.secret().get(), id, request.tenant()), null));
        } else if (!request.tenant().equals(tenant)) {
            // The secrets are bound to the tenant too: moved to another tenant, they are sealed for it.
            final SecretBox sealer = box();
            sealed = base.secrets().stream().filter(secret -> secret.validAt(now)).map(secret -> new SealedSecret(
                sealer.seal(sealer.open(secret.sealed(), id, tenant), id, request.tenant()), secret.notAfter())).toList();
        } else {
            sealed = base.secrets().stream().filter(secret -> secret.validAt(now)).toList();
        }
        store.write(id, Optional.of(base), new SubscriptionRecord(SubscriptionRecord.SCHEMA_VERSION, id, Origin.API, base.state(),
            request.tenant().orElse(null), request.description().orElse(null), request.settings(), sealed, base.createdAt(), now));
        LOG.info("Subscription {} changed by the {} (keys {})", id, caller, names(body));
        return inForce(id);
    }

    synchronized void delete(final Caller caller, final String id) {
        final Instant now = clock.instant();
        if (caller.isOperator() && subscriptions.find(id).isEmpty() && subscriptions.unreadable(id)) {
            // Not in force, so whose it is is not known for sure: the operator's alone to delete.
            final Optional<SubscriptionRecord> stored = store.stored(id);
            if (stored.isEmpty() || stored.get().origin() == Origin.API && !stored.get().isDeleted()) {
                store.write(id, stored, stored.map(record -> record.deleted(now))
                    .orElseGet(() -> SubscriptionRecord.deletedUnreadable(id, now)));
                LOG.info("Subscription {}, whose record cannot be read here, deleted by the {}", id, caller);
                return;
            }
        }
        ofApi(show(caller, id));
        final SubscriptionRecord base = storedApi(id).orElseThrow(() -> new NotFound("no subscription " + id));
        store.write(id, Optional.of(base), base.deleted(now));
        LOG.info("Subscription {} deleted by the {}", id, caller);
    }

    /** @return the new secret, in clear */
    synchronized String rotate(final Caller caller, final String id, final ObjectNode body) {
        ofApi(show(caller, id));
        final SecretBox sealer = box();
        final SecretRotation rotation = SecretRotation.read(body);
        final SubscriptionRecord base = storedApi(id).orElseThrow(() -> new NotFound("no subscription " + id));
        final String secret = rotation.secret().orElseGet(secrets::fresh);
        final Instant now = clock.instant();
        store.write(id, Optional.of(base), base.withSecrets(rotation.apply(base.secrets(),
            sealer.seal(secret, id, Optional.ofNullable(base.tenant())), now), now));
        LOG.info("Subscription {}: signing secret rotated by the {}, previous ones kept for {}", id, caller, Durations.format(rotation.keepPrevious()));
        return secret;
    }

    synchronized LiveSubscription setState(final Caller caller, final String id, final State state) {
        final LiveSubscription live = show(caller, id);
        if (live.state() == state) {
            return live;
        }
        final Instant now = clock.instant();
        if (live.origin() == Origin.CONFIG) {
            store.write(id, store.stored(id), SubscriptionRecord.configState(id, state, now));
        } else {
            final SubscriptionRecord base = storedApi(id).orElseThrow(() -> new NotFound("no subscription " + id));
            store.write(id, Optional.of(base), base.withState(state, now));
        }
        LOG.info("Subscription {} {} by the {}", id, state.code(), caller);
        return inForce(id);
    }

    /** The record of the API's subscription {@code id}, not deleted. */
    private Optional<SubscriptionRecord> storedApi(final String id) {
        return store.stored(id).filter(record -> record.origin() == Origin.API && !record.isDeleted());
    }

    /**
     * What the topic holds for {@code id}, which a create may take: nothing, or the state of a
     * subscription the file no longer has (no subscription: an API one may take its id).
     *
     * @throws Conflict {@code subscription_exists} when the id is taken: by the file, by a subscription of the API, deleted
     *                  or not, or by a record that cannot be read; a tenant is told that it is taken, never by what
     */
    private Optional<SubscriptionRecord> free(final Caller caller, final String id) {
        final Optional<SubscriptionRecord> stored = store.stored(id);
        final String why;
        if (config.subscription(id).isPresent()) {
            why = "it is declared in the configuration file";
        } else if (stored.filter(SubscriptionRecord::isDeleted).isPresent()) {
            why = "it was deleted, and ids are never used again: what still waits under it (retry and parked tasks, DLQ entries, "
                + "its delivery log) stays its own";
        } else if (subscriptions.unreadable(id)) {
            why = "its record in the topic cannot be read here (the operator may delete it)";
        } else if (subscriptions.find(id).isPresent() || stored.filter(record -> record.origin() == Origin.API).isPresent()) {
            why = "it exists";
        } else {
            return stored;
        }
        throw new Conflict("subscription_exists", "subscription id " + id + " is taken: " + (caller.isOperator() ? why
            : "ids are one namespace, and never used again, not even a deleted subscription's") + "; choose another, or leave id out");
    }

    private LiveSubscription ofApi(final LiveSubscription live) {
        if (live.origin() == Origin.CONFIG) {
            throw new Conflict("declared_in_config", "subscription " + live.id() + " is declared in the configuration file: change it there "
                + "(its state changes here, with POST /admin/subscriptions/" + live.id() + "/disable and /enable)");
        }
        return live;
    }

    private SecretBox box() {
        return box.orElseThrow(() -> new Conflict("secrets_key_missing", "subscriptions made through the admin API need "
            + "admin.secretsKey to seal their signing secrets: set admin.secretsKey (base64 of 32 bytes, best as "
            + "${HOOKGATE_SECRETS_KEY}; make one with openssl rand -base64 32), the same on every admin and dispatcher"));
    }

    private LiveSubscription inForce(final String id) {
        // The reader of the topic is the one the write was checked with, so this holds unless the table failed: then it said why.
        return subscriptions.find(id).orElseThrow(() -> new IllegalStateException("subscription " + id
            + " was written but is not in force here; the log of the subscriptions table says why"));
    }

    private static List<String> names(final ObjectNode body) {
        final List<String> names = new java.util.ArrayList<>();
        body.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
