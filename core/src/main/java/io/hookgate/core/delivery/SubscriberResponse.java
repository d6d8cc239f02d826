package io.hookgate.core.delivery;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.hookgate.core.request.CredentialNames;
import io.hookgate.core.text.Utf8;

import java.nio.ByteBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What a subscriber answered beside its status, as much as one debugs with and never more: at most
 * {@value #MAX_HEADERS} of its headers ({@code content-type} and {@code retry-after} first, then the
 * others in the order received; names in lower case, at most {@value #MAX_NAME_CHARS} characters,
 * values cut to {@value #MAX_VALUE_CHARS}, repeated names joined with {@code ", "}, the value of a
 * credential's name {@link CredentialNames#REDACTED}) and the first {@value #MAX_BODY_BYTES} bytes
 * of its body as text (UTF-8; a character cut at the end is dropped, malformed bytes and control
 * characters other than tab and line breaks become U+FFFD, so that its JSON stays within three
 * times the bytes kept). Small enough to travel with every attempt of a task and a DLQ entry.
 *
 * @param headers   the headers kept, in order; empty when none
 * @param body      the start of the body as text, or null when the answer had no body
 * @param bodyBytes how many bytes the body had in all (those past the excerpt were read and discarded)
 * @param truncated whether the body is longer than {@code body}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"headers", "body", "bodyBytes", "truncated"})
public record SubscriberResponse(Map<String, String> headers, String body, long bodyBytes, boolean truncated) {

    public static final int MAX_BODY_BYTES = 1024;
    public static final int MAX_HEADERS = 10;
    public static final int MAX_NAME_CHARS = 64;
    public static final int MAX_VALUE_CHARS = 128;
    private static final List<String> FIRST = List.of("content-type", "retry-after");
    private static final char REPLACEMENT = '\uFFFD';

    public SubscriberResponse {
        headers = headers == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /**
     * The excerpt of an answer.
     *
     * @param received  the answer's headers as received, name and value, repeated names repeated
     * @param bodyStart holds the first bytes of the body (only the first {@value #MAX_BODY_BYTES} are looked at)
     * @param length    how many bytes of {@code bodyStart} are the body's
     * @param bodyBytes how many bytes the body had in all
     */
    public static SubscriberResponse of(final List<Map.Entry<String, String>> received, final byte[] bodyStart, final int length,
                                        final long bodyBytes) {
        final int kept = Math.min(Math.min(length, MAX_BODY_BYTES), bodyStart.length);
        final boolean truncated = bodyBytes > kept;
        return new SubscriberResponse(headers(received), bodyBytes == 0 ? null : text(bodyStart, kept, truncated), bodyBytes, truncated);
    }

    /** About how many bytes this excerpt adds to a record: what a task's budget of kept answers counts. */
    public int weight() {
        int weight = 48 + (body == null ? 0 : body.length() * 2);
        for (Map.Entry<String, String> header : headers.entrySet()) {
            weight += 8 + header.getKey().length() + header.getValue().length();
        }
        return weight;
    }

    private static Map<String, String> headers(final List<Map.Entry<String, String>> received) {
        final List<Map.Entry<String, String>> ordered = new ArrayList<>();
        for (String first : FIRST) {
            received.stream().filter(header -> first.equalsIgnoreCase(header.getKey())).forEach(ordered::add);
        }
        received.stream().filter(header -> !FIRST.contains(header.getKey().toLowerCase(Locale.ROOT))).forEach(ordered::add);
        final Map<String, String> kept = new LinkedHashMap<>();
        for (Map.Entry<String, String> header : ordered) {
            final String name = cut(header.getKey().toLowerCase(Locale.ROOT), MAX_NAME_CHARS);
            final String value = CredentialNames.looksLikeCredential(name) ? CredentialNames.REDACTED
                : Objects.requireNonNullElse(header.getValue(), "");
            if (kept.containsKey(name)) {
                kept.put(name, cut(kept.get(name) + ", " + value, MAX_VALUE_CHARS));
            } else if (kept.size() < MAX_HEADERS) {
                kept.put(name, cut(value, MAX_VALUE_CHARS));
            }
        }
        return kept;
    }

    private static String cut(final String text, final int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }

    private static String text(final byte[] bytes, final int length, final boolean truncated) {
        final int end = truncated ? Utf8.wholeCharactersEnd(bytes, length) : length;
        final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        final String decoded;
        try {
            decoded = decoder.decode(ByteBuffer.wrap(bytes, 0, end)).toString();
        } catch (CharacterCodingException e) {
            // REPLACE never throws; were it to, the bytes are not text worth showing.
            return "(" + length + " bytes that are not text)";
        }
        final StringBuilder text = new StringBuilder(decoded.length());
        decoded.codePoints().forEach(c -> text.appendCodePoint(Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r'
            ? REPLACEMENT : c));
        return text.toString();
    }
}
