package io.hookgate.dispatcher.internals.http;

import io.hookgate.core.config.SubscriptionConfig;
import io.hookgate.core.net.IpLiteral;
import io.hookgate.core.net.UrlHosts;
import io.hookgate.core.request.HttpHeaders;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.nio.AsyncRequestProducer;
import org.apache.hc.core5.http.nio.entity.AsyncEntityProducers;
import org.apache.hc.core5.http.nio.support.AsyncRequestBuilder;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.Timeout;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Posts outbound webhooks without blocking: Apache HttpClient 5's async client, redirects never
 * followed, no automatic retries (the retry topics retry), each attempt bounded by its
 * subscription's timeout from start to last byte. Subscriptions go through a client whose DNS
 * hook refuses non-public addresses at connect time, unless they set {@code allowInsecureUrl}.
 */
public final class DeliveryClient implements AutoCloseable {

    private final CloseableHttpAsyncClient guarded;
    private final CloseableHttpAsyncClient open;
    private final ScheduledExecutorService timer;
    private final Clock clock;
    /** The target of each subscription's URL, made once per URL: a subscription's URL can change while it runs. */
    private final Map<String, Target> targets = new ConcurrentHashMap<>();

    private record Target(URI url, URI target) {
    }

    /**
     * @param resolver the guarded client's name lookup (the system's in production, a fake in tests)
     * @param timer    schedules each attempt's deadline
     */
    public DeliveryClient(final DnsResolver resolver, final ScheduledExecutorService timer, final Clock clock) {
        this.guarded = client(new GuardedDnsResolver(resolver));
        this.open = client(SystemDefaultDnsResolver.INSTANCE);
        this.timer = timer;
        this.clock = clock;
        guarded.start();
        open.start();
    }

    private static CloseableHttpAsyncClient client(final DnsResolver resolver) {
        return HttpAsyncClients.custom()
            .setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
                .setDnsResolver(resolver)
                .setMaxConnTotal(2000)
                .setMaxConnPerRoute(256)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                    .setConnectTimeout(Timeout.ofSeconds(10))
                    .setTimeToLive(Timeout.ofMinutes(5))
                    .build())
                .build())
            .setIOReactorConfig(IOReactorConfig.custom().setIoThreadCount(2).setSoKeepAlive(true).build())
            .disableRedirectHandling()
            .disableAutomaticRetries()
            .disableCookieManagement()
            .disableAuthCaching()
            .setUserAgent("hookgate")
            .build();
    }

    /** Posts {@code body} with {@code headers} to {@code subscription}'s URL. Never completes exceptionally. */
    public CompletableFuture<HttpOutcome> post(final SubscriptionConfig subscription, final HttpHeaders headers, final byte[] body) {
        final URI target = targets.compute(subscription.id(), (id, known) -> known != null && known.url().equals(subscription.url())
            ? known : new Target(subscription.url(), target(subscription.url()))).target();
        return post(target, subscription.timeout(), subscription.allowInsecureUrl(), headers, body);
    }

    /**
     * Posts {@code body} with {@code headers} to {@code url} within {@code timeout}, through the
     * guarded client unless {@code insecure}. Never completes exceptionally.
     */
    public CompletableFuture<HttpOutcome> post(final URI url, final Duration timeout, final boolean insecure, final HttpHeaders headers,
                                               final byte[] body) {
        final CompletableFuture<HttpOutcome> result = new CompletableFuture<>();
        final AsyncRequestBuilder request = AsyncRequestBuilder.post(target(url))
            .setEntity(AsyncEntityProducers.create(body, ContentType.APPLICATION_JSON));
        headers.asList().forEach(header -> request.addHeader(header.name(), header.value()));
        final AsyncRequestProducer producer = request.build();

        final HttpClientContext context = HttpClientContext.create();
        context.setRequestConfig(RequestConfig.custom()
            .setResponseTimeout(Timeout.of(timeout))
            .setConnectionRequestTimeout(Timeout.of(timeout))
            .build());
        final CloseableHttpAsyncClient client = insecure ? open : guarded;
        final Future<HttpOutcome> exchange = client.execute(producer, new ExcerptConsumer(clock), null, context,
            new FutureCallback<>() {
                @Override
                public void completed(final HttpOutcome outcome) {
                    result.complete(outcome);
                }

                @Override
                public void failed(final Exception cause) {
                    result.complete(describe(cause));
                }

                @Override
                public void cancelled() {
                    result.complete(HttpOutcome.failed("timeout after " + timeout.toMillis() + "ms"));
                }
            });
        // The response timeout bounds silence between bytes; this bounds the whole attempt.
        final Future<?> deadline = timer.schedule(() -> exchange.cancel(true), timeout.toMillis(), TimeUnit.MILLISECONDS);
        result.whenComplete((outcome, error) -> deadline.cancel(false));
        return result;
    }

    private static HttpOutcome describe(final Exception cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof RefusedAddressException refused) {
                return HttpOutcome.refused(refused.getMessage());
            }
        }
        final String message = cause.getMessage();
        return HttpOutcome.failed(cause.getClass().getSimpleName() + (message == null ? "" : ": " + message));
    }

    /** {@code url} with a numeric host in any spelling written canonically, so the client can read it. */
    static URI target(final URI url) {
        if (url.getHost() != null) {
            return url;
        }
        return IpLiteral.parse(UrlHosts.host(url)).map(address -> {
            try {
                final String host = address.getAddress().length == 16 ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
                return new URI(url.getScheme(), null, host, url.getPort(), url.getPath(), url.getQuery(), null);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("cannot rewrite " + url, e);
            }
        }).orElse(url);
    }

    @Override
    public void close() {
        guarded.close(CloseMode.GRACEFUL);
        open.close(CloseMode.GRACEFUL);
    }
}
