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
import static com.uplift.audit.AuditFixtures.timeline;
import static com.uplift.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

/** What-if on recorded history, and champion/challenger outcomes; neither writes anything. */
@QuarkusTest
@Tag("integration")
class PolicySimulationTest {

    @Test
    void simulatingTheChampionItselfReproducesTheRecordedOutcomesExactly() {
        List<String> lines = List.of(id(autoApproved("B-SIM-1")), id(referredApprovedThenLate("B-SIM-2")),
                id(declinedAndBusy("B-SIM-3")));
        int champion = policyVersionOf(lines.getFirst());
        assertThat(lines).allSatisfy(line -> assertThat(policyVersionOf(line)).isEqualTo(champion));
        long eventsBefore = lines.stream().mapToLong(line -> timeline(line).size()).sum();

        JsonPath report = simulate(champion, lines);

        assertThat(report.getMap("overall.recorded")).isEqualTo(report.getMap("overall.candidate"));
        assertThat(report.getLong("overall.changed")).isZero();
        assertThat(report.getLong("overall.recorded.requests")).isEqualTo(3);
        assertThat(report.getLong("overall.candidate.approved")).isEqualTo(1);
        assertThat(report.getLong("overall.candidate.referred")).isEqualTo(1);
        assertThat(report.getLong("overall.candidate.declined")).isEqualTo(1);
        assertThat(report.getDouble("overall.candidate.approvalRate")).isEqualTo(0.3333);
        assertThat(report.getMap("bySegment")).containsOnlyKeys("STANDARD");
        assertThat(report.getLong("newlyApproved.count")).isZero();
        assertThat(lines.stream().mapToLong(line -> timeline(line).size()).sum()).isEqualTo(eventsBefore);
    }

    @Test
    void aProposedPolicyIsSimulatedAndTheLinesItWouldNewlyApproveAreFollowedAfterwards() {
        String approved = id(autoApproved("B-SIM-A"));
        String referred = id(referredApprovedThenLate("B-SIM-R"));
        int champion = policyVersionOf(approved);
        Map<String, Object> policy = com.uplift.testing.Policies.draftFrom(champion, "candidate: automatic approval up to 80,000",
                "autoApproveCeiling", 80000);
        String location = as("admin").body(Map.of("basedOn", champion, "reason", "what-if", "policy", policy))
                .post("/api/policies").then().statusCode(201).extract().header("Location");
        int candidate = Integer.parseInt(location.substring(location.lastIndexOf('/') + 1));

        JsonPath report = simulate(candidate, List.of(approved, referred));

        assertThat(report.getString("candidateStatus")).isEqualTo("PROPOSED");
        assertThat(report.getLong("overall.recorded.approved")).isEqualTo(1);
        assertThat(report.getLong("overall.recorded.referred")).isEqualTo(1);
        assertThat(report.getLong("overall.candidate.approved")).isEqualTo(2);
        assertThat(report.getLong("overall.changed")).isEqualTo(1);
        assertThat(report.getLong("newlyApproved.count")).isEqualTo(1);
        assertThat(report.getLong("newlyApproved.linesReaching30Dpd")).isEqualTo(1);
        assertThat(report.getMap("newlyApproved.sample[0]")).containsEntry("creditLineId", referred)
                .containsEntry("recordedOutcome", "REFERRED").containsEntry("maxDaysPastDueAfter", 40);
        assertThat(new java.math.BigDecimal(report.getString("overall.candidate.addedExposure")))
                .isGreaterThan(new java.math.BigDecimal(report.getString("overall.recorded.addedExposure")));
        // nothing was written: the candidate is still only proposed
        as("auditor").get("/api/policies/" + candidate).then().statusCode(200)
                .body("summary.status", org.hamcrest.Matchers.equalTo("PROPOSED"));
    }

    @Test
    void championChallengerReportsOutcomesAndLaterDelinquencyPerPolicyGroup() {
        String approved = id(autoApproved("B-CC-1"));
        String referredThenLate = id(referredApprovedThenLate("B-CC-2"));
        // the arm is a stable hash of the line id (10% CHALLENGER): read it from each decision, never assume it
        String approvedGroup = groupOf(approved);
        String lateGroup = groupOf(referredThenLate);

        JsonPath report = as("auditor").get("/api/audit/champion-challenger?lines=" + approved + "," + referredThenLate)
                .then().statusCode(200).extract().jsonPath();

        java.util.Set<String> groups = new java.util.TreeSet<>(List.of(approvedGroup, lateGroup));
        assertThat(report.getMap("groups")).containsOnlyKeys(groups.toArray(String[]::new));
        for (String group : groups) {
            String g = "groups.'" + group + "'";
            int hasApproved = group.equals(approvedGroup) ? 1 : 0;
            int hasLate = group.equals(lateGroup) ? 1 : 0;
            assertThat(report.getLong(g + ".firstDecisions.requests")).isEqualTo(hasApproved + hasLate);
            assertThat(report.getLong(g + ".firstDecisions.approved")).isEqualTo(hasApproved);
            assertThat(report.getLong(g + ".firstDecisions.referred")).isEqualTo(hasLate);
            assertThat(report.getLong(g + ".lines")).isEqualTo(hasApproved + hasLate);
            assertThat(report.getLong(g + ".lines30PlusLater")).isEqualTo(hasLate);
            assertThat(report.getDouble(g + ".rate30PlusLater")).isEqualTo((double) hasLate / (hasApproved + hasLate));
            assertThat(report.getDouble(g + ".reviewedExposure") > 0).isEqualTo(hasLate == 1);
        }
    }

    private static String groupOf(String line) {
        Map<?, ?> decision = (Map<?, ?>) timeline(line).stream().filter(e -> e.get("type").equals("IncreaseDecided"))
                .findFirst().orElseThrow().get("decision");
        return decision.get("strategyArm") + " v" + decision.get("policyVersion");
    }

    @Test
    void unknownVersionsAndOtherRolesAreRefused() {
        as("admin").body("{}").post("/api/policies/99999/simulations").then().statusCode(404)
                .contentType("application/problem+json");
        as("channel").body("{}").post("/api/policies/1/simulations").then().statusCode(403);
        as("officer1").body(Map.of("from", "2026-02-01T00:00:00Z", "to", "2026-01-01T00:00:00Z"))
                .post("/api/policies/1/simulations").then().statusCode(400).contentType("application/problem+json");
    }

    private static JsonPath simulate(int version, List<String> lines) {
        return as("officer1").body(Map.of("lines", lines)).post("/api/policies/" + version + "/simulations")
                .then().statusCode(200).extract().jsonPath();
    }

    private static int policyVersionOf(String line) {
        return timeline(line).stream().filter(e -> e.get("type").equals("IncreaseDecided"))
                .map(e -> ((Number) ((Map<?, ?>) e.get("decision")).get("policyVersion")).intValue()).findFirst().orElseThrow();
    }
}
