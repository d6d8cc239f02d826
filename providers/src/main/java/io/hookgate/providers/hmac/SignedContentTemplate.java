package io.hookgate.providers.hmac;

import io.hookgate.core.request.RawRequest;
import io.hookgate.providers.crypto.Hmac;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a generic HMAC sender signs: a template over {@code {id}}, {@code {timestamp}} and
 * {@code {body}}, such as {@code {timestamp}.{body}}. The body is inserted as raw bytes.
 */
final class SignedContentTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z]+)}");

    private final String text;
    private final List<String> pieces;

    private SignedContentTemplate(final String text, final List<String> pieces) {
        this.text = text;
        this.pieces = List.copyOf(pieces);
    }

    /** The template as written. */
    String text() {
        return text;
    }

    /**
     * Parses {@code template}.
     *
     * @throws IllegalArgumentException on an unknown placeholder or a template without {@code {body}}
     */
    static SignedContentTemplate parse(final String template) {
        final List<String> pieces = new ArrayList<>();
        final Matcher matcher = PLACEHOLDER.matcher(template);
        int last = 0;
        boolean body = false;
        while (matcher.find()) {
            final String name = matcher.group(1);
            if (!List.of("id", "timestamp", "body").contains(name)) {
                throw new IllegalArgumentException("unknown placeholder {" + name + "} (use {id}, {timestamp}, {body})");
            }
            body |= "body".equals(name);
            pieces.add(template.substring(last, matcher.start()));
            pieces.add(matcher.group());
            last = matcher.end();
        }
        pieces.add(template.substring(last));
        if (!body) {
            throw new IllegalArgumentException("must contain {body}: a signature that does not cover the body proves nothing of it");
        }
        return new SignedContentTemplate(template, pieces);
    }

    boolean uses(final String placeholder) {
        return pieces.contains("{" + placeholder + "}");
    }

    /** The placeholders in order of appearance, without braces: what the signature covers. */
    List<String> placeholders() {
        return pieces.stream().filter(piece -> PLACEHOLDER.matcher(piece).matches())
            .map(piece -> piece.substring(1, piece.length() - 1)).distinct().toList();
    }

    byte[][] render(final RawRequest request, final String id, final String timestamp) {
        final byte[][] rendered = new byte[pieces.size()][];
        for (int i = 0; i < pieces.size(); i++) {
            rendered[i] = switch (pieces.get(i)) {
                case "{body}" -> request.body();
                case "{id}" -> Hmac.utf8(id == null ? "" : id);
                case "{timestamp}" -> Hmac.utf8(timestamp == null ? "" : timestamp);
                default -> Hmac.utf8(pieces.get(i));
            };
        }
        return rendered;
    }
}
