package io.hookgate.core.request;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The headers of an HTTP request as received: every name and value in arrival order, repeated
 * names kept. Names are matched without regard to case, as HTTP requires. Immutable.
 */
public final class HttpHeaders {

    /** One header line. */
    public record Header(String name, String value) {
    }

    private static final HttpHeaders EMPTY = new HttpHeaders(List.of());

    private final List<Header> headers;

    private HttpHeaders(final List<Header> headers) {
        this.headers = headers;
    }

    public static HttpHeaders of(final List<Header> headers) {
        return headers.isEmpty() ? EMPTY : new HttpHeaders(List.copyOf(headers));
    }

    public static HttpHeaders empty() {
        return EMPTY;
    }

    /** The first value of {@code name}. */
    public Optional<String> first(final String name) {
        for (Header header : headers) {
            if (header.name().equalsIgnoreCase(name)) {
                return Optional.of(header.value());
            }
        }
        return Optional.empty();
    }

    /** Every value of {@code name}, in arrival order. */
    public List<String> all(final String name) {
        final List<String> values = new ArrayList<>(2);
        for (Header header : headers) {
            if (header.name().equalsIgnoreCase(name)) {
                values.add(header.value());
            }
        }
        return Collections.unmodifiableList(values);
    }

    public List<Header> asList() {
        return headers;
    }

    /** These headers plus one more, for building requests in tests and signers. */
    public HttpHeaders with(final String name, final String value) {
        final List<Header> more = new ArrayList<>(headers);
        more.add(new Header(name, value));
        return new HttpHeaders(List.copyOf(more));
    }

    /** The canonical lower-case form of a header name. */
    public static String normalize(final String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof HttpHeaders that && headers.equals(that.headers);
    }

    @Override
    public int hashCode() {
        return headers.hashCode();
    }

    @Override
    public String toString() {
        // Names only: values carry signatures and tokens, which must never reach a log.
        return headers.stream().map(Header::name).toList().toString();
    }
}
