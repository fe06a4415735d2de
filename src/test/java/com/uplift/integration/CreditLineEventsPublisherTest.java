package com.uplift.integration;

import com.uplift.testing.KafkaTestResource;
import com.uplift.testing.PackagedInstance;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static com.uplift.testing.Api.as;
import static com.uplift.testing.Borrowers.goodBorrower;
import static com.uplift.testing.Management.management;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Credit-line events reach {@code uplift.credit-line-events} on the real broker: keyed by line, in stream order, with
 * the event id as dedupe header and a hash a consumer can check; and a broker outage loses none of them.
 */
@QuarkusTest
@Tag("integration")
class CreditLineEventsPublisherTest {

    private static final Set<String> PUBLISHED = CreditLineEventsPublisher.PUBLISHED.stream().map(Class::getSimpleName)
            .collect(java.util.stream.Collectors.toSet());
    private static final Duration WAIT = Duration.ofSeconds(90);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "mp.messaging.outgoing.credit-line-events.topic")
    String topic;

    @Test
    void everyEventThatMattersDownstreamIsPublishedInStreamOrderKeyedByLineWithItsIdAndAVerifiableHash() {
        String line = goodBorrower("B-KOUT-" + UUID.randomUUID(), "20000.00", "30000.00");
        as("channel").body("{}").post(line + "/increase-requests").then().statusCode(201);
        as("ops").body("{\"text\":\"客户表示最近失业，还款有困难\"}").post(line + "/service-notes").then().statusCode(200);
        String lineId = line.substring(line.lastIndexOf('/') + 1);
        List<Map<String, Object>> expected = publishedEventsOf(line);
        assertThat(expected).extracting(e -> e.get("type"))
                .contains("CreditLineOpened", "PricingTierChanged", "IncreaseDecided", "WarningRaised");

        try (CreditLineEventsTopic events = new CreditLineEventsTopic(bootstrapServers, topic)) {
            List<CreditLineEventsTopic.Received> received = CreditLineEventsTopic.withoutRepeats(
                    events.readUntil(lineId, r -> CreditLineEventsTopic.withoutRepeats(r).size() >= expected.size(), WAIT));

            assertThat(received).extracting(r -> Map.<String, Object>of("version", r.body().get("streamVersion").asLong(),
                            "type", r.body().get("eventType").asText(), "hash", r.body().get("hash").asText()))
                    .as("the line's published events, each once, in stream order")
                    .containsExactlyElementsOf(expected.stream().map(e -> Map.<String, Object>of(
                            "version", ((Number) e.get("version")).longValue(), "type", e.get("type"), "hash", e.get("hash"))).toList());
            for (CreditLineEventsTopic.Received record : received) {
                assertThat(record.key()).isEqualTo(lineId);
                assertThat(record.body().get("creditLineId").asText()).isEqualTo(lineId);
                assertThat(record.headers()).containsEntry("uplift-event-id", record.eventId())
                        .containsEntry("uplift-event-type", record.body().get("eventType").asText())
                        .containsEntry("uplift-event-hash", record.body().get("hash").asText());
                assertThat(CreditLineEventsTopic.recomputedHash(record.body())).as("the hash a consumer recomputes from the message alone")
                        .isEqualTo(record.body().get("hash").asText());
            }
        }
    }

    @Test
    void aBrokerOutageLosesNothingThePublisherCatchesUpInOrderOnceTheBrokerIsBack() {
        String line = goodBorrower("B-KOUT-OUTAGE-" + UUID.randomUUID(), "20000.00", "30000.00");
        String lineId = line.substring(line.lastIndexOf('/') + 1);
        try (CreditLineEventsTopic events = new CreditLineEventsTopic(bootstrapServers, topic)) {
            int before = publishedEventsOf(line).size();
            events.readUntil(lineId, r -> CreditLineEventsTopic.withoutRepeats(r).size() >= before, WAIT);
        }

        KafkaTestResource.stopBroker();
        try {
            // The service takes commands while the broker is away: the events table is the outbox.
            as("channel").body("{}").post(line + "/increase-requests").then().statusCode(201);
            as("ops").body("{\"text\":\"客户表示最近失业，还款有困难\"}").post(line + "/service-notes").then().statusCode(200);
            await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> assertThat(publisherLag())
                    .as("the publisher's lag while it cannot publish").isPositive());
        } finally {
            KafkaTestResource.startBroker();
        }

        List<Map<String, Object>> expected = publishedEventsOf(line);
        try (CreditLineEventsTopic events = new CreditLineEventsTopic(bootstrapServers, topic)) {
            List<CreditLineEventsTopic.Received> received = CreditLineEventsTopic.withoutRepeats(
                    events.readUntil(lineId, r -> CreditLineEventsTopic.withoutRepeats(r).size() >= expected.size(), WAIT));
            assertThat(received).extracting(r -> r.body().get("streamVersion").asLong())
                    .as("every event of the line, once broker and publisher are back, in stream order")
                    .containsExactlyElementsOf(expected.stream().map(e -> ((Number) e.get("version")).longValue()).toList());
            assertThat(received).extracting(r -> r.body().get("eventType").asText()).contains("IncreaseDecided", "WarningRaised");
        }
        await().atMost(WAIT).untilAsserted(() -> assertThat(publisherLag()).isZero());
    }

    /** The line's stored events of the published types, in stream order, as the auditor reads them. */
    private static List<Map<String, Object>> publishedEventsOf(String line) {
        JsonPath events = as("auditor").get(line + "/events?limit=1000").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> all = events.getList("items");
        return all.stream().filter(e -> PUBLISHED.contains((String) e.get("type"))).toList();
    }

    private static double publisherLag() {
        String metrics = management().get("/q/metrics").then().statusCode(200).extract().asString();
        Double lag = PackagedInstance.metric(metrics, "uplift_projection_lag_events")
                .get(Map.of("projection", CreditLineEventsPublisher.NAME));
        return lag == null ? 0 : lag;
    }
}
