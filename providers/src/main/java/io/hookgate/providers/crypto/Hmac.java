package io.hookgate.providers.crypto;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/** HMAC over byte pieces, and the constant-time comparison every verifier uses. */
public final class Hmac {

    /** The HMAC algorithms providers use. */
    public enum Algorithm {
        SHA1("HmacSHA1"), SHA256("HmacSHA256"), SHA512("HmacSHA512");

        private final String jcaName;

        Algorithm(final String jcaName) {
            this.jcaName = jcaName;
        }
    }

    private Hmac() {
    }

    /** HMAC of the concatenation of {@code pieces} under {@code key}. */
    public static byte[] compute(final Algorithm algorithm, final byte[] key, final byte[]... pieces) {
        try {
            final Mac mac = Mac.getInstance(algorithm.jcaName);
            // An empty key is refused by SecretKeySpec; config validation prevents it.
            mac.init(new SecretKeySpec(key, algorithm.jcaName));
            for (byte[] piece : pieces) {
                mac.update(piece);
            }
            return mac.doFinal();
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(algorithm + " is unavailable", e);
        }
    }

    /** HMAC-SHA256 of {@code pieces} under the UTF-8 bytes of {@code secret}. */
    public static byte[] sha256(final String secret, final byte[]... pieces) {
        return compute(Algorithm.SHA256, utf8(secret), pieces);
    }

    /**
     * Whether any of {@code candidates} is the MAC of {@code pieces} under any of {@code keys}. Every
     * pair is compared, in constant time, so the time taken does not tell which key or candidate matched.
     */
    public static boolean anyMatches(final Algorithm algorithm, final List<byte[]> keys, final List<byte[]> candidates,
                                     final byte[]... pieces) {
        boolean matched = false;
        for (byte[] key : keys) {
            final byte[] expected = compute(algorithm, key, pieces);
            for (byte[] candidate : candidates) {
                matched |= equal(expected, candidate);
            }
        }
        return matched;
    }

    /** Whether {@code a} and {@code b} are equal, in time independent of where they differ. */
    public static boolean equal(final byte[] a, final byte[] b) {
        return a != null && b != null && MessageDigest.isEqual(a, b);
    }

    public static byte[] utf8(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
