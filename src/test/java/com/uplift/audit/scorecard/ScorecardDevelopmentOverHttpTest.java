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
import com.uplift.api.console.ConsoleBrowser;
import com.uplift.testing.Borrowers;
import com.uplift.testing.OwnDatabase;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import java.net.URL;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
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
 * refused to its own proposer and approved by a second admin straight into the challenger arm at 50% (v1 stays in
 * force); lines of both arms are decided by their arm's version and re-verify with zero mismatches; stability is
 * measured; the promotion to champion is four-eyes too.
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
    @TestHTTPResource("/")
    URL base;

    @Test
    void aFittedScorecardIsProposedWithItsReportApprovedByASecondAdminAndRolledOutAsTheChallenger() {
        // too little history: refused, nothing proposed
        as("admin").body("{}").post("/api/scorecards/developments").then().statusCode(422)
                .contentType("application/problem+json").body("code", org.hamcrest.Matchers.equalTo("SAMPLE_TOO_SMALL"))
                .body("title", org.hamcrest.Matchers.equalTo("The scorecard development refuses this request"));
        int versionsBefore = as("admin").get("/api/policies").then().extract().jsonPath().getList("versions").size();
        assertThat(versionsBefore).isEqualTo(1);

        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        BulkPortfolio bulk = new BulkPortfolio(store, types, policies, exposure, clock);
        bulk.generate(BULK, BULK_SEED, 4, i -> SeasonedLines.id(BULK_SEED, i), (id, i, random) -> SeasonedLines.plan(id, i, random, today))
                .await().atMost(SLOW);
        assertThat(new DemoPortfolio(lines, store, clock, true, DEMO, SEED, DEMO_SEASONED).generate().await().atMost(SLOW))
                .isEqualTo(DEMO + DEMO_SEASONED);

        // a challenger share is 1..50%: refused before anything is fitted or proposed
        as("admin").body("{\"challengerSharePercent\":80}").post("/api/scorecards/developments").then().statusCode(422)
                .contentType("application/problem+json").body("code", org.hamcrest.Matchers.equalTo("CHALLENGER_SHARE_OUT_OF_RANGE"))
                .body("title", org.hamcrest.Matchers.equalTo("The policy book refuses this command"));

        var developed = as("admin").body("{\"challengerSharePercent\":50}").post("/api/scorecards/developments").then().statusCode(201);
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
        assertThat(policy.getInt("summary.challengerSharePercent")).isEqualTo(50);
        assertThat(policy.getString("summary.reason")).contains(report.getString("developmentId"));
        assertThat(as("admin").get("/api/policies/" + proposed + "/diff").then().statusCode(200).extract().jsonPath()
                .getList("changes.path", String.class)).anyMatch(path -> path.startsWith("scorecard."));

        // the existing simulation of the proposal against recorded history
        JsonPath simulation = as("admin").body("{}").post("/api/policies/" + proposed + "/simulations").then().statusCode(200)
                .extract().jsonPath();
        assertThat(simulation.getString("candidateStatus")).isEqualTo("PROPOSED");
        assertThat(simulation.getLong("overall.recorded.requests")).isEqualTo(SEASONED + DEMO_ASKING);

        // four eyes; the approval puts the fitted card in the challenger arm, and the hand-set v1 stays in force
        as("admin").body("{\"comment\":\"mine\"}").post("/api/policies/" + proposed + "/approval").then().statusCode(422)
                .contentType("application/problem+json").body("code", org.hamcrest.Matchers.equalTo("FOUR_EYES"));
        approveAsChallengerInTheConsole(report, proposed);
        as("auditor").get("/api/policies/" + proposed).then().statusCode(200).body("summary.status", org.hamcrest.Matchers.equalTo("APPROVED"))
                .body("summary.approvedBy", org.hamcrest.Matchers.equalTo("admin2"));
        JsonPath book = as("officer1").get("/api/policies").then().statusCode(200).extract().jsonPath();
        assertThat(book.getInt("activeVersion")).isEqualTo(1);
        assertThat(book.getInt("challenger.version")).isEqualTo(proposed);
        assertThat(book.getInt("challenger.sharePercent")).isEqualTo(50);
        assertThat(book.getInt("challenger.championVersion")).isEqualTo(1);
        ChampionChallenger split = new ChampionChallenger(50, proposed, book.getString("challenger.salt"));
        assertThat(split.salt()).isEqualTo("challenger-v" + proposed);
        as("auditor").get("/api/policies/challenger").then().statusCode(200).body("version", org.hamcrest.Matchers.equalTo(proposed));

        // a second challenger while this one runs: refused
        Map<String, Object> handSet = as("admin").get("/api/policies/1").then().extract().jsonPath().getMap("policy");
        as("admin").body(Map.of("basedOn", 1, "reason", "another experiment", "policy", handSet, "challengerSharePercent", 10))
                .post("/api/policies").then().statusCode(422).contentType("application/problem+json")
                .body("code", org.hamcrest.Matchers.equalTo("CHALLENGER_RUNNING"));

        // increase requests on lines of both arms: each decided by its arm's version, as StrategyAssignment puts it
        Map<String, StrategyArm> arms = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 30 && (!arms.containsValue(StrategyArm.CHALLENGER) || !arms.containsValue(StrategyArm.CHAMPION)
                || arms.size() < 4); i++) {
            String line = Borrowers.goodBorrower("B-FIT-" + i, "10000.00", "20000.00");
            String id = line.substring(line.lastIndexOf('/') + 1);
            arms.put(line, StrategyAssignment.assign(id, split));
        }
        assertThat(arms).containsValue(StrategyArm.CHALLENGER).containsValue(StrategyArm.CHAMPION);
        List<String> ids = new java.util.ArrayList<>();
        arms.forEach((line, arm) -> {
            JsonPath asked = as("channel").body("{}").post(line + "/increase-requests").then().statusCode(201).extract().jsonPath();
            JsonPath decision = as("auditor").get(line + "/decisions/" + asked.getString("requestId")).then().statusCode(200)
                    .extract().jsonPath();
            assertThat(decision.getString("decision.strategyArm")).as(line).isEqualTo(arm.name());
            assertThat(decision.getInt("decision.policyVersion")).as(line).isEqualTo(arm == StrategyArm.CHALLENGER ? proposed : 1);
            ids.add(line.substring(line.lastIndexOf('/') + 1));
        });

        // the champion/challenger report shows both arms, each under its own version
        JsonPath groups = as("auditor").get("/api/audit/champion-challenger?lines=" + String.join(",", ids)).then().statusCode(200)
                .extract().jsonPath();
        assertThat(groups.getInt("groups.'CHALLENGER v" + proposed + "'.policyVersion")).isEqualTo(proposed);
        assertThat(groups.getInt("groups.'CHAMPION v1'.policyVersion")).isEqualTo(1);
        assertThat(groups.getMap("groups")).hasSize(2);

        // every one of these decisions re-verifies by replay, with the arm the policy book gave the line at that moment
        for (String id : ids) {
            JsonPath verification = com.uplift.testing.Api.reverify(id);
            assertThat(verification.getString("status")).as(id).isEqualTo("COMPLETED");
            assertThat(verification.getLong("decisionsChecked")).as(id).isPositive();
            assertThat(verification.getLong("mismatchCount")).as(id).isZero();
            assertThat(verification.getBoolean("clean")).as(id).isTrue();
        }

        // monitoring: the challenger's live scores against its development sample; the champion was not fitted here
        JsonPath stability = as("officer1").get("/api/scorecards/stability").then().statusCode(200).extract().jsonPath();
        System.out.printf("stability: %s%n", stability.prettify());
        assertThat(stability.getString("arms.find { it.arm == 'CHALLENGER' }.developmentId")).isEqualTo(report.getString("developmentId"));
        assertThat(stability.getLong("arms.find { it.arm == 'CHALLENGER' }.liveAssessments")).isPositive();
        assertThat(stability.getString("arms.find { it.arm == 'CHALLENGER' }.stability.psi")).isNotNull();
        assertThat(stability.getString("arms.find { it.arm == 'CHAMPION' }.developmentId")).isNull();
        String metrics = management().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern("uplift_scorecard_psi\\{[^}]*arm=\"CHALLENGER\"[^}]*} [0-9.]+");

        // promotion is four-eyes too: the fitted card then decides every line, and no challenger runs
        as("admin").body("{\"comment\":\"challenger arm held up\"}").post("/api/policies/" + proposed + "/promotion").then()
                .statusCode(200).body("promotionProposedBy", org.hamcrest.Matchers.equalTo("admin"));
        as("admin").body("{\"comment\":\"mine\"}").post("/api/policies/" + proposed + "/promotion/approval").then().statusCode(422)
                .contentType("application/problem+json").body("code", org.hamcrest.Matchers.equalTo("FOUR_EYES"));
        as("admin2").body("{\"comment\":\"agreed\"}").post("/api/policies/" + proposed + "/promotion/approval").then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("ACTIVE"));
        as("admin").body("{\"comment\":\"stop\"}").post("/api/policies/" + proposed + "/challenger-end").then().statusCode(422)
                .body("code", org.hamcrest.Matchers.equalTo("NOT_THE_CHALLENGER"));
        JsonPath promoted = as("auditor").get("/api/policies").then().statusCode(200).extract().jsonPath();
        assertThat(promoted.getInt("activeVersion")).isEqualTo(proposed);
        assertThat(promoted.getString("challenger")).isNull();
        as("auditor").get("/api/policies/challenger").then().statusCode(404);
    }

    /**
     * The second admin reads the development's report in the console (tables holding the API's figures), follows it
     * to its proposal and approves it there as challenger; an auditor reads the report too.
     */
    private void approveAsChallengerInTheConsole(JsonPath report, int proposed) {
        String id = report.getString("developmentId");
        try (ConsoleBrowser browsers = new ConsoleBrowser(base)) {
            WebDriver admin2 = browsers.signIn("admin2");
            admin2.findElement(By.id("nav-scorecards")).click();
            WebElement row = ConsoleBrowser.waitFor(admin2, By.cssSelector("tr[data-development='" + id + "']"));
            assertThat(row.getText()).contains("v" + proposed).contains(report.getString("sample.observations"));
            row.findElement(By.linkText(id)).click();

            ConsoleBrowser.waitFor(admin2, By.id("discrimination"));
            assertThat(admin2.findElement(By.cssSelector("#sample td[data-field='observations']")).getText())
                    .isEqualTo(report.getString("sample.observations"));
            assertThat(admin2.findElement(By.cssSelector("#exclusions tr[data-reason='OUTCOME_WINDOW_TOO_SHORT'] td")).getText())
                    .isEqualTo(String.valueOf(DEMO_ASKING));
            // the API's JSON numbers are read as floats here: equal to the page's six decimals within float precision
            assertThat(Double.parseDouble(admin2.findElement(By.cssSelector("#discrimination tr[data-sample='HOLDOUT'] td[data-field='auc']")).getText()))
                    .isCloseTo(report.getDouble("validation.holdout.auc"), org.assertj.core.data.Offset.offset(1e-6));
            assertThat(Double.parseDouble(admin2.findElement(By.cssSelector("#discrimination tr[data-sample='HAND_SET_HOLDOUT'] td[data-field='auc']")).getText()))
                    .isCloseTo(report.getDouble("validation.currentCardOnHoldout.auc"), org.assertj.core.data.Offset.offset(1e-6));
            assertThat(admin2.findElements(By.cssSelector("#calibration tbody tr"))).hasSize(5);
            assertThat(admin2.findElements(By.cssSelector("#csi tbody tr"))).hasSize(8);
            assertThat(admin2.findElement(By.id("psi")).getText()).startsWith("PSI ");
            assertThat(admin2.findElement(By.cssSelector("#points tr[data-characteristic='UTILIZATION'][data-bin='BELOW_30'] td[data-field='points']")).getText())
                    .isEqualTo(String.valueOf(points(report, "UTILIZATION", "BELOW_30")));
            assertThat(admin2.findElement(By.id("proposal-share")).getText()).isEqualTo("50%");
            ConsoleBrowser.screenshot(admin2, "scorecard-report");

            admin2.findElement(By.id("proposal-link")).click();
            WebElement approve = ConsoleBrowser.waitFor(admin2, By.id("approve"));
            assertThat(approve.getText()).isEqualTo("Approve as challenger (50%)");
            assertThat(admin2.findElement(By.id("challenger-share")).getText()).isEqualTo("50%");
            admin2.findElement(By.id("verdict-comment")).sendKeys("validation read, simulation read");
            approve.click();
            assertThat(ConsoleBrowser.waitFor(admin2, By.id("done")).getText())
                    .isEqualTo("Approved as challenger: it decides its share of the lines; the champion decides the rest.");
            assertThat(admin2.findElement(By.id("challenger")).getText()).contains("Version " + proposed + " is the challenger for 50%");
            // the promotion form is there for an admin, to be used once the arms have been compared
            assertThat(admin2.findElements(By.id("propose-promotion"))).hasSize(1);

            WebDriver auditor = browsers.signIn("auditor");
            auditor.get(browsers.url("console/scorecard?id=" + id));
            assertThat(ConsoleBrowser.waitFor(auditor, By.id("proposal-status")).getAttribute("data-status")).isEqualTo("APPROVED");
            assertThat(auditor.findElements(By.id("approve"))).isEmpty();
            // and in Chinese
            ConsoleBrowser.waitFor(auditor, By.id("lang-zh")).click();
            ConsoleBrowser.waitFor(auditor, By.id("calibration"));
            assertThat(auditor.findElement(By.tagName("h1")).getText()).startsWith("评分卡验证报告");
            assertThat(auditor.findElement(By.id("nav-scorecards")).getText()).isEqualTo("评分卡");
            assertThat(auditor.findElement(By.cssSelector("#discrimination tr[data-sample='HAND_SET_HOLDOUT'] th")).getText())
                    .isEqualTo("人工设定卡，验证集");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int points(JsonPath report, String characteristic, String bin) {
        return report.getInt("characteristics.find { it.characteristic == '" + characteristic + "' }.bins.find { it.label == '" + bin + "' }.points");
    }
}
