package io.hookgate.providers.twilio;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookgate.core.config.SourceConfig;
import io.hookgate.core.id.StableIds;
import io.hookgate.core.request.HttpHeaders;
import io.hookgate.core.request.RawRequest;
import io.hookgate.providers.crypto.Encoding;
import io.hookgate.providers.crypto.Hmac;
import io.hookgate.providers.payload.FormFields;
import io.hookgate.providers.payload.Payload;
import io.hookgate.providers.payload.Payloads;
import io.hookgate.providers.spi.NamedProvider;
import io.hookgate.providers.spi.Provider;
import io.hookgate.providers.spi.EventIdentity;
import io.hookgate.providers.spi.HeaderHmacScheme;
import io.hookgate.providers.spi.SignatureFormat;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * {@code provider: twilio}: {@code X-Twilio-Signature}, base64 HMAC-SHA1 under the Auth Token of
 * the URL Twilio calls ({@code publicUrl}, required) followed, for form posts, by every parameter
 * sorted by name as {@code name + value}; JSON bodies are covered by the {@code bodySHA256} query
 * parameter inside the signed URL. As Twilio's SDKs do, a URL with the default port added or
 * removed also verifies, and a repeated parameter signs each distinct value, sorted. Event id
 * {@code I-Twilio-Idempotency-Token}, else the SID and status; type {@code message.<status>},
 * {@code call.<status>} or the CloudEvent {@code type}.
 */
public final class TwilioScheme extends HeaderHmacScheme {

    /** The registry entry of this provider. */
    public static final Provider PROVIDER = NamedProvider.of("twilio", TwilioScheme::new)
        .requiring(SourceConfig.PUBLIC_URL, "the exact URL Twilio calls, as configured at Twilio");

    private static final SignatureFormat FORMAT = SignatureFormat.of("X-Twilio-Signature", Hmac.Algorithm.SHA1, Encoding.BASE64);
    private static final String BODY_HASH = "bodySHA256";

    private final String publicUrl;

    TwilioScheme(final SourceConfig source) {
        super(source, FORMAT);
        this.publicUrl = source.publicUrl().orElseThrow();
    }

    @Override
    protected List<byte[][]> signedContents(final RawRequest request, final String timestamp) {
        final String bodyHash = bodyHash(request.query());
        if (bodyHash == null) {
            if (!isForm(request)) {
                throw new MalformedSignedContentException("a non-form body needs the bodySHA256 query parameter");
            }
            final String parameters = sortedParameters(request.body());
            return urlVariants(baseUrls(request, null)).stream().map(url -> new byte[][] {Hmac.utf8(url + parameters)}).toList();
        }
        if (!Hmac.equal(Hmac.utf8(StableIds.sha256Hex(request.body())), Hmac.utf8(bodyHash.toLowerCase(Locale.ROOT)))) {
            // The body is not the one signed: nothing can verify.
            return List.of();
        }
        return urlVariants(baseUrls(request, bodyHash)).stream().map(url -> new byte[][] {Hmac.utf8(url)}).toList();
    }

    private static boolean isForm(final RawRequest request) {
        return "application/x-www-form-urlencoded".equals(request.mediaType());
    }

    /**
     * One reading per request: a query with {@code bodySHA256} means a body signed by its hash
     * (read as JSON whatever its content type), none means a form signed by its parameters. Were
     * both tried, the signature of a JSON request's URL would also verify an empty form.
     */
    @Override
    protected Payload readPayload(final RawRequest request) {
        return bodyHash(request.query()) == null ? Payloads.form(request.body()) : Payloads.json(request.body());
    }

    @Override
    protected List<String> signatureCovers(final RawRequest request) {
        return List.of("url", "body");
    }

    /**
     * The URLs Twilio may have signed. For a JSON body, only URLs carrying its bodySHA256 count: a
     * signature of the bare URL says nothing of the body.
     */
    private List<String> baseUrls(final RawRequest request, final String bodyHash) {
        final List<String> urls = new ArrayList<>();
        final String withoutQuery = publicUrl.contains("?") ? publicUrl.substring(0, publicUrl.indexOf('?')) : publicUrl;
        if (bodyHash != null) {
            urls.add(publicUrl + (publicUrl.contains("?") ? "&" : "?") + BODY_HASH + "=" + bodyHash);
        } else {
            urls.add(publicUrl);
        }
        if (!request.query().isEmpty()) {
            urls.add(withoutQuery + "?" + request.query());
        }
        return urls;
    }

    /** Each URL as given, with the scheme's default port added, and with it removed. */
    static List<String> urlVariants(final List<String> urls) {
        final Set<String> variants = new LinkedHashSet<>();
        for (String url : urls) {
            variants.add(url);
            try {
                final URI uri = new URI(url);
                final int defaultPort = "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
                final String authority = uri.getRawAuthority();
                if (authority == null) {
                    continue;
                }
                final String prefix = uri.getScheme() + "://";
                final String rest = url.substring(prefix.length() + authority.length());
                if (uri.getPort() == -1) {
                    variants.add(prefix + authority + ":" + defaultPort + rest);
                } else if (uri.getPort() == defaultPort) {
                    variants.add(prefix + authority.substring(0, authority.lastIndexOf(':')) + rest);
                }
            } catch (URISyntaxException e) {
                // A URL the JDK cannot parse (raw UTF-8, say) is tried only as written.
                continue;
            }
        }
        return List.copyOf(variants);
    }

    /** Every form parameter by name in code-unit order, each distinct value sorted, as {@code name + value}. */
    private static String sortedParameters(final byte[] body) {
        final Map<String, List<String>> fields;
        try {
            fields = FormFields.parse(Payloads.strictUtf8(body));
        } catch (Payloads.MalformedPayloadException e) {
            throw new MalformedSignedContentException("the form body cannot be read: " + e.getMessage());
        }
        final StringBuilder signed = new StringBuilder();
        new TreeMap<>(fields).forEach((name, values) -> new TreeSet<>(values).forEach(value -> signed.append(name).append(value)));
        return signed.toString();
    }

    private static String bodyHash(final String query) {
        try {
            final List<String> values = FormFields.parse(query).get(BODY_HASH);
            return values == null || values.isEmpty() ? null : values.get(values.size() - 1);
        } catch (Payloads.MalformedPayloadException e) {
            return null;
        }
    }

    @Override
    protected EventIdentity identify(final RawRequest request, final JsonNode payload) {
        final String token = request.header("I-Twilio-Idempotency-Token").orElse(null);
        final String type = type(payload);
        if (token != null && !token.isBlank()) {
            // Twilio does not sign this header: the URL and body are.
            return EventIdentity.fromUnsignedHeader(token, type);
        }
        for (String[] pair : new String[][] {{"MessageSid", "MessageStatus"}, {"SmsSid", "SmsStatus"}, {"CallSid", "CallStatus"}}) {
            final String sid = Payloads.text(payload, pair[0]);
            if (sid != null) {
                final String status = Payloads.text(payload, pair[1]);
                final String sequence = Payloads.text(payload, "SequenceNumber");
                return EventIdentity.fromProvider(sid + ":" + (status == null ? "" : status) + (sequence == null ? "" : ":" + sequence), type);
            }
        }
        return Payloads.identity(Payloads.text(payload, "id"), payload, type);
    }

    @Override
    public Optional<String> dedupKeyHint(final RawRequest request) {
        return signedBodyHint(request, request.header("I-Twilio-Idempotency-Token"));
    }

    private static String type(final JsonNode payload) {
        final String message = Payloads.text(payload, "MessageStatus") != null ? Payloads.text(payload, "MessageStatus")
            : Payloads.text(payload, "SmsStatus");
        if (message != null) {
            return "message." + message;
        }
        final String call = Payloads.text(payload, "CallStatus");
        return call != null ? "call." + call : Payloads.text(payload, "type");
    }

    @Override
    protected String signingQuery(final byte[] body) {
        final String configured = publicUrl.contains("?") ? publicUrl.substring(publicUrl.indexOf('?') + 1) : "";
        if (looksLikeForm(body)) {
            return configured;
        }
        return (configured.isEmpty() ? "" : configured + "&") + BODY_HASH + "=" + StableIds.sha256Hex(body);
    }

    @Override
    protected HttpHeaders unsignedHeaders(final byte[] body, final Instant now) {
        return HttpHeaders.empty()
            .with("Content-Type", looksLikeForm(body) ? "application/x-www-form-urlencoded" : "application/json")
            .with("I-Twilio-Idempotency-Token", UUID.randomUUID().toString())
            .with("User-Agent", "TwilioProxy/1.1");
    }

    /** Whether {@code body} (to sign) is a form rather than JSON. */
    private static boolean looksLikeForm(final byte[] body) {
        final String text = new String(body, java.nio.charset.StandardCharsets.UTF_8).stripLeading();
        return !(text.startsWith("{") || text.startsWith("["));
    }

    @Override
    public byte[] sampleBody(final Instant now) {
        return Hmac.utf8("AccountSid=AC" + UUID.randomUUID().toString().replace("-", "") + "&MessageSid=SM"
            + UUID.randomUUID().toString().replace("-", "") + "&MessageStatus=delivered&From=%2B15017122661&To=%2B15558675310");
    }
}
