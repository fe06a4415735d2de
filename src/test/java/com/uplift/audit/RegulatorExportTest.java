package com.uplift.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.uplift.eventstore.CanonicalJson;
import com.uplift.eventstore.EventMetadata;
import com.uplift.eventstore.HashChain;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.uplift.audit.AuditFixtures.autoApproved;
import static com.uplift.audit.AuditFixtures.awaitGapSafeHorizonPast;
import static com.uplift.audit.AuditFixtures.id;
import static com.uplift.audit.AuditFixtures.referredApprovedThenLate;
import static com.uplift.audit.AuditFixtures.timeline;
import static com.uplift.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A receiver of an export can check that it is complete and unaltered, from the export alone. An export reads the log
 * in the store's gap-safe order, so each test first waits until its lines' events are below that horizon.
 */
@QuarkusTest
@Tag("integration")
class RegulatorExportTest {

    @Inject
    AgroalDataSource jdbc;

    @Test
    void aReceiverRecomputesTheManifestHashAndEveryChainLinkOfAnNdjsonExport() {
        String a = id(autoApproved("B-EXP-A"));
        String b = id(referredApprovedThenLate("B-EXP-B"));
        awaitGapSafeHorizonPast(jdbc, List.of(a, b));

        byte[] body = as("auditor").get("/api/audit/export?lines=" + a + "," + b)
                .then().statusCode(200).contentType("application/x-ndjson").extract().asByteArray();

        String text = new String(body, StandardCharsets.UTF_8);
        List<String> lines = Arrays.asList(text.split("\n"));
        JsonNode manifest = CanonicalJson.parse(lines.getLast()).get("manifest");
        int contentLength = text.length() - lines.getLast().length() - 1;
        String recomputed = HashChain.sha256(text.substring(0, contentLength));
        assertThat(manifest.get("sha256").asText()).isEqualTo(recomputed);
        assertThat(manifest.get("count").asLong()).isEqualTo(lines.size() - 1);
        assertThat(manifest.get("format").asText()).isEqualTo("uplift-audit-export/1");
        assertThat(manifest.get("lines")).hasSize(2);

        List<JsonNode> events = lines.subList(0, lines.size() - 1).stream().map(CanonicalJson::parse).toList();
        long lineEvents = timeline(a).size() + timeline(b).size();
        assertThat(events.stream().filter(e -> e.get("streamId").asText().startsWith("credit-line-")).count())
                .isEqualTo(lineEvents);
        assertThat(events).anyMatch(e -> e.get("streamId").asText().equals("policy-book"));
        assertThat(manifest.get("countsByType").get("IncreaseDecided").asLong()).isEqualTo(2);
        assertThat(manifest.get("countsByType").get("IncreaseReviewed").asLong()).isEqualTo(1);

        // every stream's chain re-links from the exported fields alone
        Map<String, String> previous = new HashMap<>();
        for (JsonNode e : events) {
            String stream = e.get("streamId").asText();
            String expectedPrevious = previous.getOrDefault(stream, HashChain.GENESIS);
            if (e.get("streamVersion").asLong() == 1 || previous.containsKey(stream)) {
                assertThat(e.get("previousHash").asText()).isEqualTo(expectedPrevious);
            }
            String hash = HashChain.hash(e.get("previousHash").asText(), stream, e.get("streamVersion").asLong(),
                    UUID.fromString(e.get("eventId").asText()), e.get("eventType").asText(), e.get("schemaVersion").asInt(),
                    Instant.parse(e.get("recordedAt").asText()), e.get("payload"),
                    CanonicalJson.fromTree(e.get("metadata"), EventMetadata.class));
            assertThat(hash).isEqualTo(e.get("hash").asText());
            previous.put(stream, hash);
        }

        // one changed byte and the receiver's hash no longer matches
        String altered = text.substring(0, contentLength).replaceFirst("\"IncreaseDecided\"", "\"IncreaseDecideD\"");
        assertThat(HashChain.sha256(altered)).isNotEqualTo(manifest.get("sha256").asText());
    }

    @Test
    void theDecisionsCsvEndsWithAManifestWhoseHashCoversEveryRow() {
        String a = id(autoApproved("B-EXP-CSV"));
        awaitGapSafeHorizonPast(jdbc, List.of(a));

        String text = as("auditor").get("/api/audit/export?format=csv&lines=" + a)
                .then().statusCode(200).contentType("text/csv").extract().asString();

        List<String> rows = Arrays.asList(text.split("\n"));
        assertThat(rows.getFirst()).startsWith("creditLineId,streamVersion,kind,requestId");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(1)).startsWith(a + ",").contains(",DECISION,").contains(",APPROVED,")
                .containsPattern(",(CHAMPION|CHALLENGER),");
        assertThat(rows.getLast()).startsWith(RegulatorExport.CSV_MANIFEST_PREFIX);
        JsonNode manifest = CanonicalJson.parse(rows.getLast().substring(RegulatorExport.CSV_MANIFEST_PREFIX.length()))
                .get("manifest");
        assertThat(manifest.get("count").asLong()).isEqualTo(1);
        assertThat(manifest.get("sha256").asText())
                .isEqualTo(HashChain.sha256(text.substring(0, text.length() - rows.getLast().length() - 1)));
    }

    @Test
    void aTimeRangeLimitsTheExportAndBadParametersAreProblems() {
        String a = id(autoApproved("B-EXP-RANGE"));
        String decidedAt = (String) timeline(a).stream().filter(e -> e.get("type").equals("IncreaseDecided"))
                .findFirst().orElseThrow().get("recordedAt");
        awaitGapSafeHorizonPast(jdbc, List.of(a));

        String text = as("auditor").get("/api/audit/export?lines=" + a + "&from=" + decidedAt)
                .then().statusCode(200).extract().asString();
        List<JsonNode> events = Arrays.stream(text.split("\n")).map(CanonicalJson::parse).toList();
        assertThat(events.getFirst().get("eventType").asText()).isEqualTo("IncreaseDecided");
        assertThat(events.subList(0, events.size() - 1))
                .allSatisfy(e -> assertThat(Instant.parse(e.get("recordedAt").asText())).isAfterOrEqualTo(Instant.parse(decidedAt)));

        as("auditor").get("/api/audit/export?from=yesterday").then().statusCode(400).contentType("application/problem+json");
        as("auditor").get("/api/audit/export?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z")
                .then().statusCode(400).contentType("application/problem+json");
        as("auditor").get("/api/audit/export?lines=a;b").then().statusCode(400).contentType("application/problem+json");
        as("auditor").get("/api/audit/export?format=xml").then().statusCode(400).contentType("application/problem+json");
        as("officer1").get("/api/audit/export").then().statusCode(403);
    }
}
