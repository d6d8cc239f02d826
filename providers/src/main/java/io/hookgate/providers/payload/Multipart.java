package io.hookgate.providers.payload;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the fields of a {@code multipart/form-data} body (RFC 7578), as Dropbox Sign posts its
 * events. Strict: a body that does not follow the format is malformed, never half-read.
 */
public final class Multipart {

    private static final Pattern BOUNDARY = Pattern.compile("(?i)boundary=(?:\"([^\"]{1,70})\"|([^;\\s]{1,70}))");
    private static final Pattern NAME = Pattern.compile("(?i)\\bname=\"([^\"]*)\"");
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] HEADER_END = {'\r', '\n', '\r', '\n'};

    private Multipart() {
    }

    /** The boundary named by a {@code Content-Type} value, or null. */
    public static String boundary(final String contentType) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            return null;
        }
        final Matcher matcher = BOUNDARY.matcher(contentType);
        return matcher.find() ? (matcher.group(1) != null ? matcher.group(1) : matcher.group(2)) : null;
    }

    /**
     * The fields of {@code body}, by name, in order (a repeated name keeps its last value).
     *
     * @throws Payloads.MalformedPayloadException when the body is not multipart with {@code boundary}
     */
    public static Map<String, byte[]> fields(final byte[] body, final String boundary) {
        final byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        final Map<String, byte[]> fields = new LinkedHashMap<>();
        int position = indexOf(body, delimiter, 0);
        if (position < 0) {
            throw new Payloads.MalformedPayloadException("multipart body without its boundary");
        }
        while (true) {
            position += delimiter.length;
            if (startsWith(body, position, new byte[] {'-', '-'})) {
                return fields;
            }
            if (!startsWith(body, position, CRLF)) {
                throw new Payloads.MalformedPayloadException("multipart boundary not followed by a line end");
            }
            position += CRLF.length;
            final int headersEnd = indexOf(body, HEADER_END, position);
            if (headersEnd < 0) {
                throw new Payloads.MalformedPayloadException("multipart part without the end of its headers");
            }
            final String headers = new String(body, position, headersEnd - position, StandardCharsets.UTF_8);
            final int contentStart = headersEnd + HEADER_END.length;
            final byte[] nextDelimiter = concat(CRLF, delimiter);
            final int contentEnd = indexOf(body, nextDelimiter, contentStart);
            if (contentEnd < 0) {
                throw new Payloads.MalformedPayloadException("multipart part without a closing boundary");
            }
            final Matcher name = NAME.matcher(headers);
            if (!name.find()) {
                throw new Payloads.MalformedPayloadException("multipart part without a name");
            }
            fields.put(name.group(1), Arrays.copyOfRange(body, contentStart, contentEnd));
            position = contentEnd + CRLF.length;
        }
    }

    /** {@code fields} as a {@code multipart/form-data} body with {@code boundary}, for signers and tests. */
    public static byte[] write(final Map<String, byte[]> fields, final String boundary) {
        final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        fields.forEach((name, value) -> {
            out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
            out.writeBytes(value);
            out.writeBytes(CRLF);
        });
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static boolean startsWith(final byte[] data, final int from, final byte[] prefix) {
        if (from + prefix.length > data.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[from + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(final byte[] data, final byte[] pattern, final int from) {
        for (int i = Math.max(0, from); i <= data.length - pattern.length; i++) {
            if (startsWith(data, i, pattern)) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] concat(final byte[] a, final byte[] b) {
        final byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
