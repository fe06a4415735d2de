package com.uplift.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/asyncapi.yaml is consistent with itself and with the publisher: every example validates against its message's
 * schemas, the validator does report a broken one, and the published event types it lists are the ones published.
 */
class AsyncApiExamplesTest {

    private final AsyncApiContract contract = new AsyncApiContract();

    @Test
    void theDocumentIsAsyncApi3WithTheFourTopics() {
        JsonNode document = contract.document();
        assertThat(document.get("asyncapi").asText()).isEqualTo("3.0.0");
        List<String> addresses = new ArrayList<>();
        document.get("channels").forEach(channel -> addresses.add(channel.get("address").asText()));
        assertThat(addresses).containsExactlyInAnyOrder("uplift.credit-line-events", "uplift.servicing-facts",
                "uplift.bureau-reports", "uplift.servicing-facts.dlq");
    }

    @Test
    void everyExampleOfEveryMessageMatchesItsSchemas() {
        Map<String, List<String>> violations = new java.util.TreeMap<>();
        int examples = 0;
        for (Map.Entry<String, JsonNode> message : contract.document().get("components").get("messages").properties()) {
            assertThat(message.getValue().get("examples")).as(message.getKey() + " has examples").isNotEmpty();
            for (JsonNode example : message.getValue().get("examples")) {
                examples++;
                String name = message.getKey() + "/" + example.get("name").asText();
                List<String> found = new ArrayList<>(contract.payloadViolations(message.getKey(), example.get("payload")));
                if (example.has("headers")) {
                    found.addAll(contract.headerViolations(message.getKey(), example.get("headers")));
                }
                violations.put(name, found);
            }
        }
        assertThat(examples).isGreaterThanOrEqualTo(7);
        assertThat(violations).allSatisfy((example, found) -> assertThat(found).as(example).isEmpty());
    }

    @Test
    void theValidatorReportsAMessageThatBreaksTheContract() {
        JsonNode example = contract.document().at("/components/messages/CreditLineEvent/examples/0/payload");
        ObjectNode noHash = example.deepCopy();
        noHash.remove("hash");
        ObjectNode unknownType = example.deepCopy();
        unknownType.put("eventType", "RepaymentRecorded");
        JsonNode servicing = contract.document().at("/components/messages/ServicingFact/examples/0/payload");
        ObjectNode negativeRepayment = servicing.deepCopy();
        ((ObjectNode) negativeRepayment.get("fact")).put("amount", -1);

        assertThat(contract.payloadViolations("CreditLineEvent", noHash)).anySatisfy(v -> assertThat(v).contains("hash"));
        assertThat(contract.payloadViolations("CreditLineEvent", unknownType)).anySatisfy(v -> assertThat(v).contains("eventType"));
        assertThat(contract.payloadViolations("ServicingFact", negativeRepayment)).anySatisfy(v -> assertThat(v).contains("amount"));
    }

    @Test
    void theCreditLineEventExamplesCarryHashesAConsumerCanRecompute() {
        for (JsonNode example : contract.document().at("/components/messages/CreditLineEvent/examples")) {
            JsonNode body = example.get("payload");
            assertThat(CreditLineEventsTopic.recomputedHash(body)).as(example.get("name").asText())
                    .isEqualTo(body.get("hash").asText())
                    .isEqualTo(example.get("headers").get("uplift-event-hash").asText());
        }
    }

    @Test
    void theDocumentListsExactlyTheEventTypesThePublisherPublishes() {
        Set<String> documented = new TreeSet<>();
        contract.document().at("/components/schemas/PublishedEventType/enum").forEach(type -> documented.add(type.asText()));
        assertThat(documented).isEqualTo(CreditLineEventsPublisher.PUBLISHED.stream().map(Class::getSimpleName)
                .collect(Collectors.toCollection(TreeSet::new)));
    }
}
