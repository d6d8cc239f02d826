package io.hookgate.providers.publisher;

import io.hookgate.core.config.ConfigProblems;
import io.hookgate.core.config.SourceConfig;
import io.hookgate.providers.spi.Provider;
import io.hookgate.providers.spi.SourceScheme;
import io.hookgate.providers.spi.TokenSecrets;

/**
 * {@code provider: publisher}: the system behind hookgate publishing its own events to its
 * subscribers. A request is {@code POST /webhooks/{source}} with
 * {@code Authorization: Bearer <one of the source's secrets>} (compared in constant time with every
 * secret, so two can be live while rotating), an {@code Event-Type} header naming the event's type
 * (required), an optional {@code Idempotency-Key} header, and the payload as the body: any JSON.
 * <p>
 * The event id is the {@code Idempotency-Key} when one is sent, else a hash of the type and the
 * canonical payload ({@code eventIdOrigin: payload-hash}). The key is a header the token does not
 * sign, and it is trusted all the same: the token proves the sender is the application itself,
 * which names its own events, so two requests with one key are one event (unlike GitHub's or
 * Shopify's unsigned id headers, where anyone holding one signed body could replay it under new ids).
 * <p>
 * Rejections: {@code bad_token} (no, malformed or wrong bearer token), {@code missing_event_type},
 * {@code malformed_payload} (not JSON), and, where the source declares {@code eventTypes},
 * {@code unknown_event_type} for a type it does not declare and {@code schema_violation} for a payload
 * that breaks its type's schema. Secrets must be long random tokens (at least
 * {@value #MIN_TOKEN_CHARS} characters), refused at configuration load otherwise.
 */
public final class PublisherProvider implements Provider {

    /** Shortest token accepted: the application's credential, long enough that no one guesses it. */
    static final int MIN_TOKEN_CHARS = 32;

    @Override
    public String name() {
        return "publisher";
    }

    @Override
    public void validate(final SourceConfig source, final String path, final ConfigProblems problems) {
        TokenSecrets.check(source, path, problems, MIN_TOKEN_CHARS);
    }

    @Override
    public SourceScheme bind(final SourceConfig source) {
        return new PublisherScheme(source);
    }
}
