package io.hookgate.admin.api.model;

/**
 * A subscription's new signing secret, shown once: the answer of {@code POST
 * /admin/subscriptions/{id}/secret}, and the {@code secret} field beside the {@link Subscription}
 * fields in the answer of a create. Never logged, never answered again.
 *
 * @param secret the secret, {@code whsec_} and base64
 */
public record NewSecret(String secret) {
}
