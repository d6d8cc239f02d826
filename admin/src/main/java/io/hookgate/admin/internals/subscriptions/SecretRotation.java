package io.hookgate.admin.internals.subscriptions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hookgate.core.config.ConfigDef;
import io.hookgate.core.config.ConfigProblems;
import io.hookgate.core.config.Durations;
import io.hookgate.core.config.SubscriptionConfig;
import io.hookgate.core.json.Json;
import io.hookgate.core.subscription.SubscriptionRecord.SealedSecret;
import io.hookgate.core.text.DidYouMean;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A rotation of a subscription's signing secret, {@code {secret?, keepPreviousFor?}}: the new secret
 * (given, or a fresh one) signs every attempt from now on; every secret that signed until now goes
 * on signing beside it for {@code keepPreviousFor} more at most (an earlier rotation's previous
 * secret keeps its own, sooner, end). {@code keepPreviousFor} defaults to {@code 0s}: the previous
 * secrets stop at once, which is what a leaked secret needs; give e.g. {@code "24h"} to let
 * receivers move to the new one. At most {@value #MAX_KEEP_DAYS} days, so that no replaced secret
 * signs forever.
 *
 * @param secret       the new secret, when the body gave one
 * @param keepPrevious how long the previous secrets go on signing
 */
record SecretRotation(Optional<String> secret, Duration keepPrevious) {

    static final String KEEP_PREVIOUS_FOR = "keepPreviousFor";
    static final int MAX_KEEP_DAYS = 30;
    private static final Set<String> KEYS = Set.of(SubscriptionFields.SECRET, KEEP_PREVIOUS_FOR);
    private static final ConfigDef SECRET_ONLY = ConfigDef.of(SubscriptionConfig.SECRET);

    /** @throws io.hookgate.admin.internals.errors.BadRequest {@code invalid_subscription} listing every problem of {@code body} */
    static SecretRotation read(final ObjectNode body) {
        final ConfigProblems problems = new ConfigProblems();
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            final String name = names.next();
            if (!KEYS.contains(name)) {
                problems.add(name, "unknown key" + DidYouMean.hint(name, new java.util.TreeSet<>(KEYS)));
            } else if (!body.get(name).isTextual()) {
                problems.add(name, "must be a string");
            }
        }
        Optional<String> secret = Optional.empty();
        final JsonNode givenSecret = body.get(SubscriptionFields.SECRET);
        if (givenSecret != null && givenSecret.isTextual()) {
            // The one check of a secret: the file's.
            final ObjectNode node = Json.mapper().createObjectNode().put(SubscriptionFields.SECRET, givenSecret.textValue());
            final int before = problems.size();
            SECRET_ONLY.read(node, "", problems);
            if (problems.size() == before) {
                secret = Optional.of(givenSecret.textValue());
            }
        }
        Duration keep = Duration.ZERO;
        final JsonNode givenKeep = body.get(KEEP_PREVIOUS_FOR);
        if (givenKeep != null && givenKeep.isTextual()) {
            try {
                keep = Durations.parse(givenKeep.textValue());
                if (keep.compareTo(Duration.ofDays(MAX_KEEP_DAYS)) > 0) {
                    problems.add(KEEP_PREVIOUS_FOR, "at most " + MAX_KEEP_DAYS + "d");
                }
            } catch (IllegalArgumentException e) {
                problems.add(KEEP_PREVIOUS_FOR, e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw SubscriptionReader.invalid(problems.list());
        }
        return new SecretRotation(secret, keep);
    }

    /** The secret is never printed. */
    @Override
    public String toString() {
        return "SecretRotation[secret " + (secret.isPresent() ? "given, hidden" : "fresh") + ", keepPrevious "
            + Durations.format(keepPrevious) + "]";
    }

    /** The secrets after this rotation at {@code now}: {@code sealedNew} first, then those of {@code current} kept a while. */
    List<SealedSecret> apply(final List<SealedSecret> current, final String sealedNew, final Instant now) {
        final List<SealedSecret> next = new ArrayList<>();
        next.add(new SealedSecret(sealedNew, null));
        if (keepPrevious.isZero()) {
            return next;
        }
        final Instant until = now.plus(keepPrevious);
        for (SealedSecret secret : current) {
            if (secret.validAt(now)) {
                next.add(new SealedSecret(secret.sealed(), secret.notAfter() == null || secret.notAfter().isAfter(until)
                    ? until : secret.notAfter()));
            }
        }
        return next;
    }
}
