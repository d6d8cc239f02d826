package io.hookgate.admin.internals.view;

import io.hookgate.admin.api.model.RequestCopy;
import io.hookgate.core.config.ConfigKey;
import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.config.ProviderCatalog;
import io.hookgate.core.config.ProviderSpec;
import io.hookgate.core.config.SourceConfig;
import io.hookgate.core.request.CredentialNames;
import io.hookgate.core.request.RawRecordCodec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Which parts of a stored request are credentials, and the request with their values replaced by
 * {@value #REDACTED} (names kept), for everything the admin index keeps and the API and CLI show.
 * Replay never uses the redacted copy: it re-reads the original record from Kafka.
 *
 * <p>A header or query parameter is a credential when its name contains one of
 * {@link CredentialNames#WORDS} (so {@code Authorization}, {@code Cookie}, {@code X-Hub-Signature-256},
 * {@code Stripe-Signature}, {@code X-Shopify-Hmac-Sha256}, {@code X-Api-Key}, {@code ?key=},
 * {@code ?token=}, ...), or when a source's configuration names it as the place of its secret: the
 * {@code header} of {@code hmac} and {@code token} sources, the {@code queryParam} of {@code token}
 * sources. It errs on the side of hiding: a query item without a name is hidden whole.
 */
public final class Redaction {

    public static final String REDACTED = CredentialNames.REDACTED;

    /** The source keys (of any provider that defines them) naming where a secret travels. */
    static final String HEADER_KEY = "header";
    static final String QUERY_PARAM_KEY = "queryParam";

    private final Set<String> headers;
    private final Set<String> parameters;

    Redaction(final Set<String> headers, final Set<String> parameters) {
        this.headers = lower(headers);
        this.parameters = lower(parameters);
    }

    /** The rule for {@code config}: the name rule, plus every header and parameter its sources carry secrets in. */
    public static Redaction of(final HookgateConfig config, final ProviderCatalog providers) {
        final Set<String> headers = new HashSet<>();
        final Set<String> parameters = new HashSet<>();
        for (SourceConfig source : config.sources().values()) {
            providers.find(source.provider()).ifPresent(spec -> {
                option(spec, source, HEADER_KEY, headers);
                option(spec, source, QUERY_PARAM_KEY, parameters);
            });
        }
        return new Redaction(headers, parameters);
    }

    /** The name rule alone, for a process that knows no sources. */
    public static Redaction byName() {
        return new Redaction(Set.of(), Set.of());
    }

    private static void option(final ProviderSpec spec, final SourceConfig source, final String name, final Set<String> into) {
        for (ConfigKey<?> key : spec.options().keys()) {
            if (key.name().equals(name) && source.options().get(key) instanceof String value) {
                into.add(value);
            }
        }
    }

    /** Whether HTTP header {@code name} carries a credential. */
    public boolean isCredentialHeader(final String name) {
        final String lower = name.toLowerCase(Locale.ROOT);
        return headers.contains(lower) || CredentialNames.looksLikeCredential(lower);
    }

    /** Whether query parameter {@code name} carries a credential. */
    public boolean isCredentialParameter(final String name) {
        final String lower = name.toLowerCase(Locale.ROOT);
        return parameters.contains(lower) || CredentialNames.looksLikeCredential(lower);
    }

    /** {@code value}, or {@value #REDACTED} when header {@code name} carries a credential. */
    public String header(final String name, final String value) {
        return isCredentialHeader(name) ? REDACTED : value;
    }

    /** The raw query string {@code query} with the value of every credential parameter replaced, names kept. */
    public String query(final String query) {
        if (query == null || query.isEmpty()) {
            return query;
        }
        final StringJoiner redacted = new StringJoiner("&");
        for (String item : query.split("&", -1)) {
            final int equals = item.indexOf('=');
            if (equals < 0) {
                // No name to judge it by: a bare value may be a token.
                redacted.add(item.isEmpty() ? item : REDACTED);
                continue;
            }
            final String name = decode(item.substring(0, equals));
            redacted.add(name == null || isCredentialParameter(name) ? item.substring(0, equals) + "=" + REDACTED : item);
        }
        return redacted.toString();
    }

    private static String decode(final String name) {
        try {
            return URLDecoder.decode(name, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // Broken percent-encoding: the name cannot be judged, so its value is hidden (null says so).
            return null;
        }
    }

    private static Set<String> lower(final Set<String> names) {
        final Set<String> lower = new HashSet<>();
        names.forEach(name -> lower.add(name.toLowerCase(Locale.ROOT)));
        return Set.copyOf(lower);
    }

    /** The redacted copy of the raw request {@code record} carries (a record of {@code events.rejected} or {@code ingress.raw}). */
    public RequestCopy copyOf(final ConsumerRecord<byte[], byte[]> record) {
        final List<RequestCopy.HeaderCopy> headers = new ArrayList<>();
        for (Header header : record.headers()) {
            if (header.key().startsWith(RawRecordCodec.HTTP_PREFIX)) {
                final String name = header.key().substring(RawRecordCodec.HTTP_PREFIX.length());
                // HTTP header bytes are ISO-8859-1, as the ingress stored them.
                final String value = header.value() == null ? "" : new String(header.value(), StandardCharsets.ISO_8859_1);
                headers.add(new RequestCopy.HeaderCopy(name, header(name, value)));
            }
        }
        return new RequestCopy(RawRecordCodec.lastValue(record.headers(), RawRecordCodec.METHOD),
            query(RawRecordCodec.lastValue(record.headers(), RawRecordCodec.QUERY)),
            RawRecordCodec.lastValue(record.headers(), RawRecordCodec.CLIENT), receivedAt(record),
            List.copyOf(headers), record.value() == null ? 0 : record.value().length);
    }

    /** The receive time, or null when the ingress's header is absent or broken: a request rejected as malformed_record is still listed. */
    private static Instant receivedAt(final ConsumerRecord<byte[], byte[]> record) {
        final String millis = RawRecordCodec.lastValue(record.headers(), RawRecordCodec.RECEIVED_AT);
        if (millis == null || millis.isEmpty() || millis.length() > 18 || !millis.chars().allMatch(Character::isDigit)) {
            return null;
        }
        return Instant.ofEpochMilli(Long.parseLong(millis));
    }
}
