package io.hookgate.core.config;

import io.hookgate.core.net.CidrBlock;

import java.time.Duration;
import java.util.List;

import static io.hookgate.core.config.ConfigKey.optional;

/** Section {@code ingress}: the HTTP server providers call. */
public record IngressSettings(
    String host,
    int port,
    Duration kafkaTimeout,
    int rateLimitPerClientIpPerSecond,
    List<CidrBlock> trustedProxies,
    long maxInFlightBytes,
    Duration readTimeout,
    int maxHeaderBytes,
    int maxHeaders,
    int maxConnections,
    long maxBufferedBytes,
    Duration bodyReadTimeout) {

    public static final ConfigKey<String> HOST = optional("host", ValueType.STRING, "0.0.0.0",
        "Address the ingress listens on.").validatedBy(Validator.nonEmpty());
    public static final ConfigKey<Integer> PORT = optional("port", ValueType.INT, 8080,
        "Port the ingress listens on.").validatedBy(Validator.between(0, 65_535));
    public static final ConfigKey<Duration> KAFKA_TIMEOUT = optional("kafkaTimeout", ValueType.DURATION, Duration.ofSeconds(10),
        "Longest wait for Kafka to acknowledge a request before answering 503.").validatedBy(Validator.positive());
    public static final ConfigKey<Integer> RATE_LIMIT_PER_CLIENT_IP = optional("rateLimitPerClientIpPerSecond", ValueType.INT, 0,
        "Requests per second allowed from one client (an IPv4 address, or an IPv6 /64); 0 means no limit.").validatedBy(Validator.atLeast(0));
    public static final ConfigKey<List<CidrBlock>> TRUSTED_PROXIES = optional("trustedProxies", ValueType.CIDR_LIST, List.of(),
        "Proxies whose X-Forwarded-For is trusted for the client address.");
    public static final ConfigKey<Integer> MAX_IN_FLIGHT_MIB = optional("maxInFlightMebibytes", ValueType.INT, 64,
        "Request bytes awaiting Kafka's acknowledgement, at most; beyond it the ingress answers 503.")
        .validatedBy(Validator.between(1, 16_384));
    public static final ConfigKey<Integer> MAX_BUFFERED_MIB = optional("maxBufferedMebibytes", ValueType.INT, 256,
        "Request body bytes held in memory while being received, over all requests together; a request that finds "
            + "no room is answered 503 (ingress_busy). A source's maxBodyBytes must fit in it.")
        .validatedBy(Validator.between(1, 16_384));
    public static final ConfigKey<Duration> READ_TIMEOUT = optional("readTimeout", ValueType.DURATION, Duration.ofSeconds(30),
        "Idle time after which a connection that sends nothing is closed.").validatedBy(Validator.positive());
    public static final ConfigKey<Duration> BODY_READ_TIMEOUT = optional("bodyReadTimeout", ValueType.DURATION, Duration.ofSeconds(10),
        "Longest time to receive one request body, however steadily it trickles; a slower sender is answered 408 "
            + "(body_timeout) and its connection closed.").validatedBy(Validator.positive());
    public static final ConfigKey<Integer> MAX_HEADER_BYTES = optional("maxHeaderBytes", ValueType.INT, 65_536,
        "Largest request head (request line and headers) accepted.").validatedBy(Validator.between(1024, 1 << 20));
    public static final ConfigKey<Integer> MAX_HEADERS = optional("maxHeaders", ValueType.INT, 100,
        "Most headers one request may carry.").validatedBy(Validator.between(10, 1000));
    public static final ConfigKey<Integer> MAX_CONNECTIONS = optional("maxConnections", ValueType.INT, 10_000,
        "Most connections open at once.").validatedBy(Validator.between(1, 1_000_000));

    public static final ConfigDef DEF = ConfigDef.of(HOST, PORT, KAFKA_TIMEOUT, RATE_LIMIT_PER_CLIENT_IP, TRUSTED_PROXIES,
        MAX_IN_FLIGHT_MIB, MAX_BUFFERED_MIB, READ_TIMEOUT, BODY_READ_TIMEOUT, MAX_HEADER_BYTES, MAX_HEADERS, MAX_CONNECTIONS);

    static IngressSettings from(final ConfigValues values) {
        return new IngressSettings(values.get(HOST), values.get(PORT), values.get(KAFKA_TIMEOUT),
            values.get(RATE_LIMIT_PER_CLIENT_IP), values.get(TRUSTED_PROXIES),
            values.get(MAX_IN_FLIGHT_MIB) * 1024L * 1024L, values.get(READ_TIMEOUT),
            values.get(MAX_HEADER_BYTES), values.get(MAX_HEADERS), values.get(MAX_CONNECTIONS),
            values.get(MAX_BUFFERED_MIB) * 1024L * 1024L, values.get(BODY_READ_TIMEOUT));
    }
}
