package com.uplift.servicingfeed;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Default;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How far this instance's share of the servicing-facts topics is behind: per assigned partition, the records on the
 * broker not yet recorded (or dead-lettered) here, i.e. the partition's end offset minus the offset recorded up to
 * (this instance's own progress, else the group's committed offset). A gauge {@value #METER}{topic, partition}, and
 * readiness: DOWN while any partition is more than {@code uplift.servicing-feed.readiness-max-lag} records behind,
 * so that a load balancer sends HTTP traffic to an instance that is not drowning in a backlog.
 */
@Readiness
@Default // also injected as itself: the consumer reports its progress here
@ApplicationScoped
public class ConsumerLag implements AsyncHealthCheck {

    static final String METER = "uplift.servicing.feed.lag";
    private static final Logger LOG = Logger.getLogger(ConsumerLag.class);
    private static final Duration BROKER_TIMEOUT = Duration.ofSeconds(2);

    private final KafkaClientService clients;
    private final MeterRegistry registry;
    private final long readinessMaxLag;
    /** The next offset to record, per partition, as far as this instance has got. */
    private final Map<TopicPartition, Long> recordedUpTo = new ConcurrentHashMap<>();
    private final Map<TopicPartition, AtomicLong> lags = new ConcurrentHashMap<>();

    public ConsumerLag(KafkaClientService clients, MeterRegistry registry,
                       @ConfigProperty(name = "uplift.servicing-feed.readiness-max-lag", defaultValue = "10000") long readinessMaxLag) {
        this.clients = clients;
        this.registry = registry;
        this.readinessMaxLag = readinessMaxLag;
    }

    /** A batch is done: its records are recorded or kept as dead letters. */
    void done(List<SourceRecord> records) {
        for (SourceRecord record : records) {
            recordedUpTo.merge(new TopicPartition(record.topic(), record.partition()), record.offset() + 1, Math::max);
        }
    }

    /** The lag per assigned partition as last measured ({@code topic-partition -> records}). */
    public Map<String, Long> current() {
        Map<String, Long> now = new TreeMap<>();
        lags.forEach((partition, lag) -> now.put(partition.toString(), lag.get()));
        return now;
    }

    @Scheduled(every = "${uplift.servicing-feed.lag-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> measure() {
        KafkaConsumer<String, String> consumer = clients.getConsumer(ServicingFactsConsumer.CHANNEL);
        if (consumer == null) {
            return Uni.createFrom().voidItem(); // Kafka is off, or the channel has not started yet
        }
        return consumer.runOnPollingThread((java.util.function.Consumer<Consumer<String, String>>) this::measure)
                .onFailure().invoke(failure -> LOG.debugf("servicing facts: lag not measured now (%s)", failure.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private void measure(Consumer<String, String> consumer) {
        Set<TopicPartition> assigned = consumer.assignment();
        Map<TopicPartition, Long> ends = consumer.endOffsets(assigned, BROKER_TIMEOUT);
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(assigned, BROKER_TIMEOUT);
        for (TopicPartition partition : assigned) {
            OffsetAndMetadata groupOffset = committed.get(partition);
            long upTo = Math.max(recordedUpTo.getOrDefault(partition, 0L), groupOffset == null ? 0L : groupOffset.offset());
            long lag = Math.max(0, ends.getOrDefault(partition, upTo) - upTo);
            gauge(partition).set(lag);
        }
        // a partition that moved to another instance is that instance's to report
        lags.forEach((partition, lag) -> {
            if (!assigned.contains(partition)) {
                lag.set(0);
            }
        });
    }

    private AtomicLong gauge(TopicPartition partition) {
        return lags.computeIfAbsent(partition, p -> {
            AtomicLong lag = new AtomicLong();
            Gauge.builder(METER, lag, AtomicLong::get).tag("topic", p.topic()).tag("partition", Integer.toString(p.partition()))
                    .description("servicing facts on the broker not yet recorded by this instance").register(registry);
            return lag;
        });
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        Map<String, Long> now = current();
        var response = HealthCheckResponse.named("servicing-facts-lag")
                .status(now.values().stream().allMatch(lag -> lag <= readinessMaxLag))
                .withData("maxLag", readinessMaxLag);
        now.forEach(response::withData);
        return Uni.createFrom().item(response.build());
    }
}
