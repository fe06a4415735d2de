package com.uplift.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.uplift.eventstore.CanonicalJson;
import com.uplift.eventstore.EventMetadata;
import com.uplift.eventstore.HashChain;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The outbound topic as a downstream consumer reads it: a plain Kafka consumer, no group, from the beginning. Every
 * test's lines share the topic, so a test reads the records of its own lines (by key). Public: the servicing feed's
 * two-instance test reads what its facts made the publisher send.
 */
public final class CreditLineEventsTopic implements AutoCloseable {

    /** One record as received: its key, headers and parsed body. */
    public record Received(String key, Map<String, String> headers, JsonNode body, String rawBody) {
        public String eventId() {
            return body.get("eventId").asText();
        }
    }

    private final KafkaConsumer<String, String> consumer;
    private final List<Received> received = new ArrayList<>();

    public CreditLineEventsTopic(String bootstrapServers, String topic) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
        Instant deadline = Instant.now().plusSeconds(90);
        List<PartitionInfo> partitions = List.of();
        // The topic appears with the publisher's first record.
        while (partitions.isEmpty() && Instant.now().isBefore(deadline)) {
            partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5));
            if (partitions == null) {
                partitions = List.of();
            }
        }
        List<TopicPartition> assigned = partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(assigned);
        consumer.seekToBeginning(assigned);
    }

    /** Reads until {@code done} holds for the records of {@code key} received so far, at most {@code within}. */
    public List<Received> readUntil(String key, Predicate<List<Received>> done, Duration within) {
        readUntil(() -> done.test(of(key)), within);
        return of(key);
    }

    /** Reads until {@code done} holds for every record received so far (of every line), at most {@code within}. */
    public List<Received> readAllUntil(Predicate<List<Received>> done, Duration within) {
        readUntil(() -> done.test(all()), within);
        return all();
    }

    private void readUntil(java.util.function.BooleanSupplier done, Duration within) {
        Instant deadline = Instant.now().plus(within);
        while (!done.getAsBoolean() && Instant.now().isBefore(deadline)) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(300))) {
                Map<String, String> headers = new LinkedHashMap<>();
                record.headers().forEach(h -> headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8)));
                received.add(new Received(record.key(), headers, CanonicalJson.parse(record.value()), record.value()));
            }
        }
    }

    /** Every record read so far, of every line. */
    public List<Received> all() {
        return List.copyOf(received);
    }

    /** The records of one line, first occurrence of each event id only, in the order they arrived. */
    public static List<Received> withoutRepeats(List<Received> records) {
        Map<String, Received> first = new LinkedHashMap<>();
        records.forEach(r -> first.putIfAbsent(r.eventId(), r));
        return List.copyOf(first.values());
    }

    /**
     * The hash as a consumer recomputes it from a message body alone: SHA-256 of the previous hash, a newline and the
     * canonical JSON of the event's identity, place, payload and metadata (docs/asyncapi.yaml, eventstore/HashChain).
     */
    static String recomputedHash(JsonNode body) {
        return HashChain.hash(body.get("previousHash").asText(), body.get("streamId").asText(),
                body.get("streamVersion").asLong(), UUID.fromString(body.get("eventId").asText()),
                body.get("eventType").asText(), body.get("schemaVersion").asInt(),
                Instant.parse(body.get("recordedAt").asText()), body.get("payload"),
                CanonicalJson.fromTree(body.get("metadata"), EventMetadata.class));
    }

    private List<Received> of(String key) {
        return received.stream().filter(r -> key.equals(r.key())).toList();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
