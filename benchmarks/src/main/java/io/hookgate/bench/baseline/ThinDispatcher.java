package io.hookgate.bench.baseline;

import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.Timeout;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The baseline of the dispatcher: the thinnest dispatcher, in a JVM of its own. One consumer
 * ({@code read_committed}, 500 records a poll, as hookgate's) posts each record's value as it is
 * (the envelope) to one URL with Apache HttpClient 5's async client over keep-alive connections,
 * at most {@code --in-flight} at once; a poll's offsets are committed once all its posts
 * succeeded or failed, in poll order. No signing, no retries, no per-subscription lanes, no
 * rate limits: what hookgate adds is the difference. Prints {@code THIN-DISPATCHER polling}.
 */
@Command(name = "thin-dispatcher", mixinStandardHelpOptions = true, description = "Thin dispatcher (baseline).")
public final class ThinDispatcher implements Callable<Integer> {

    @Option(names = "--bootstrap", required = true, description = "Kafka bootstrap servers.")
    private String bootstrap;

    @Option(names = "--topic", required = true, description = "Topic of the tasks.")
    private String topic;

    @Option(names = "--group", required = true, description = "Consumer group.")
    private String group;

    @Option(names = "--url", required = true, description = "Where every record's value is posted.")
    private String url;

    @Option(names = "--in-flight", defaultValue = "256", description = "Posts in flight at most. Default: ${DEFAULT-VALUE}.")
    private int inFlight;

    private final AtomicLong failures = new AtomicLong();

    /** The records of one poll: their next offsets, and how many posts are still out. */
    private record Poll(Map<TopicPartition, OffsetAndMetadata> offsets, AtomicInteger outstanding) {
    }

    public static void main(final String[] args) {
        System.exit(new CommandLine(new ThinDispatcher()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        final Semaphore slots = new Semaphore(inFlight);
        try (CloseableHttpAsyncClient client = HttpAsyncClients.custom()
                .setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
                    .setMaxConnTotal(inFlight).setMaxConnPerRoute(inFlight).build())
                .setIOReactorConfig(IOReactorConfig.custom().setIoThreadCount(2).setSoKeepAlive(true).build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.ofSeconds(10)).build())
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .build();
             KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                 ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                 ConsumerConfig.GROUP_ID_CONFIG, group,
                 ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                 ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                 ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                 ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500), new StringDeserializer(), new ByteArrayDeserializer())) {
            client.start();
            consumer.subscribe(List.of(topic));
            System.out.println("THIN-DISPATCHER polling");
            System.out.flush();
            final Deque<Poll> polls = new ArrayDeque<>();
            long reportedFailures = 0;
            while (!Thread.currentThread().isInterrupted()) {
                commitCompleted(consumer, polls);
                final ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(100));
                if (records.isEmpty()) {
                    continue;
                }
                final Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
                final Poll poll = new Poll(next, new AtomicInteger(records.count()));
                polls.add(poll);
                for (ConsumerRecord<String, byte[]> record : records) {
                    next.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
                    slots.acquire();
                    post(client, record.value(), () -> {
                        slots.release();
                        poll.outstanding().decrementAndGet();
                    });
                }
                if (failures.get() != reportedFailures) {
                    reportedFailures = failures.get();
                    System.out.println("THIN-DISPATCHER failures " + reportedFailures);
                }
            }
        }
        return 0;
    }

    /** Commits the offsets of the polls, oldest first, whose posts are all done. */
    private static void commitCompleted(final KafkaConsumer<String, byte[]> consumer, final Deque<Poll> polls) {
        final Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
        while (!polls.isEmpty() && polls.peekFirst().outstanding().get() == 0) {
            done.putAll(polls.pollFirst().offsets());
        }
        if (!done.isEmpty()) {
            consumer.commitAsync(done, null);
        }
    }

    private void post(final CloseableHttpAsyncClient client, final byte[] body, final Runnable done) {
        final SimpleHttpRequest request = SimpleRequestBuilder.post(url).setBody(body, ContentType.APPLICATION_JSON).build();
        client.execute(request, new FutureCallback<SimpleHttpResponse>() {
            @Override
            public void completed(final SimpleHttpResponse response) {
                if (response.getCode() / 100 != 2) {
                    failures.incrementAndGet();
                }
                done.run();
            }

            @Override
            public void failed(final Exception cause) {
                failures.incrementAndGet();
                done.run();
            }

            @Override
            public void cancelled() {
                failed(null);
            }
        });
    }
}
