package io.hookgate.providers.spi;

import io.hookgate.providers.crypto.Encoding;
import io.hookgate.providers.crypto.Hmac;

import java.util.List;
import java.util.Objects;

/**
 * Where and how a provider puts an HMAC in its request: the header (the first of {@code headers}
 * present is read; the first is written), the algorithm, the encoding, a prefix such as
 * {@code sha256=}, and the header of the signed timestamp, if the scheme signs one.
 */
public record SignatureFormat(List<String> headers, Hmac.Algorithm algorithm, Encoding encoding, String prefix,
                              String timestampHeader) {

    public SignatureFormat {
        headers = List.copyOf(headers);
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(encoding, "encoding");
        prefix = prefix == null ? "" : prefix;
        if (headers.isEmpty()) {
            throw new IllegalArgumentException("a signature format needs a header");
        }
    }

    public static SignatureFormat of(final String header, final Hmac.Algorithm algorithm, final Encoding encoding) {
        return new SignatureFormat(List.of(header), algorithm, encoding, "", null);
    }

    public SignatureFormat withPrefix(final String newPrefix) {
        return new SignatureFormat(headers, algorithm, encoding, newPrefix, timestampHeader);
    }

    public SignatureFormat withTimestampHeader(final String header) {
        return new SignatureFormat(headers, algorithm, encoding, prefix, header);
    }

    public SignatureFormat withAlternativeHeader(final String header) {
        final java.util.ArrayList<String> all = new java.util.ArrayList<>(headers);
        all.add(header);
        return new SignatureFormat(all, algorithm, encoding, prefix, timestampHeader);
    }
}
