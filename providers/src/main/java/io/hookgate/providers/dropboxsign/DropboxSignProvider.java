package io.hookgate.providers.dropboxsign;

import io.hookgate.core.config.SourceConfig;
import io.hookgate.providers.spi.Provider;
import io.hookgate.providers.spi.SourceScheme;

/**
 * {@code provider: dropbox-sign} (HelloSign): the signature is in the body, {@code event.event_hash}
 * = hex HMAC-SHA256 of {@code event_time + event_type} under the account's API key. Only those two
 * fields are authenticated. The event comes in the multipart field {@code json} (or as a JSON body);
 * the ingress answers with the required {@code Hello API Event Received}. Event id: the composite
 * {@code event_type|event_time|related_signature_id|reported_for_account_id|reported_for_app_id}.
 */
public final class DropboxSignProvider implements Provider {

    @Override
    public String name() {
        return "dropbox-sign";
    }

    @Override
    public SourceScheme bind(final SourceConfig source) {
        return new DropboxSignScheme(source);
    }
}
