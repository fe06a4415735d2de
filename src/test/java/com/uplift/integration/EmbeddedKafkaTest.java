package com.uplift.integration;

import com.uplift.platform.EmbeddedKafka;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The broker the tests run against (testing/KafkaTestResource, the same {@code platform/EmbeddedKafka} a local run
 * starts) is a real Kafka: a plain client produces to it and consumes from it in a consumer group, whose offsets it
 * keeps. The group part is the one a single node gets wrong by default (internal topics with three replicas).
 */
@QuarkusTest
@Tag("integration")
class EmbeddedKafkaTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void aPlainClientProducesAndConsumesInAGroupThatKeepsItsOffsets() throws Exception {
        String topic = "embedded-kafka-test-" + UUID.randomUUID();
        String group = "embedded-kafka-test-group-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();

            RecordMetadata written;
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
                ProducerRecord<String, String> record = new ProducerRecord<>(topic, "line-1", "{\"amount\":\"850.00\"}");
                record.headers().add("dedupe-key", "event-1".getBytes(StandardCharsets.UTF_8));
                producer.send(record).get();
                written = producer.send(new ProducerRecord<>(topic, "line-1", "second")).get();
            }
            assertThat(written.offset()).isEqualTo(1);

            List<ConsumerRecord<String, String>> read = new ArrayList<>();
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ConsumerConfig.GROUP_ID_CONFIG, group,
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
                consumer.subscribe(Set.of(topic));
                Instant deadline = Instant.now().plusSeconds(60);
                while (read.size() < 2 && Instant.now().isBefore(deadline)) {
                    consumer.poll(Duration.ofMillis(500)).forEach(read::add);
                }
                consumer.commitSync();
            }
            assertThat(read).extracting(ConsumerRecord::key).containsExactly("line-1", "line-1");
            assertThat(read).extracting(ConsumerRecord::value).containsExactly("{\"amount\":\"850.00\"}", "second");
            assertThat(new String(read.getFirst().headers().lastHeader("dedupe-key").value(), StandardCharsets.UTF_8))
                    .isEqualTo("event-1");

            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            assertThat(committed.get(new TopicPartition(topic, 0)).offset()).isEqualTo(2);
        }
    }

    /**
     * The partitions of topics the broker creates on first use are a setting ({@code uplift.embedded-kafka.partitions}),
     * kept across a restart: a local run can try several instances on more partitions than the default 3.
     */
    @Test
    void topicsCreatedOnFirstUseGetThePartitionsConfiguredAlsoAfterARestart() throws Exception {
        java.nio.file.Path data = java.nio.file.Files.createTempDirectory("uplift-kafka-partitions");
        EmbeddedKafka broker = EmbeddedKafka.start(data, 0, 0, 6);
        try {
            assertThat(partitionsOfANewTopic(broker.bootstrapServers())).isEqualTo(6);
            broker.close();
            broker = broker.restart();
            assertThat(partitionsOfANewTopic(broker.bootstrapServers())).isEqualTo(6);
        } finally {
            broker.close();
        }
    }

    /** Sends one record to a topic that does not exist yet, and counts the partitions the broker gave it. */
    private static int partitionsOfANewTopic(String bootstrapServers) throws Exception {
        String topic = "created-on-first-use-" + UUID.randomUUID();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            producer.send(new ProducerRecord<>(topic, "line-1", "first")).get();
            return producer.partitionsFor(topic).size();
        }
    }
}
