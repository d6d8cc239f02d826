package io.hookgate.providers.testing;

import io.hookgate.providers.Providers;

import java.util.LinkedHashMap;
import java.util.Map;

/** One configured source per provider, for tests that run over every scheme. */
public final class AllSchemes {

    public static final Map<String, String> SOURCES = new LinkedHashMap<>();

    static {
        SOURCES.put("stripe", "{provider: stripe, secrets: [whsec_test_secret]}");
        SOURCES.put("github", "{provider: github, secrets: [gh-secret]}");
        SOURCES.put("slack", "{provider: slack, secrets: [8f742231b10e8888abcd99yyyzzz85a5]}");
        SOURCES.put("zoom", "{provider: zoom, secrets: [zoom_secret_token]}");
        SOURCES.put("docusign", "{provider: docusign, secrets: [\"docusign_hmac_key_example=\"]}");
        SOURCES.put("dropbox-sign", "{provider: dropbox-sign, secrets: [324e3b0840f065eb51f3fd63231d0d33daa35d4ed10d27718839e81737065782]}");
        SOURCES.put("square", "{provider: square, publicUrl: \"https://hooks.example.com/webhooks/square\", secrets: [Ibxx_5AKakO-3qeNVR61Dw]}");
        SOURCES.put("twilio", "{provider: twilio, publicUrl: \"https://hooks.example.com/webhooks/twilio\", secrets: [\"12345\"]}");
        SOURCES.put("shopify", "{provider: shopify, secrets: [test_secret_key]}");
        SOURCES.put("checkr", "{provider: checkr, secrets: [checkr_test_api_key]}");
        SOURCES.put("standard-webhooks", "{provider: standard-webhooks, secrets: [whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw]}");
        SOURCES.put("hmac", "{provider: hmac, header: X-Signature, timestampHeader: X-Timestamp, idHeader: X-Event-Id, algorithm: sha512,"
            + " encoding: base64, signedContent: \"{id}.{timestamp}.{body}\", secrets: [generic-secret]}");
        SOURCES.put("basic-auth", "{provider: basic-auth, secrets: [\"hook:pass-word\"]}");
        SOURCES.put("token", "{provider: token, secrets: [tok_9f8e7d6c5b4a39281706]}");
        SOURCES.put("publisher", "{provider: publisher, secrets: [hgp_3f9a1c7e5b2d8f4a6c0e9b1d7f3a5c8e],"
            + " eventTypes: [hookgate.test, order.created]}");
        if (!Providers.builtIn().names().equals(new java.util.TreeSet<>(SOURCES.keySet()))) {
            throw new IllegalStateException("AllSchemes must configure every provider: " + Providers.builtIn().names());
        }
    }

    private AllSchemes() {
    }
}
