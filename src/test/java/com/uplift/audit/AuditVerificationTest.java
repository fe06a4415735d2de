package com.uplift.audit;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static com.uplift.audit.AuditFixtures.autoApproved;
import static com.uplift.audit.AuditFixtures.declinedAndBusy;
import static com.uplift.audit.AuditFixtures.id;
import static com.uplift.audit.AuditFixtures.referredApprovedThenLate;
import static com.uplift.audit.AuditFixtures.requestIncrease;
import static com.uplift.audit.AuditFixtures.timeline;
import static com.uplift.audit.AuditFixtures.twoLevelReview;
import static com.uplift.audit.AuditFixtures.verify;
import static com.uplift.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Re-verification of recorded decisions, hash chains and anchors on an honest store. Tampering behind the store's back
 * is found too: {@link AuditTamperingTest}, on a database of its own.
 */
@QuarkusTest
@Tag("integration")
class AuditVerificationTest {

    @Test
    void everyDecisionOfAGeneratedPortfolioReverifiesWithZeroMismatches() {
        List<String> lines = List.of(id(autoApproved("B-AUD-P1")), id(referredApprovedThenLate("B-AUD-P2")),
                id(twoLevelReview("B-AUD-P3")), id(declinedAndBusy("B-AUD-P4")));
        long events = lines.stream().mapToLong(line -> timeline(line).size()).sum();

        JsonPath report = verify(lines);

        assertThat(report.getString("status")).isEqualTo("COMPLETED");
        assertThat(report.getLong("mismatchCount")).as(report.prettify()).isZero();
        assertThat(report.getLong("brokenLinkCount")).isZero();
        assertThat(report.getLong("anchorProblemCount")).isZero();
        assertThat(report.getLong("linesChecked")).isEqualTo(4);
        assertThat(report.getLong("eventsChecked")).isEqualTo(events);
        // 1 + (decision, review) + (decision, two reviews) + 1
        assertThat(report.getLong("decisionsChecked")).isEqualTo(7);
        // every command's batch is re-decided, not only the decisions: 4 x (open, 12 repayments, 2 incomes, bureau) at least
        assertThat(report.getLong("batchesChecked")).isGreaterThanOrEqualTo(4 * 16 + 7);
        assertThat(report.getBoolean("clean")).isTrue();
    }

    @Test
    void theTimelineShowsWhoWhenChannelAndCorrelationWithDecisionsAndReviews() {
        String line = id(twoLevelReview("B-AUD-TL"));

        List<Map<String, Object>> entries = timeline(line);

        assertThat(entries).extracting(e -> ((Number) e.get("version")).intValue())
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, entries.size()).boxed().toList());
        assertThat(entries.getFirst()).containsEntry("type", "CreditLineOpened").containsEntry("actor", "ops")
                .containsEntry("channel", "SERVICING");
        assertThat(entries).allSatisfy(e -> assertThat(e).containsKeys("recordedAt", "occurredAt", "correlationId", "hash"));
        @SuppressWarnings("unchecked")
        Map<String, Object> decision = (Map<String, Object>) entries.stream()
                .filter(e -> e.get("type").equals("IncreaseDecided")).findFirst().orElseThrow().get("decision");
        assertThat(decision).containsEntry("outcome", "REFERRED").containsEntry("reviewLevelsRequired", 2)
                .containsKeys("reasons", "policyVersion", "policyContentHash", "grade", "score");
        assertThat(entries.stream().filter(e -> e.get("type").equals("IncreaseDecided")).findFirst().orElseThrow())
                .extracting(e -> ((Map<?, ?>) e.get("payload")).get("rules")).asList().isNotEmpty();
        assertThat(entries.stream().filter(e -> e.get("type").equals("IncreaseReviewed")).map(e -> (Map<?, ?>) e.get("review")).toList())
                .extracting(r -> r.get("reviewer") + "@" + r.get("level"))
                .containsExactly("officer1@1", "senior1@2");

        as("channel").get("/api/audit/credit-lines/" + line + "/timeline").then().statusCode(403);
        as("auditor").get("/api/audit/credit-lines/00000000-0000-0000-0000-000000000000/timeline")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void afterANewPolicyIsActivatedOlderDecisionsStillVerifyUnderTheirOwnVersion() {
        String older = id(autoApproved("B-AUD-OLDPOL"));
        int olderVersion = ((Number) decisionOf(older).get("policyVersion")).intValue();

        int active = as("auditor").get("/api/policies").then().extract().jsonPath().getInt("activeVersion");
        Map<String, Object> policy = com.uplift.testing.Policies.draftFrom(active, "audit test: shorter cooling-off", "coolingOffDays", 75);
        String location = as("admin").body(Map.of("basedOn", active, "reason", "audit test", "policy", policy))
                .post("/api/policies").then().statusCode(201).extract().header("Location");
        // four-eyes (covered in full by PolicyGovernanceTest): the proposer cannot approve
        as("admin").body("{\"comment\":\"mine\"}").post(location + "/approval").then().statusCode(422)
                .body("code", equalTo("FOUR_EYES"));
        as("admin2").body("{\"comment\":\"checked\"}").post(location + "/approval").then().statusCode(200)
                .body("status", equalTo("ACTIVE"));
        int newVersion = Integer.parseInt(location.substring(location.lastIndexOf('/') + 1));

        String newer = id(autoApproved("B-AUD-NEWPOL"));
        assertThat(((Number) decisionOf(newer).get("policyVersion")).intValue()).isEqualTo(newVersion);
        assertThat(olderVersion).isNotEqualTo(newVersion);

        JsonPath report = verify(List.of(older, newer));

        assertThat(report.getLong("mismatchCount")).as(report.prettify()).isZero();
        assertThat(report.getLong("brokenLinkCount")).isZero();
        assertThat(report.getLong("decisionsChecked")).isEqualTo(2);
    }

    @Test
    void theAuditEndpointsAreDocumentedInTheOpenApiDocument() {
        String document = as("auditor").get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        assertThat(document).contains("/api/audit/credit-lines/{id}/timeline", "/api/audit/verifications",
                "/api/audit/verifications/{id}", "/api/audit/anchors", "/api/audit/export",
                "/api/audit/champion-challenger", "/api/policies/{version}/simulations");
    }

    @Test
    void badScopesAreRefusedAndChangeNothingAndOnlyAuditorsVerify() {
        as("auditor").body(Map.of("from", "2026-01-02T00:00:00Z", "to", "2026-01-01T00:00:00Z"))
                .post("/api/audit/verifications").then().statusCode(400).contentType("application/problem+json");
        as("auditor").body(Map.of("lines", List.of("no spaces allowed")))
                .post("/api/audit/verifications").then().statusCode(400).contentType("application/problem+json");
        as("auditor").body(Map.of("from", "yesterday"))
                .post("/api/audit/verifications").then().statusCode(400).contentType("application/problem+json");
        as("admin").body("{}").post("/api/audit/verifications").then().statusCode(403);
        as("channel").post("/api/audit/anchors").then().statusCode(403);
        as("auditor").get("/api/audit/verifications/unknown").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aTimeRangeVerificationChecksOnlyTheBatchesRecordedInIt() {
        String line = id(autoApproved("B-AUD-RANGE"));
        String decidedAt = (String) timeline(line).stream().filter(e -> e.get("type").equals("IncreaseDecided"))
                .findFirst().orElseThrow().get("recordedAt");

        String location = as("auditor").body(Map.of("lines", List.of(line), "from", decidedAt))
                .post("/api/audit/verifications").then().statusCode(202).extract().header("Location");
        JsonPath report = AuditFixtures.awaitJob(location);

        assertThat(report.getLong("decisionsChecked")).isEqualTo(1);
        assertThat(report.getLong("batchesChecked")).isEqualTo(1);
        assertThat(report.getLong("mismatchCount")).isZero();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> decisionOf(String line) {
        return (Map<String, Object>) timeline(line).stream().filter(e -> e.get("type").equals("IncreaseDecided"))
                .findFirst().orElseThrow().get("decision");
    }
}
