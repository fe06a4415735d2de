package com.uplift.integration;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static com.uplift.testing.Api.as;
import static com.uplift.testing.Borrowers.goodBorrower;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every record the publisher has put on {@code uplift.credit-line-events} in this test run (the lines of every test
 * that ran before, and one made here with each kind of published event a line commonly has) is a CreditLineEvent
 * message of docs/asyncapi.yaml: its body and its headers.
 */
@QuarkusTest
@Tag("integration")
class PublishedMessagesMatchTheContractTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "mp.messaging.outgoing.credit-line-events.topic")
    String topic;

    @Test
    void everyPublishedRecordMatchesTheContract() {
        String line = goodBorrower("B-CONTRACT-" + UUID.randomUUID(), "20000.00", "30000.00");
        as("channel").body("{}").post(line + "/increase-requests").then().statusCode(201);
        as("ops").body("{\"text\":\"客户表示最近失业，还款有困难\"}").post(line + "/service-notes").then().statusCode(200);
        String lineId = line.substring(line.lastIndexOf('/') + 1);
        AsyncApiContract contract = new AsyncApiContract();

        try (CreditLineEventsTopic events = new CreditLineEventsTopic(bootstrapServers, topic)) {
            events.readUntil(lineId, r -> r.stream().anyMatch(x -> "WarningRaised".equals(x.body().get("eventType").asText())),
                    Duration.ofSeconds(90));
            List<CreditLineEventsTopic.Received> all = events.all();
            assertThat(all).filteredOn(r -> lineId.equals(r.key())).extracting(r -> r.body().get("eventType").asText())
                    .contains("CreditLineOpened", "PricingTierChanged", "IncreaseDecided", "WarningRaised");

            Map<String, List<String>> violations = new TreeMap<>();
            for (CreditLineEventsTopic.Received record : all) {
                ObjectNode headers = JsonNodeFactory.instance.objectNode();
                record.headers().forEach(headers::put);
                List<String> found = new java.util.ArrayList<>(contract.payloadViolations("CreditLineEvent", record.body()));
                found.addAll(contract.headerViolations("CreditLineEvent", headers));
                if (!found.isEmpty()) {
                    violations.put(record.eventId() + " " + record.rawBody(), found);
                }
            }
            assertThat(all.size()).as("records checked").isGreaterThanOrEqualTo(4);
            assertThat(violations).as("records that break docs/asyncapi.yaml").isEmpty();
        }
    }
}
