package io.hookgate.core.subscription;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Secrets sealed for the subscriptions topic open only with the same key and for the same id. */
class SecretBoxTest {

    private final SecretBox box = new SecretBox(SecretBox.newKey());

    @Test
    void opensWhatItSealed() {
        final String sealed = box.seal("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "billing");
        assertThat(sealed).startsWith("v2.").doesNotContain("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        assertThat(box.open(sealed, "billing")).isEqualTo("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        // A fresh nonce each time: the same secret never seals the same twice.
        assertThat(box.seal("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "billing")).isNotEqualTo(sealed);
    }

    @Test
    void refusesAnotherKeyAnotherIdAndDamage() {
        final String sealed = box.seal("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "billing");
        assertThatThrownBy(() -> new SecretBox(SecretBox.newKey()).open(sealed, "billing"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("another admin.secretsKey");
        assertThatThrownBy(() -> box.open(sealed, "other")).isInstanceOf(IllegalArgumentException.class);
        final char last = sealed.charAt(sealed.length() - 2);
        final String damaged = sealed.substring(0, sealed.length() - 2) + (last == 'A' ? 'B' : 'A') + sealed.charAt(sealed.length() - 1);
        assertThatThrownBy(() -> box.open(damaged, "billing")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> box.open("v3.abc", "billing")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> box.open("v1.!!", "billing")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> box.open("v1.AAAA", "billing")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aKeyIsThirtyTwoBytes() {
        assertThatThrownBy(() -> new SecretBox("c2hvcnQ=")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> new SecretBox("not base64!")).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("admin.secretsKey is not base64").hasMessageNotContaining("!");
        assertThat(box.toString()).doesNotContain(SecretBox.newKey().substring(0, 4).repeat(0) + "=");
    }

    @Test
    void aSecretIsBoundToItsTenantAndOneSealedBeforeTenantsWereBoundStillOpens() {
        final SecretBox box = new SecretBox(SecretBox.newKey());
        final String sealed = box.seal("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "billing", java.util.Optional.of("acme"));
        assertThat(sealed).startsWith("v2.");
        assertThat(box.open(sealed, "billing", java.util.Optional.of("acme"))).isEqualTo("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        assertThatThrownBy(() -> box.open(sealed, "billing", java.util.Optional.of("beta"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> box.open(sealed, "billing")).as("moved out of its tenant").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> box.open(box.seal("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "billing"), "billing", java.util.Optional.of("acme")))
            .isInstanceOf(IllegalArgumentException.class);

        // Sealed by the version that bound the id alone (v1), under a key kept since, e.g. dev mode's.
        final SecretBox kept = new SecretBox("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
        final String v1 = "v1.a+SxpIKEYXmfmtYSW/VMf5ORGl6XSfjYGplfVCadsGQwQMQOq3p96QCPHl4KIHEWvKsA909Q8FUcmRcUDNCU+YTp";
        assertThat(kept.open(v1, "billing")).isEqualTo("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        assertThat(kept.open(v1, "billing", java.util.Optional.of("acme"))).isEqualTo("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        assertThatThrownBy(() -> kept.open(v1, "other")).isInstanceOf(IllegalArgumentException.class);
    }
}
