package com.uplift.audit.scorecard;

import com.uplift.application.BorrowerExposure;
import com.uplift.application.BulkPortfolio;
import com.uplift.application.CreditLineService;
import com.uplift.application.DemoPortfolio;
import com.uplift.application.PolicyCatalog;
import com.uplift.application.SeasonedLines;
import com.uplift.domain.policy.ChampionChallenger;
import com.uplift.domain.policy.StrategyArm;
import com.uplift.domain.policy.StrategyAssignment;
import com.uplift.eventstore.EventStore;
import com.uplift.eventstore.EventTypeRegistry;
import com.uplift.testing.Borrowers;
import com.uplift.testing.OwnDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

import static com.uplift.testing.Api.as;
import static com.uplift.testing.Management.management;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14 part 4 end to end, on a database of its own (its approvals change the policy in force): 400 seasoned
 * lines with a year of outcomes (the stated relationship of {@link SeasonedLines}) generated in bulk, and the demo
 * portfolio's own generator through the service, command by command as in the dev profile: 20 demo lines decided
 * today and 10 more seasoned lines;
 * an admin develops a scorecard, which is proposed with its report; the proposal is simulated on recorded history,
 * refused to its own proposer, approved by a second admin and then rolled out as the challenger arm of a new champion;
 * a challenger line's decision names the fitted version and re-verifies with zero mismatches; stability is measured.
 */
@QuarkusTest
@Tag("integration")
@TestProfile(ScorecardDevelopmentOverHttpTest.OwnStore.class)
class ScorecardDevelopmentOverHttpTest {

    public static class OwnStore extends OwnDatabase {
    }

    private static final Duration SLOW = Duration.ofMinutes(5);
    private static final int BULK = 400;
    private static final int DEMO = 20;
    /** The demo lines that ask for an increase: every fifth demo borrower does not (the increase list offers to them). */
    private static final int DEMO_ASKING = DEMO - DEMO / 5;
    private static final int DEMO_SEASONED = 10;
    private static final int SEASONED = BULK + DEMO_SEASONED;
    /** The demo generator's seed; the bulk lines take another, so their ids never meet. */
    private static final long SEED = 20261130L;
    private static final long BULK_SEED = SEED + 7;

    @Inject
    EventStore store;
    @Inject
    EventTypeRegistry types;
    @Inject
    PolicyCatalog policies;
    @Inject
    BorrowerExposure exposure;
    @Inject
    Clock clock;
    @Inject
    CreditLineService lines;

    @Test
    void aFittedScorecardIsProposedWithItsReportApprovedByASecondAdminAndRolledOutAsTheChallenger() {
        // too little history: refused, nothing proposed
        as("admin").body("{}").post("/api/scorecards/developments").then().statusCode(422)
                .contentType("application/problem+json").body("code", org.hamcrest.Matchers.equalTo("SAMPLE_TOO_SMALL"));
        int versionsBefore = as("admin").get("/api/policies").then().extract().jsonPath().getList("versions").size();
        assertThat(versionsBefore).isEqualTo(1);

        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        BulkPortfolio bulk = new BulkPortfolio(store, types, policies, exposure, clock);
        bulk.generate(BULK, BULK_SEED, 4, i -> SeasonedLines.id(BULK_SEED, i), (id, i, random) -> SeasonedLines.plan(id, i, random, today))
                .await().atMost(SLOW);
        assertThat(new DemoPortfolio(lines, store, clock, true, DEMO, SEED, DEMO_SEASONED).generate().await().atMost(SLOW))
                .isEqualTo(DEMO + DEMO_SEASONED);

        var developed = as("admin").body("{}").post("/api/scorecards/developments").then().statusCode(201);
        String location = developed.extract().header("Location");
        JsonPath report = developed.extract().jsonPath();
        int proposed = report.getInt("proposedPolicyVersion");
        System.out.printf("development: %s%n", developed.extract().asString());

        // the sample: every seasoned decision, the demo lines' decisions of today excluded and counted
        assertThat(report.getLong("sample.observations")).isEqualTo(SEASONED);
        assertThat(report.getLong("sample.excluded.OUTCOME_WINDOW_TOO_SHORT")).isEqualTo(DEMO_ASKING);
        assertThat(report.getLong("sample.decisionsRead")).isEqualTo(SEASONED + DEMO_ASKING);
        assertThat(report.getLong("sample.linesRead")).isEqualTo(SEASONED + DEMO);
        // the relationship recovered: discrimination on the hold-out, and the direction of each effect
        assertThat(report.getDouble("validation.holdout.auc")).isGreaterThan(0.70);
        assertThat(points(report, "REPAYMENT_ON_TIME", "ALL_ON_TIME")).isGreaterThan(points(report, "REPAYMENT_ON_TIME", "BELOW_80"));
        assertThat(points(report, "UTILIZATION", "BELOW_30")).isGreaterThan(points(report, "UTILIZATION", "90_PLUS"));
        assertThat(points(report, "BUREAU_SCORE", "750_PLUS")).isGreaterThan(points(report, "BUREAU_SCORE", "550_TO_599"));
        assertThat(report.getList("validation.calibration")).hasSize(5);
        assertThat(report.getString("validation.population.verdict")).isIn("STABLE", "MONITOR", "SHIFTED");
        assertThat(report.getList("validation.characteristicStability")).hasSize(8);

        // readable as the development and as the proposal; the proposal is a policy version awaiting a second admin
        as("auditor").get(location).then().statusCode(200).body("developmentId", org.hamcrest.Matchers.equalTo(report.getString("developmentId")));
        as("officer1").get("/api/scorecards/proposals/" + proposed).then().statusCode(200)
                .body("developmentId", org.hamcrest.Matchers.equalTo(report.getString("developmentId")));
        as("auditor").get("/api/scorecards/developments").then().statusCode(200)
                .body("developmentIds", org.hamcrest.Matchers.hasItem(report.getString("developmentId")));
        JsonPath policy = as("admin").get("/api/policies/" + proposed).then().statusCode(200).extract().jsonPath();
        assertThat(policy.getString("summary.status")).isEqualTo("PROPOSED");
        assertThat(policy.getString("summary.reason")).contains(report.getString("developmentId"));
        assertThat(as("admin").get("/api/policies/" + proposed + "/diff").then().statusCode(200).extract().jsonPath()
                .getList("changes.path", String.class)).anyMatch(path -> path.startsWith("scorecard."));

        // the existing simulation of the proposal against recorded history
        JsonPath simulation = as("admin").body("{}").post("/api/policies/" + proposed + "/simulations").then().statusCode(200)
                .extract().jsonPath();
        assertThat(simulation.getString("candidateStatus")).isEqualTo("PROPOSED");
        assertThat(simulation.getLong("overall.recorded.requests")).isEqualTo(SEASONED + DEMO_ASKING);

        // four eyes
        as("admin").body("{\"comment\":\"mine\"}").post("/api/policies/" + proposed + "/approval").then().statusCode(422)
                .body("code", org.hamcrest.Matchers.equalTo("FOUR_EYES"));
        as("admin2").body("{\"comment\":\"validation read, simulation read\"}").post("/api/policies/" + proposed + "/approval")
                .then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("ACTIVE"));

        // rolled out as the challenger: a new champion with the hand-set card names the fitted version for half the lines
        Map<String, Object> champion = as("admin").get("/api/policies/1").then().extract().jsonPath().getMap("policy");
        ChampionChallenger split = new ChampionChallenger(50, proposed, "scorecard-rollout");
        champion.put("name", "hand-set card, fitted card " + proposed + " as challenger for 50%");
        champion.put("championChallenger", Map.of("challengerSharePercent", 50, "challengerPolicyVersion", proposed, "salt", "scorecard-rollout"));
        String championLocation = as("admin").body(Map.of("basedOn", 1, "reason", "challenger rollout", "policy", champion))
                .post("/api/policies").then().statusCode(201).extract().header("Location");
        int championVersion = Integer.parseInt(championLocation.substring(championLocation.lastIndexOf('/') + 1));
        as("admin2").body("{\"comment\":\"50/50\"}").post(championLocation + "/approval").then().statusCode(200);

        String challengerLine = null;
        String championLine = null;
        for (int i = 0; (challengerLine == null || championLine == null) && i < 20; i++) {
            String line = Borrowers.goodBorrower("B-FIT-" + i, "10000.00", "20000.00");
            String id = line.substring(line.lastIndexOf('/') + 1);
            if (StrategyAssignment.assign(id, split) == StrategyArm.CHALLENGER) {
                challengerLine = challengerLine == null ? line : challengerLine;
            } else {
                championLine = championLine == null ? line : championLine;
            }
        }
        assertThat(challengerLine).isNotNull();
        JsonPath challenged = as("channel").body("{}").post(challengerLine + "/increase-requests").then().statusCode(201).extract().jsonPath();
        JsonPath decision = as("auditor").get(challengerLine + "/decisions/" + challenged.getString("requestId")).then().statusCode(200)
                .extract().jsonPath();
        assertThat(decision.getInt("decision.policyVersion")).isEqualTo(proposed);
        assertThat(decision.getString("decision.strategyArm")).isEqualTo("CHALLENGER");
        JsonPath championDecision = as("channel").body("{}").post(championLine + "/increase-requests").then().statusCode(201).extract().jsonPath();
        assertThat(as("auditor").get(championLine + "/decisions/" + championDecision.getString("requestId")).then().extract()
                .jsonPath().getInt("decision.policyVersion")).isEqualTo(championVersion);

        // a decision under the fitted card re-verifies like any other
        String challengerId = challengerLine.substring(challengerLine.lastIndexOf('/') + 1);
        JsonPath verification = com.uplift.testing.Api.reverify(challengerId);
        assertThat(verification.getString("status")).isEqualTo("COMPLETED");
        assertThat(verification.getLong("decisionsChecked")).isPositive();
        assertThat(verification.getLong("mismatchCount")).isZero();
        assertThat(verification.getBoolean("clean")).isTrue();

        // monitoring: the challenger's live scores against its development sample; the champion was not fitted here
        JsonPath stability = as("officer1").get("/api/scorecards/stability").then().statusCode(200).extract().jsonPath();
        System.out.printf("stability: %s%n", stability.prettify());
        assertThat(stability.getString("arms.find { it.arm == 'CHALLENGER' }.developmentId")).isEqualTo(report.getString("developmentId"));
        assertThat(stability.getLong("arms.find { it.arm == 'CHALLENGER' }.liveAssessments")).isPositive();
        assertThat(stability.getString("arms.find { it.arm == 'CHALLENGER' }.stability.psi")).isNotNull();
        assertThat(stability.getString("arms.find { it.arm == 'CHAMPION' }.developmentId")).isNull();
        String metrics = management().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern("uplift_scorecard_psi\\{[^}]*arm=\"CHALLENGER\"[^}]*} [0-9.]+");
    }

    private static int points(JsonPath report, String characteristic, String bin) {
        return report.getInt("characteristics.find { it.characteristic == '" + characteristic + "' }.bins.find { it.label == '" + bin + "' }.points");
    }
}
