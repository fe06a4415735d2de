package com.uplift.benchmark;

import com.uplift.testing.Api;
import com.uplift.testing.OwnDatabase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Servicing facts per second through Kafka beside the same facts over REST, in one run on one database and one
 * application: drawdowns of 1.00 spread over {@value #LINES} lines, each with an Idempotency-Key (REST) or a message id
 * (Kafka), so both take the same command path. REST at concurrency {@value #CONCURRENCY}; Kafka: the facts produced at
 * once by a plain producer to the topic (one partition, as a local run creates it), timed from the first send until
 * the consumer has recorded the last. Run with {@code ./mvnw verify -Pbenchmark -Dit.test=ServicingFeedBenchmarkTest};
 * it prints a table and writes {@code target/servicing-feed-benchmark.md}. It asserts that every fact was recorded and
 * none dead-lettered, never a speed.
 */
@QuarkusTest
@Tag("integration")
@Tag("benchmark")
@TestProfile(ServicingFeedBenchmarkTest.OwnStore.class)
class ServicingFeedBenchmarkTest {

    public static class OwnStore extends OwnDatabase {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("uplift.servicing-feed.topic", "benchmark-servicing-facts",
                    "mp.messaging.incoming.servicing-facts.group.id", "uplift-benchmark");
        }
    }

    private static final int LINES = 200;
    private static final int FACTS = Integer.getInteger("benchmark.feed.facts", 2000);
    private static final int CONCURRENCY = 32;
    private static final String OPS = "Basic " + Base64.getEncoder().encodeToString("ops:ops".getBytes(StandardCharsets.UTF_8));

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @TestHTTPResource("/")
    URL root;

    @Inject
    MeterRegistry registry;

    @Test
    void factsPerSecondThroughKafkaBesideRest() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < LINES; i++) {
            lines.add(Api.openLine("B-FEED-BENCH-" + i, "50000"));
        }
        // warm-up of both paths, not counted
        double restPerSecond0 = rest(lines, 300, "warm");
        kafka(lines, 300, "warm");

        double restPerSecond = rest(lines, FACTS, "rest");
        double kafkaPerSecond = kafka(lines, FACTS, "kafka");
        assertThat(counter("dead-lettered")).isZero();

        String table = """
                | path | facts | facts/s |
                |---|---:|---:|
                | REST, concurrency %d, Idempotency-Key | %d | %.0f |
                | Kafka, one partition, batches, message id as key | %d | %.0f |
                | ratio Kafka / REST | | %.2f |
                """.formatted(CONCURRENCY, FACTS, restPerSecond, FACTS, kafkaPerSecond, kafkaPerSecond / restPerSecond);
        System.out.println("servicing feed benchmark (" + LINES + " lines; warm-up REST " + Math.round(restPerSecond0) + "/s)\n" + table);
        Files.writeString(Path.of("target/servicing-feed-benchmark.md"), table);
    }

    private double rest(List<String> lines, int facts, String run) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Semaphore inFlight = new Semaphore(CONCURRENCY);
        AtomicInteger failed = new AtomicInteger();
        List<CompletableFuture<?>> all = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < facts; i++) {
            String line = lines.get(i % lines.size());
            HttpRequest request = HttpRequest.newBuilder(URI.create(root + "api/credit-lines/" + line + "/drawdowns"))
                    .header("Authorization", OPS).header("Content-Type", "application/json")
                    .header("Idempotency-Key", run + "-" + i).timeout(Duration.ofSeconds(120))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"amount\":1.00}")).build();
            inFlight.acquire();
            all.add(http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
                inFlight.release();
                if (error != null || response.statusCode() != 200) {
                    failed.incrementAndGet();
                }
            }));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(failed.get()).as(run + " failed requests").isZero();
        return facts / seconds;
    }

    private double kafka(List<String> lines, int facts, String run) {
        double before = counter("recorded");
        long start = System.nanoTime();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            for (int i = 0; i < facts; i++) {
                String line = lines.get(i % lines.size());
                producer.send(new ProducerRecord<>("benchmark-servicing-facts", line, "{\"messageId\":\"" + run + "-k-" + i
                        + "\",\"type\":\"DRAWDOWN\",\"creditLineId\":\"" + line + "\",\"source\":\"benchmark\",\"fact\":{\"amount\":1.00}}"));
            }
        }
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(10)).until(() -> counter("recorded") >= before + facts);
        double seconds = (System.nanoTime() - start) / 1e9;
        return facts / seconds;
    }

    private double counter(String outcome) {
        Counter counter = registry.find("uplift.servicing.feed.facts").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }
}
