package io.hookgate.bench.baseline;

import io.undertow.Undertow;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.SameThreadExecutor;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * The baseline of the ingress: the thinnest durable ingress, in a JVM of its own. Undertow reads
 * the body and sends it to Kafka with the producer settings hookgate's ingress uses (idempotent,
 * {@code acks=all}, {@code linger.ms=0}, lz4), and answers {@code 200} only after the broker
 * acknowledged the write ({@code 503} if it failed). No routing, limits, headers or metrics:
 * what hookgate adds is the difference. Prints {@code THIN-INGRESS <port>} when it listens.
 */
@Command(name = "thin-ingress", mixinStandardHelpOptions = true, description = "Thin durable ingress (baseline).")
public final class ThinIngress implements Callable<Integer> {

    @Option(names = "--bootstrap", required = true, description = "Kafka bootstrap servers.")
    private String bootstrap;

    @Option(names = "--topic", required = true, description = "Topic the bodies go to.")
    private String topic;

    @Option(names = "--port", defaultValue = "0", description = "Port; 0 picks one. Default: ${DEFAULT-VALUE}.")
    private int port;

    public static void main(final String[] args) {
        System.exit(new CommandLine(new ThinIngress()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        final KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
            ProducerConfig.LINGER_MS_CONFIG, 0,
            ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"), new StringSerializer(), new ByteArraySerializer());
        // Fetch the topic's metadata now, not on the first request.
        producer.partitionsFor(topic);
        final Undertow server = Undertow.builder().addHttpListener(port, "127.0.0.1")
            .setHandler(exchange -> store(exchange, producer)).build();
        server.start();
        System.out.println("THIN-INGRESS " + ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort());
        System.out.flush();
        Thread.currentThread().join();
        return 0;
    }

    private void store(final HttpServerExchange exchange, final KafkaProducer<String, byte[]> producer) {
        exchange.getRequestReceiver().receiveFullBytes((ex, body) -> ex.dispatch(SameThreadExecutor.INSTANCE, () ->
            producer.send(new ProducerRecord<>(topic, UUID.randomUUID().toString(), body), (metadata, error) ->
                ex.getIoThread().execute(() -> {
                    ex.setStatusCode(error == null ? 200 : 503);
                    ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
                    ex.getResponseSender().send(error == null ? "{\"status\":\"accepted\"}" : "{\"error\":\"kafka_unavailable\"}");
                }))));
    }
}
