package io.hookgate.core.subscription;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * Seals and opens the signing secrets that the {@code subscriptions} topic holds: AES-256-GCM under
 * {@code admin.secretsKey}, a fresh 96-bit nonce per seal, the subscription's id and tenant as
 * associated data (a sealed secret copied onto another subscription, or its record moved to
 * another tenant, does not open). The sealed form is {@code v2.} followed by the base64 of nonce and
 * ciphertext. A {@code v1.} secret, sealed before the tenant was bound (its id alone), still opens,
 * under the same key: nothing written before needs sealing again. Thread-safe.
 */
public final class SecretBox {

    private static final String V1 = "v1.";
    private static final String VERSION = "v2.";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    /** @param base64Key base64 of 32 bytes, as {@code admin.secretsKey} holds it */
    public SecretBox(final String base64Key) {
        final byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64Key.trim());
        } catch (IllegalArgumentException e) {
            // Its message would name the offending character of the key: say what is wrong, not what it is.
            throw new IllegalArgumentException("admin.secretsKey is not base64 (make one: openssl rand -base64 32)");
        }
        if (bytes.length != 32) {
            throw new IllegalArgumentException("admin.secretsKey must be base64 of 32 bytes, not " + bytes.length
                + " (make one: openssl rand -base64 32)");
        }
        this.key = new SecretKeySpec(bytes, "AES");
    }

    /** A fresh key, base64: what dev mode keeps and {@code openssl rand -base64 32} makes. */
    public static String newKey() {
        final byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** {@code secret} of subscription {@code id} of no tenant, sealed. */
    public String seal(final String secret, final String id) {
        return seal(secret, id, Optional.empty());
    }

    /** {@code secret} of subscription {@code id} of {@code tenant}, sealed. */
    public String seal(final String secret, final String id, final Optional<String> tenant) {
        final byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            final Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, associated(id, tenant));
            final byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return VERSION + Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /**
     * The secret {@code sealed} holds for subscription {@code id} of no tenant.
     *
     * @throws IllegalArgumentException when it was sealed under another key, for another id or tenant, or is damaged
     */
    public String open(final String sealed, final String id) {
        return open(sealed, id, Optional.empty());
    }

    /**
     * The secret {@code sealed} holds for subscription {@code id} of {@code tenant} (a {@code v1.}
     * secret is bound to its id alone).
     *
     * @throws IllegalArgumentException when it was sealed under another key, for another id or tenant, or is damaged
     */
    public String open(final String sealed, final String id, final Optional<String> tenant) {
        final byte[] associated;
        if (sealed.startsWith(VERSION)) {
            associated = associated(id, tenant);
        } else if (sealed.startsWith(V1)) {
            associated = id.getBytes(StandardCharsets.UTF_8);
        } else {
            throw new IllegalArgumentException("not a sealed secret of a known version");
        }
        final byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(sealed.substring(VERSION.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the sealed secret is not base64", e);
        }
        if (bytes.length <= NONCE_BYTES) {
            throw new IllegalArgumentException("the sealed secret is too short");
        }
        final byte[] nonce = java.util.Arrays.copyOf(bytes, NONCE_BYTES);
        try {
            final Cipher cipher = cipher(Cipher.DECRYPT_MODE, nonce, associated);
            return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new IllegalArgumentException("the sealed secret does not open with this key (another admin.secretsKey?)", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** The associated data of a {@code v2.} secret: the id, NUL (which no id holds), the tenant (empty: none). */
    private static byte[] associated(final String id, final Optional<String> tenant) {
        return (id + '\u0000' + tenant.orElse("")).getBytes(StandardCharsets.UTF_8);
    }

    private Cipher cipher(final int mode, final byte[] nonce, final byte[] associated) throws GeneralSecurityException {
        final Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(associated);
        return cipher;
    }

    @Override
    public String toString() {
        return "SecretBox[key hidden]";
    }
}
