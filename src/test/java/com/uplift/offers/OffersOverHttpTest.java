package com.uplift.offers;

import com.uplift.testing.Api;
import com.uplift.testing.Borrowers;
import com.uplift.testing.OwnDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import com.uplift.application.CreditLineService;
import com.uplift.application.DemoPortfolio;
import com.uplift.application.OfferScans;
import com.uplift.application.PolicyCatalog;
import com.uplift.application.Reassessment;
import com.uplift.eventstore.EventStore;
import jakarta.inject.Inject;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static com.uplift.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * 提额名单 end to end: a policy with the offers section approved by two admins, a scan that offers, withdraws and
 * leaves lines alone, a channel that reads and accepts (honoured, or decided afresh after a material change), the
 * problems for offers that cannot be accepted, operations' list, and a clean re-verification of every offer decision.
 * Its own database: the policy it puts in force must not decide other tests' lines.
 */
@QuarkusTest
@TestProfile(OffersOverHttpTest.OwnStore.class)
@Tag("integration")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OffersOverHttpTest {

    public static class OwnStore extends OwnDatabase {
    }

    /** The dev demo's generator and the seed of its book (the dev profile's), for the demo's tier move. */
    private static final long DEMO_SEED = 20261128L;

    @Inject
    CreditLineService lines;
    @Inject
    EventStore store;
    @Inject
    Clock clock;
    @Inject
    PolicyCatalog policies;
    @Inject
    OfferScans scans;
    @Inject
    Reassessment reassessment;

    private static String id(String line) {
        return line.substring(line.lastIndexOf('/') + 1);
    }

    @Test
    void scanOffersWithdrawsAndAChannelAcceptsEndToEnd() {
        String honoured = Borrowers.goodBorrower("B-OFFER-1", "10000.00", "20000.00");
        String withdrawn = Borrowers.goodBorrower("B-OFFER-2", "10000.00", "20000.00");
        String afresh = Borrowers.goodBorrower("B-OFFER-3", "10000.00", "20000.00");

        // policy v1 has no offers section: a scan offers nothing (unless the README's example put the list in force)
        if (as("auditor").get("/api/policies").then().extract().jsonPath().getInt("activeVersion") == 1) {
            JsonPath none = IncreaseList.scan();
            assertThat(none.getInt("offered")).isZero();
            assertThat(none.getInt("linesScanned")).isGreaterThanOrEqualTo(3);
        }

        int version = IncreaseList.enact();
        JsonPath first = IncreaseList.scan();
        assertThat(first.getInt("offered")).as(first.prettify()).isGreaterThanOrEqualTo(3);
        assertThat(first.getInt("failed")).isZero();

        JsonPath offers = as("channel").get(honoured + "/offers").then().statusCode(200).extract().jsonPath();
        assertThat(offers.getList("status")).containsExactly("LIVE");
        assertThat(offers.getString("[0].offeredLimit")).isEqualTo("14600.0");
        assertThat(offers.getInt("[0].policyVersion")).isEqualTo(version);
        assertThat(offers.getString("[0].expiresOn"))
                .isEqualTo(LocalDate.parse(offers.getString("[0].offeredOn")).plusDays(30).toString());
        String offerId = offers.getString("[0].offerId");

        // a missed payment: the next scan withdraws that line's offer with a reason from the catalogue
        as("ops").body(Map.of("dueDate", LocalDate.now(ZoneOffset.UTC).minusDays(5).toString(), "amountDue", new BigDecimal("850.00")))
                .post(withdrawn + "/missed-payments").then().statusCode(200);
        // a drawdown on the third: material, though it still qualifies (the live offer stands)
        as("ops").body(Map.of("amount", new BigDecimal("1000.00"))).post(afresh + "/drawdowns").then().statusCode(200);
        JsonPath second = IncreaseList.scan();
        assertThat(second.getInt("withdrawn")).as(second.prettify()).isEqualTo(1);
        assertThat(second.getInt("offered")).isZero();
        JsonPath gone = as("channel").get(withdrawn + "/offers").then().statusCode(200).extract().jsonPath();
        assertThat(gone.getList("status")).containsExactly("WITHDRAWN");
        assertThat(gone.getList("[0].withdrawalReasons", String.class)).first().isEqualTo("PAST_DUE");
        as("channel").post(withdrawn + "/offers/" + gone.getString("[0].offerId") + "/acceptance")
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:uplift:problem:conflict")).body("code", equalTo("OFFER_WITHDRAWN"));

        // accepted with nothing material since: honoured at the offered limit
        as("channel").post(honoured + "/offers/" + offerId + "/acceptance").then().statusCode(201)
                .header("Location", containsString("/decisions/IR-"))
                .body("honoured", equalTo(true))
                .body("materialChanges", equalTo(List.of()))
                .body("explanation", containsString("honoured at 14600.00"))
                .body("decision.outcome", equalTo("APPROVED"))
                .body("decision.newLimit", equalTo(14600.00f));
        as("channel").post(honoured + "/offers/" + offerId + "/acceptance").then().statusCode(409)
                .body("code", equalTo("OFFER_ALREADY_ACCEPTED"));
        as("channel").post(honoured + "/offers/OF-unknown/acceptance").then().statusCode(404)
                .contentType("application/problem+json").body("code", equalTo("OFFER_UNKNOWN"));
        as("ops").post(honoured + "/offers/" + offerId + "/acceptance").then().statusCode(403);

        // accepted after a drawdown: decided afresh, and the answer says so
        String afreshOffer = as("channel").get(afresh + "/offers").then().extract().jsonPath().getString("[0].offerId");
        as("channel").post(afresh + "/offers/" + afreshOffer + "/acceptance").then().statusCode(201)
                .body("honoured", equalTo(false))
                .body("materialChanges", hasItem("DrawdownRecorded"))
                .body("explanation", containsString("decided afresh"));

        // operations' list, from the read model
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as("ops").get("/api/offers?status=ACCEPTED")
                .then().statusCode(200).body("items.creditLineId", hasItem(id(honoured))));
        as("ops").get("/api/offers?status=WITHDRAWN").then().statusCode(200)
                .body("items.creditLineId", hasItem(id(withdrawn)));
        as("ops").get("/api/offers?status=NOPE").then().statusCode(400);
        as("channel").get("/api/offers").then().statusCode(403);

        // every offer, withdrawal and acceptance re-decides by replay exactly as recorded
        for (String line : List.of(honoured, withdrawn, afresh)) {
            JsonPath report = Api.reverify(id(line));
            assertThat(report.getString("status")).isEqualTo("COMPLETED");
            assertThat(report.getInt("mismatchCount")).as(report.prettify()).isZero();
            assertThat(report.getBoolean("clean")).as(report.prettify()).isTrue();
        }
    }

    /**
     * The dev demo's load as the dev profile runs it (its 60 lines, the dev seed; the seasoned lines left out):
     * generated under the policy in force, then the demo's policy (offers, decreases, the demo's tiering) approved by
     * two admins, the servicing pass and the scan. DEMO-10010's score is 47, so the demo's tiering rule moves it from
     * STANDARD to NEW_TO_CREDIT with an event that names the rule and the measured score, the move the README shows;
     * it re-verifies by replay with zero mismatches. Last: its policy would decide the
     * other tests' lines.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void theDemoPortfolioMovesALineTierByRuleAndTheMoveReverifiesClean() {
        DemoPortfolio demo = new DemoPortfolio(lines, store, clock, true, 60, DEMO_SEED, 0, policies, scans, reassessment);
        assertThat(demo.generate().await().atMost(Duration.ofMinutes(5))).isEqualTo(60);
        OfferScans.Run run = demo.offerIncreases().await().atMost(Duration.ofMinutes(5));
        assertThat(run.status()).isEqualTo("COMPLETED");
        assertThat(run.failed()).isZero();
        int active = as("auditor").get("/api/policies").then().statusCode(200).extract().jsonPath().getInt("activeVersion");
        as("auditor").get("/api/policies/" + active).then().statusCode(200)
                .body("policy.tiering.rules.tier", equalTo(List.of("NEW_TO_CREDIT")))
                .body("policy.tiering.rules.maxScore", equalTo(List.of(64)));

        String line = "/api/credit-lines/" + demo.portfolioIds().get(10);
        as("officer1").get(line).then().statusCode(200).body("borrowerId", equalTo("DEMO-10010"))
                .body("segment", equalTo("NEW_TO_CREDIT"));
        JsonPath moves = as("auditor").get(line + "/events?limit=200").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> tierChanged = moves.getList("items.findAll { it.type == 'TierChanged' }.payload");
        assertThat(tierChanged).hasSize(1);
        assertThat(tierChanged.getFirst()).containsEntry("cause", "TIERING_RULES").containsEntry("fromTier", "STANDARD")
                .containsEntry("toTier", "NEW_TO_CREDIT")
                .containsEntry("reasons", List.of("tiering rule 1 (NEW_TO_CREDIT)", "score 47 <= 64"))
                .containsEntry("policyVersion", active);

        JsonPath report = Api.reverify(demo.portfolioIds().get(10));
        assertThat(report.getString("status")).as(report.prettify()).isEqualTo("COMPLETED");
        assertThat(report.getInt("mismatchCount")).as(report.prettify()).isZero();
        assertThat(report.getBoolean("clean")).as(report.prettify()).isTrue();
    }

    /** The README's increase-list example, step for step (on a line of its own: the list's first LIVE offer is its). */
    @Test
    void theReadmeIncreaseListExampleHoldsAsShown() {
        String line = Borrowers.goodBorrower("B-README-OFFER", "10000.00", "20000.00");
        if (as("auditor").get("/api/policies").then().extract().jsonPath().getInt("activeVersion") == 1) {
            IncreaseList.enact();
        }
        String run = as("admin").post("/api/admin/offer-scans").then().statusCode(202)
                .header("Location", containsString("/api/admin/offer-scans/SCAN-"))
                .body("status", equalTo("RUNNING")).extract().jsonPath().getString("id");
        await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> as("admin").get("/api/admin/offer-scans/" + run)
                .then().statusCode(200).body("status", equalTo("COMPLETED")));
        String offer = as("channel").get(line + "/offers").then().statusCode(200)
                .body("[0].status", equalTo("LIVE")).extract().jsonPath().getString("[0].offerId");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as("ops").get("/api/offers?status=LIVE&size=500")
                .then().statusCode(200).body("items.offerId", hasItem(offer)));
        as("channel").post(line + "/offers/" + offer + "/acceptance").then().statusCode(201)
                .header("Location", containsString(line + "/decisions/IR-"))
                .body("offerId", equalTo(offer)).body("honoured", equalTo(true))
                .body("materialChanges", equalTo(List.of()))
                .body("explanation", containsString("honoured at 14600.00: nothing material changed since it was made"))
                .body("decision.outcome", equalTo("APPROVED")).body("decision.newLimit", equalTo(14600.00f));
    }
}
