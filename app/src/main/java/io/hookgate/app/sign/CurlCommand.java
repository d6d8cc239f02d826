package io.hookgate.app.sign;

import io.hookgate.core.request.HttpHeaders;
import io.hookgate.providers.spi.SignedRequest;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** A signed request written as a {@code curl} command a user can paste into a POSIX shell. */
public final class CurlCommand {

    private CurlCommand() {
    }

    /**
     * @param url      the ingress URL of the source, without query
     * @param bodyFile the file holding the body, used when the body is not printable text; may be null
     */
    public static String of(final String url, final SignedRequest request, final String bodyFile) {
        final StringBuilder curl = new StringBuilder("curl -sS -i -X POST ")
            .append(quote(request.query().isEmpty() ? url : url + "?" + request.query()));
        for (HttpHeaders.Header header : request.headers().asList()) {
            curl.append(" \\\n  -H ").append(quote(header.name() + ": " + header.value()));
        }
        final String text = printable(request.body());
        if (text != null) {
            curl.append(" \\\n  --data-binary ").append(quote(text));
        } else {
            curl.append(" \\\n  --data-binary @").append(quote(bodyFile == null ? "body.bin" : bodyFile));
        }
        return curl.toString();
    }

    private static String printable(final byte[] body) {
        try {
            final String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .decode(java.nio.ByteBuffer.wrap(body)).toString();
            return text.chars().allMatch(c -> c >= 0x20 || c == '\n' || c == '\t' || c == '\r') ? text : null;
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** {@code text} as one word of a POSIX shell: as it is when it needs no quotes. */
    public static String quoteIfNeeded(final String text) {
        return text.matches("[A-Za-z0-9_./:=@%+,-]+") ? text : quote(text);
    }

    /** Single-quotes {@code text} for a POSIX shell. */
    static String quote(final String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
