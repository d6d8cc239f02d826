package io.hookgate.dispatcher.internals.http;

import java.net.UnknownHostException;

/**
 * A subscription's host resolved only to addresses outbound webhooks must not reach. Extends
 * {@link UnknownHostException} so the HTTP client treats it as a failed lookup and never connects.
 */
public final class RefusedAddressException extends UnknownHostException {

    public RefusedAddressException(final String message) {
        super(message);
    }
}
