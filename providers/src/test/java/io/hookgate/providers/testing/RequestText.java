package io.hookgate.providers.testing;

import io.hookgate.core.request.HttpHeaders;
import io.hookgate.core.request.RawRequest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A webhook request written as text, the input format of the schemes' fuzz targets and of their
 * seed files, which stay readable and can be written by hand:
 * <pre>
 * stripe ?query=string
 * Stripe-Signature: t=1767225600,v1=...
 * Content-Type: application/json
 *
 * {"id":"evt_1"}
 * </pre>
 * The first line names the provider (one of {@link AllSchemes}; any other text picks one by its
 * hash, so that every input reaches some scheme) and, after a space, the query string. Each next
 * line is a header {@code Name: value} (ISO-8859-1, as HTTP headers are received; a line without a
 * colon is a name with an empty value). Two pseudo-headers say more: {@code @replay: ignore-timestamp}
 * makes the request an operator's replay with its window waived, and {@code @signed-at: -301} tells a
 * target that signs the request to sign it that many seconds from {@link #RECEIVED_AT} (within ten
 * years). After the first empty line, the body, every byte as it is.
 *
 * @param provider the provider named, a key of {@link AllSchemes#SOURCES}
 * @param headers  the headers, in order
 * @param query    the query string, without {@code ?}
 * @param replay   whether the request is a replay with the replay window waived
 * @param signedAt when a target that signs the request is to sign it
 * @param body     the body
 */
public record RequestText(String provider, List<HttpHeaders.Header> headers, String query, boolean replay, Instant signedAt,
                          byte[] body) {

    /** When every fuzzed request is received: the seeds are signed for this instant, so they never go stale. */
    public static final Instant RECEIVED_AT = Instant.parse("2026-01-01T00:00:00Z");

    private static final List<String> PROVIDERS = List.copyOf(AllSchemes.SOURCES.keySet());
    private static final long TEN_YEARS_SECONDS = 10L * 366 * 86_400;

    public RequestText {
        headers = List.copyOf(headers);
    }

    /** Reads {@code data}; any bytes are some request. */
    public static RequestText parse(final byte[] data) {
        int end = lineEnd(data, 0);
        final String first = new String(data, 0, end, StandardCharsets.ISO_8859_1);
        final int space = first.indexOf(' ');
        final String name = space < 0 ? first : first.substring(0, space);
        final String query = space < 0 ? "" : first.substring(space + 1).replaceFirst("^\\?", "");
        final String provider = PROVIDERS.contains(name) ? name : PROVIDERS.get(Math.floorMod(name.hashCode(), PROVIDERS.size()));
        final List<HttpHeaders.Header> headers = new ArrayList<>();
        boolean replay = false;
        long signedAtOffset = 0;
        int position = end + 1;
        while (position < data.length) {
            end = lineEnd(data, position);
            if (end == position) {
                return new RequestText(provider, headers, query, replay, RECEIVED_AT.plusSeconds(signedAtOffset),
                    Arrays.copyOfRange(data, position + 1, data.length));
            }
            final String line = new String(data, position, end - position, StandardCharsets.ISO_8859_1);
            final int colon = line.indexOf(':');
            final String header = colon < 0 ? line : line.substring(0, colon);
            final String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
            if ("@replay".equals(header)) {
                replay = "ignore-timestamp".equals(value);
            } else if ("@signed-at".equals(header)) {
                signedAtOffset = offsetSeconds(value);
            } else {
                headers.add(new HttpHeaders.Header(header, value));
            }
            position = end + 1;
        }
        return new RequestText(provider, headers, query, replay, RECEIVED_AT.plusSeconds(signedAtOffset), new byte[0]);
    }

    private static long offsetSeconds(final String text) {
        try {
            return Math.max(-TEN_YEARS_SECONDS, Math.min(TEN_YEARS_SECONDS, Long.parseLong(text.trim())));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** This request as the ingress would have stored it, received at {@link #RECEIVED_AT}. */
    public RawRequest toRawRequest() {
        return new RawRequest("ing-fuzz", provider.replace('-', '_'), RECEIVED_AT, "203.0.113.9", "POST", query,
            HttpHeaders.of(headers), body, replay ? new RawRequest.Replay("events.rejected-0-0", true) : null);
    }

    /** The text of this request, which {@link #parse} reads back. */
    public byte[] write() {
        final StringBuilder head = new StringBuilder(provider);
        if (!query.isEmpty()) {
            head.append(" ?").append(query);
        }
        head.append('\n');
        if (replay) {
            head.append("@replay: ignore-timestamp\n");
        }
        if (!signedAt.equals(RECEIVED_AT)) {
            head.append("@signed-at: ").append(signedAt.getEpochSecond() - RECEIVED_AT.getEpochSecond()).append('\n');
        }
        headers.forEach(header -> head.append(header.name()).append(": ").append(header.value()).append('\n'));
        head.append('\n');
        final byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        final byte[] all = Arrays.copyOf(headBytes, headBytes.length + body.length);
        System.arraycopy(body, 0, all, headBytes.length, body.length);
        return all;
    }

    private static int lineEnd(final byte[] data, final int from) {
        for (int i = from; i < data.length; i++) {
            if (data[i] == '\n') {
                return i;
            }
        }
        return data.length;
    }
}
