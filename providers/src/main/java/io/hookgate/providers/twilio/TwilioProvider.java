package io.hookgate.providers.twilio;

import io.hookgate.core.config.ConfigProblems;
import io.hookgate.core.config.SourceConfig;
import io.hookgate.providers.spi.Provider;
import io.hookgate.providers.spi.SourceScheme;

/**
 * {@code provider: twilio}: {@code X-Twilio-Signature}, base64 HMAC-SHA1 under the Auth Token of
 * the URL Twilio calls ({@code publicUrl}, required) followed, for form posts, by every parameter
 * sorted by name as {@code name + value}; JSON bodies are covered by the {@code bodySHA256} query
 * parameter inside the signed URL. Event id {@code I-Twilio-Idempotency-Token}, else the SID and
 * status pair; type {@code message.<status>} / {@code call.<status>} or the CloudEvent {@code type}.
 */
public final class TwilioProvider implements Provider {

    @Override
    public String name() {
        return "twilio";
    }

    @Override
    public void validate(final SourceConfig source, final String path, final ConfigProblems problems) {
        if (source.publicUrl().isEmpty()) {
            problems.add(ConfigProblems.child(path, SourceConfig.PUBLIC_URL.name()),
                "required for twilio: the exact URL Twilio calls, as configured at Twilio");
        }
    }

    @Override
    public SourceScheme bind(final SourceConfig source) {
        return new TwilioScheme(source);
    }
}
