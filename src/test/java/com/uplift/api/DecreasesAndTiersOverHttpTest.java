package com.uplift.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.uplift.domain.borrower.BorrowerEvent;
import com.uplift.domain.borrower.BorrowerStream;
import com.uplift.eventstore.EventStore;
import com.uplift.eventstore.EventTypeRegistry;
import com.uplift.eventstore.RecordedEvent;
import com.uplift.testing.Borrowers;
import com.uplift.testing.OtherWriter;
import com.uplift.testing.OwnDatabase;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static com.uplift.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

/**
 * Issue 14 parts 2 and 3 over HTTP: a policy version with the decreases and tiering sections
 * (policies/sections/decreases-and-tiering.json) is proposed by one admin and approved by another, as any policy;
 * then a line that goes 65 days past due gets a decrease with reasons, applied at once or referred to two review
 * levels as that version says; a seasoned clean line moves to PRIME; a senior risk officer sets a tier by hand; and
 * every one of these decisions re-verifies by replay with zero mismatches.
 * <p>
 * Its own database: the policy versions it activates would change what every other test's lines are decided under.
 */
@QuarkusTest
@TestProfile(DecreasesAndTiersOverHttpTest.OwnStore.class)
@Tag("integration")
class DecreasesAndTiersOverHttpTest {

    public static class OwnStore extends OwnDatabase {
    }

    /** The business date the service measures days past due on: the policy's calendar (Asia/Shanghai), not UTC. */
    private static final String TODAY = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    Pool pool;
    @Inject
    EventStore store;
    @Inject
    EventTypeRegistry types;

    @Test
    void aLineSixtyFiveDaysPastDueGetsItsLimitDecreasedAtOnceWithReasonsAndIncreasesFrozen() {
        activateSections(0);
        String line = Borrowers.goodBorrower("B-DPD-AUTO", "10000.00", "20000.00");
        as("ops").body(Map.of("amount", new BigDecimal("2500.00"))).post(line + "/drawdowns").then().statusCode(200);

        JsonPath after = as("ops").body(Map.of("daysPastDue", 65, "asOf", TODAY)).post(line + "/delinquency-reports")
                .then().statusCode(200).extract().jsonPath();
        assertThat(after.getFloat("limit")).isEqualTo(3500.00f); // 2,500 drawn + 10% of 10,000
        assertThat(after.getString("increasesFrozenUntil")).isNotNull();
        assertThat(after.getString("pendingDecrease")).isNull();

        as("channel").header("Accept-Language", "en").get(line + "/decreases").then().statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].decreaseId", equalTo("LD-1"))
                .body("[0].outcome", equalTo("APPLIED"))
                .body("[0].newLimit", equalTo(3500.00f))
                .body("[0].triggers[0].trigger", equalTo("DPD_60"))
                .body("[0].triggers[0].measured", equalTo("DAYS_PAST_DUE 65 >= 60"))
                .body("[0].reasons", equalTo(List.of("PAST_DUE")))
                .body("[0].reasonTexts[0].text", equalTo("This credit line has an overdue amount today."))
                .body("[0].rulesVersion", equalTo(5));

        // the freeze is a rule of every increase decided inside it
        String requestId = as("channel").body("{}").post(line + "/increase-requests").then().statusCode(201)
                .body("outcome", equalTo("DECLINED")).extract().jsonPath().getString("requestId");
        as("officer1").get(line + "/decisions/" + requestId).then().statusCode(200)
                .body("decision.rules.find { it.rule == 'NO_LIMIT_DECREASE' }.status", equalTo("FAIL"));

        assertReverifiesClean(line);
    }

    /**
     * Per-borrower exposure is enforced in the transaction that appends: a decrease a servicing fact applies at once
     * records the line's lower limit on the borrower's exposure stream in that append, so an increase on the
     * borrower's other line is decided against 3,500, not the 10,000 the line had before.
     */
    @Test
    void aDecreaseAppliedAtOnceLowersTheBorrowersExposureForTheOtherLineAtOnce() {
        activateSections(0);
        String decreased = Borrowers.goodBorrower("B-DPD-TWO", "10000.00", "20000.00");
        String other = Borrowers.goodBorrower("B-DPD-TWO", "10000.00", "20000.00");
        as("ops").body(Map.of("amount", new BigDecimal("2500.00"))).post(decreased + "/drawdowns").then().statusCode(200);
        as("ops").body(Map.of("daysPastDue", 65, "asOf", TODAY)).post(decreased + "/delinquency-reports")
                .then().statusCode(200).body("limit", equalTo(3500.00f));

        String requestId = as("channel").body("{}").post(other + "/increase-requests").then().statusCode(201)
                .extract().jsonPath().getString("requestId");
        as("officer1").get(other + "/decisions/" + requestId).then().statusCode(200)
                .body("decision.borrowerOtherLimits", equalTo(3500.00f));
        assertReverifiesClean(decreased);
    }

    /**
     * A servicing fact pinned by If-Match whose decrease moves the borrower's exposure reads the borrower's stream only
     * after deciding; losing that stream to a command on the borrower's other line is no fault of the client's line
     * version, so it is decided again and recorded, never answered 412. Deterministic: the other line's exposure change
     * is inserted at the borrower stream's next version in a transaction the test holds open until the service's
     * append waits on it; then the test commits, and the service loses that version.
     */
    @Test
    void aPinnedDelinquencyReportThatLosesTheBorrowersStreamToTheOtherLineIsRecordedNotRefused() throws Exception {
        activateSections(0);
        String borrowerId = "B-DPD-RACE";
        String decreased = Borrowers.goodBorrower(borrowerId, "10000.00", "20000.00");
        String other = Borrowers.goodBorrower(borrowerId, "10000.00", "20000.00");
        as("ops").body(Map.of("amount", new BigDecimal("2500.00"))).post(decreased + "/drawdowns").then().statusCode(200);
        String etag = as("ops").get(decreased).then().statusCode(200).extract().header("ETag");
        String borrowerStream = BorrowerStream.of(borrowerId);
        long head = store.readStream(borrowerStream, 1).await().atMost(WAIT).getLast().streamVersion();

        SqlConnection connection = pool.getConnection().await().atMost(WAIT);
        try {
            Transaction otherLine = connection.begin().await().atMost(WAIT);
            OtherWriter.plant(store, types, connection, borrowerStream, head + 1, new BorrowerEvent.BorrowerExposureChanged(
                    other.substring(other.lastIndexOf('/') + 1), new BigDecimal("10000.00"), null, Instant.now()));
            CompletableFuture<Response> report = CompletableFuture.supplyAsync(() -> as("ops").header("If-Match", etag)
                    .body(Map.of("daysPastDue", 65, "asOf", TODAY)).post(decreased + "/delinquency-reports"));
            await("the report's append waits on the borrower stream's uncommitted version " + (head + 1))
                    .atMost(WAIT).until(() -> OtherWriter.appendsWaitingOnALock(pool) > 0);
            otherLine.commit().await().atMost(WAIT);

            Response answer = report.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(200);
            assertThat(answer.jsonPath().getFloat("limit")).isEqualTo(3500.00f);
        } finally {
            connection.close().await().atMost(WAIT);
        }
        as("channel").get(decreased + "/decreases").then().statusCode(200).body("size()", equalTo(1));
        // the decreased line's lower limit follows the other line's change on the borrower's stream
        List<RecordedEvent> exposure = store.readStream(borrowerStream, head + 1).await().atMost(WAIT);
        assertThat(exposure).extracting(RecordedEvent::streamVersion).containsExactly(head + 1, head + 2);
        BorrowerEvent.BorrowerExposureChanged recorded = (BorrowerEvent.BorrowerExposureChanged) types.deserialize(exposure.get(1));
        assertThat(recorded.creditLineId()).isEqualTo(decreased.substring(decreased.lastIndexOf('/') + 1));
        assertThat(recorded.limit()).isEqualByComparingTo("3500.00");
        assertReverifiesClean(decreased);
    }

    @Test
    void aReferredDecreaseIsReviewedAtTwoLevelsByTwoPeopleAndThenApplied() {
        activateSections(2);
        String line = Borrowers.goodBorrower("B-DPD-REVIEW", "10000.00", "20000.00");
        as("ops").body(Map.of("amount", new BigDecimal("2500.00"))).post(line + "/drawdowns").then().statusCode(200);
        String referredAt = as("ops").body(Map.of("daysPastDue", 65, "asOf", TODAY)).post(line + "/delinquency-reports")
                .then().statusCode(200)
                .body("limit", equalTo(10000.00f))
                .body("pendingDecrease", equalTo("LD-1"))
                .extract().jsonPath().getString("position");
        String id = line.substring(line.lastIndexOf('/') + 1);
        // the review queue lists it beside the increase referrals, at the level due
        JsonPath atLevel1 = queue(1, referredAt);
        String item = "find { it.kind == 'DECREASE' && it.creditLineId == '" + id + "' }";
        assertThat(atLevel1.getString(item + ".decreaseId")).isEqualTo("LD-1");
        assertThat(atLevel1.getInt(item + ".level")).isEqualTo(1);
        assertThat(atLevel1.getFloat(item + ".oldLimit")).isEqualTo(10000.00f);
        assertThat(atLevel1.getFloat(item + ".proposedLimit")).isEqualTo(3500.00f);
        assertThat(atLevel1.getFloat(item + ".drawn")).isEqualTo(2500.00f);
        assertThat(atLevel1.getList(item + ".reasons")).containsExactly("PAST_DUE");
        assertThat(atLevel1.getString(item + ".requestId")).isNull();
        assertThat(atLevel1.getLong(item + ".ageSeconds")).isBetween(0L, 600L);
        // the decrease's decision has no grade or score: the queue shows its line's, as the line has them
        JsonPath scored = as("ops").get(line).then().statusCode(200).extract().jsonPath();
        assertThat(scored.getString("grade")).as("the line is graded").isNotNull();
        assertThat(atLevel1.getString(item + ".grade")).isEqualTo(scored.getString("grade"));
        assertThat(atLevel1.getInt(item + ".score")).isEqualTo(scored.getInt("score"));
        assertThat(atLevel1.getString(item + ".segment")).isEqualTo("STANDARD");
        assertThat(queue(2, referredAt).getString(item)).isNull();
        as("officer1").get(line + "/decreases").then().statusCode(200)
                .body("[0].outcome", equalTo("REFERRED")).body("[0].status", equalTo("PENDING"))
                .body("[0].proposedLimit", equalTo(3500.00f)).body("[0].reviewLevelsRequired", equalTo(2))
                .body("[0].reasons", equalTo(List.of("PAST_DUE")));

        String reviews = line + "/decreases/LD-1/reviews";
        as("officer1").body(Map.of("level", 1, "outcome", "APPROVE")).post(reviews)
                .then().statusCode(400).contentType("application/problem+json");
        as("officer1").body(Map.of("level", 2, "outcome", "APPROVE", "comment", "skip a level")).post(reviews)
                .then().statusCode(403);
        String firstReview = as("officer1").body(Map.of("level", 1, "outcome", "APPROVE", "comment", "65 DPD confirmed with servicing"))
                .post(reviews).then().statusCode(200)
                .body("statusAfter", equalTo("PENDING")).body("nextLevel", equalTo(2))
                .body("creditLine.limit", equalTo(10000.00f))
                .extract().jsonPath().getString("creditLine.position");
        assertThat(queue(1, firstReview).getString(item)).isNull();
        assertThat(queue(2, firstReview).getString(item + ".decreaseId")).isEqualTo("LD-1");
        as("senior1").body(Map.of("level", 2, "outcome", "APPROVE", "approvedLimit", new BigDecimal("2000.00"), "comment", "deeper"))
                .post(reviews).then().statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("BELOW_DRAWN"));
        String applied = as("senior1").body(Map.of("level", 2, "outcome", "APPROVE", "comment", "agreed")).post(reviews)
                .then().statusCode(200)
                .body("statusAfter", equalTo("APPLIED")).body("approvedLimit", equalTo(3500.00f))
                .body("creditLine.limit", equalTo(3500.00f)).body("creditLine.pendingDecrease", nullValue())
                .extract().jsonPath().getString("creditLine.position");
        assertThat(queue(null, applied).getString(item)).as("gone from the queue once decided").isNull();
        as("senior1").body(Map.of("level", 2, "outcome", "APPROVE", "comment", "again")).post(reviews)
                .then().statusCode(422).body("code", equalTo("DECREASE_NOT_PENDING"));
        as("auditor").get(line + "/decreases").then().statusCode(200)
                .body("[0].status", equalTo("APPLIED")).body("[0].reviews.reviewer", equalTo(List.of("officer1", "senior1")));

        assertReverifiesClean(line);
    }

    /**
     * Probe finding F1: a decrease referred under the version with the decreases section is reviewed under it after a
     * new champion without the section took over the line, so the approval freezes increases for the section's 90 days
     * (not the 0 days of a policy that never lowers a limit), and its events name the version it was referred under.
     */
    @Test
    @SuppressWarnings("unchecked")
    void aDecreaseReferredUnderOnePolicyIsAppliedOnItsTermsAfterAChampionWithoutDecreasesTookOver() {
        activateSections(1);
        int referredUnder = as("auditor").get("/api/policies").then().statusCode(200).extract().jsonPath()
                .getInt("activeVersion");
        String line = Borrowers.goodBorrower("B-DPD-POLICY-MOVED", "10000.00", "20000.00");
        as("ops").body(Map.of("amount", new BigDecimal("2500.00"))).post(line + "/drawdowns").then().statusCode(200);
        as("ops").body(Map.of("daysPastDue", 65, "asOf", TODAY)).post(line + "/delinquency-reports")
                .then().statusCode(200).body("pendingDecrease", equalTo("LD-1"));

        Map<String, Object> policy = as("admin").get("/api/policies/" + referredUnder).then().statusCode(200)
                .extract().jsonPath().getMap("policy");
        policy.remove("decreases");
        policy.put("name", "no decreases");
        String location = as("admin").body(Map.of("basedOn", referredUnder, "reason", "F1: a champion without decreases",
                "policy", policy)).post("/api/policies").then().statusCode(201).extract().header("Location");
        as("admin2").body(Map.of("comment", "ok")).post(location + "/approval")
                .then().statusCode(200).body("status", equalTo("ACTIVE"));

        Instant before = Instant.now();
        String frozenUntil = as("officer1").body(Map.of("level", 1, "outcome", "APPROVE", "comment", "65 DPD confirmed"))
                .post(line + "/decreases/LD-1/reviews").then().statusCode(200)
                .body("statusAfter", equalTo("APPLIED")).body("creditLine.limit", equalTo(3500.00f))
                .extract().jsonPath().getString("increasesFrozenUntil");
        assertThat(Instant.parse(frozenUntil)).isBetween(before.plus(Duration.ofDays(90)),
                Instant.now().plus(Duration.ofDays(90)));
        List<Integer> versions = recordedPolicyVersions(line, "LimitDecreaseReviewed", "CreditLimitChanged");
        assertThat(versions).containsExactly(referredUnder, referredUnder);

        assertReverifiesClean(line);
    }

    /**
     * A referral nobody reviews within the policy's window is applied by the re-evaluation (the hourly job, run here
     * on demand) with the clock two days on; it leaves the queue and re-verifies clean.
     */
    @Test
    void aReferredDecreaseNobodyReviewsInTimeIsAppliedByTheReevaluation() {
        activateSections(2, 1);
        String line = Borrowers.goodBorrower("B-DPD-EXPIRY", "10000.00", "20000.00");
        String id = line.substring(line.lastIndexOf('/') + 1);
        as("ops").body(Map.of("amount", new BigDecimal("2500.00"))).post(line + "/drawdowns").then().statusCode(200);
        String referredAt = as("ops").body(Map.of("daysPastDue", 65, "asOf", TODAY)).post(line + "/delinquency-reports")
                .then().statusCode(200).body("pendingDecrease", equalTo("LD-1"))
                .extract().jsonPath().getString("position");
        String item = "find { it.kind == 'DECREASE' && it.creditLineId == '" + id + "' }";
        JsonPath queued = queue(1, referredAt);
        Instant due = Instant.parse(queued.getString(item + ".reviewDueBy"));
        assertThat(Duration.between(Instant.parse(queued.getString(item + ".referredAt")), due)).isEqualTo(Duration.ofDays(1));

        // nobody reviews it; two days later the re-evaluation finds the window passed
        QuarkusMock.installMockForType(Clock.offset(Clock.systemUTC(), Duration.ofDays(2)), Clock.class);
        as("admin").post("/api/admin/reassessments").then().statusCode(200);
        as("auditor").header("Accept-Language", "en").get(line + "/decreases").then().statusCode(200)
                .body("[0].status", equalTo("APPLIED"))
                .body("[0].newLimit", equalTo(3500.00f))
                .body("[0].reviews.size()", equalTo(0))
                .body("[0].referralExpiredAt", org.hamcrest.Matchers.notNullValue());
        JsonPath after = as("officer1").get(line).then().statusCode(200)
                .body("limit", equalTo(3500.00f)).body("pendingDecrease", nullValue()).extract().jsonPath();
        as("auditor").get(line + "/events?limit=200").then().statusCode(200)
                .body("items.findAll { it.type == 'LimitDecreaseReferralExpired' }.payload.levelAwaited", equalTo(List.of(1)))
                .body("items.findAll { it.type == 'CreditLimitChanged' }.payload.cause", hasItem("REFERRAL_EXPIRED"));
        assertThat(queue(null, after.getString("position")).getString(item)).as("gone from the queue").isNull();
        assertReverifiesClean(line);
    }

    @Test
    void aSeasonedCleanLineMovesToPrimeAndASeniorRiskOfficerSetsItsTierByHand() {
        activateSections(0);
        String line = Borrowers.goodBorrower("B-TIER", "10000.00", "20000.00");
        String id = line.substring(line.lastIndexOf('/') + 1);
        as("officer1").get(line).then().statusCode(200).body("segment", equalTo("PRIME"));
        as("auditor").get(line + "/events?limit=200").then().statusCode(200)
                .body("items.findAll { it.type == 'TierChanged' }.payload.toTier", equalTo(List.of("PRIME")))
                .body("items.findAll { it.type == 'TierChanged' }.payload.cause", equalTo(List.of("TIERING_RULES")));

        as("officer1").body(Map.of("tier", "NEW_TO_CREDIT", "reason", "why not")).put(line + "/tier")
                .then().statusCode(403);
        as("senior1").body(Map.of("tier", "GOLD", "reason", "no such tier")).put(line + "/tier")
                .then().statusCode(422).contentType("application/problem+json").body("code", equalTo("UNKNOWN_SEGMENT"));
        as("senior1").body(Map.of("tier", "new to credit", "reason", "lower case")).put(line + "/tier")
                .then().statusCode(400).contentType("application/problem+json");
        String position = as("senior1").body(Map.of("tier", "NEW_TO_CREDIT", "reason", "income under investigation"))
                .put(line + "/tier").then().statusCode(200)
                .body("fromTier", equalTo("PRIME")).body("toTier", equalTo("NEW_TO_CREDIT"))
                .body("cause", equalTo("SET_BY_HAND")).body("setBy", equalTo("senior1"))
                .body("reasons", equalTo(List.of("income under investigation")))
                .body("creditLine.segment", equalTo("NEW_TO_CREDIT"))
                .extract().jsonPath().getString("creditLine.position");
        // the read model shows the tier in force
        as("officer1").get("/api/credit-lines?borrowerId=B-TIER&minPosition=" + position).then().statusCode(200)
                .body("items.find { it.id == '" + id + "' }.segment", equalTo("NEW_TO_CREDIT"));
        // the hold: a new fact does not move it back by the rules
        as("ops").body(Map.of("amount", new BigDecimal("100.00"))).post(line + "/drawdowns").then().statusCode(200)
                .body("segment", equalTo("NEW_TO_CREDIT"));

        assertReverifiesClean(line);
    }

    /** The policy version each event of those types names, from the line's first event of the first type on. */
    private List<Integer> recordedPolicyVersions(String line, String firstType, String... moreTypes) {
        List<RecordedEvent> events = store.readStream(com.uplift.domain.creditline.CreditLineStream.of(
                line.substring(line.lastIndexOf('/') + 1)), 1).await().atMost(WAIT);
        List<String> types = new java.util.ArrayList<>(List.of(moreTypes));
        types.add(firstType);
        return events.stream().dropWhile(e -> !e.eventType().equals(firstType))
                .filter(e -> types.contains(e.eventType()))
                .map(e -> ((com.uplift.domain.creditline.DecisionEvent) this.types.deserialize(e)).policyVersion())
                .toList();
    }

    /** The review queue as officer1 or senior1 reads it, once it includes {@code position}. */
    private static JsonPath queue(Integer level, String position) {
        return as(level != null && level == 2 ? "senior1" : "officer1")
                .get("/api/review-queue?minPosition=" + position + (level == null ? "" : "&level=" + level))
                .then().statusCode(200).header(ReadYourWrites.CAUGHT_UP, "true").extract().jsonPath();
    }

    private static void assertReverifiesClean(String line) {
        JsonPath report = com.uplift.testing.Api.reverify(line.substring(line.lastIndexOf('/') + 1));
        assertThat(report.getString("status")).as(report.prettify()).isEqualTo("COMPLETED");
        assertThat(report.getInt("mismatchCount")).as(report.prettify()).isZero();
        assertThat(report.getBoolean("clean")).as(report.prettify()).isTrue();
    }

    /**
     * Proposes (admin) and approves (admin2) the active policy with the decreases and tiering sections, DPD_60 at
     * {@code dpd60ReviewLevels} review levels: the same four-eyes path as any policy.
     */
    private static void activateSections(int dpd60ReviewLevels) {
        activateSections(dpd60ReviewLevels, null);
    }

    /** The same, with {@code decreases.referralExpiry.afterDays} when not null. */
    @SuppressWarnings("unchecked")
    private static void activateSections(int dpd60ReviewLevels, Integer referralExpiryDays) {
        int active = as("auditor").get("/api/policies").then().statusCode(200).extract().jsonPath().getInt("activeVersion");
        Map<String, Object> policy = as("admin").get("/api/policies/" + active).then().statusCode(200)
                .extract().jsonPath().getMap("policy");
        Map<String, Object> sections = sections();
        ((Map<String, Object>) ((List<Object>) ((Map<String, Object>) sections.get("decreases")).get("triggers")).get(0))
                .put("reviewLevels", dpd60ReviewLevels);
        if (referralExpiryDays != null) {
            ((Map<String, Object>) sections.get("decreases")).put("referralExpiry", Map.of("afterDays", referralExpiryDays));
        }
        policy.putAll(sections);
        policy.put("name", "decreases and tiering, DPD_60 at " + dpd60ReviewLevels + " review levels");
        String location = as("admin").body(Map.of("basedOn", active, "reason", "issue 14: decreases and tiers",
                "policy", policy)).post("/api/policies").then().statusCode(201).extract().header("Location");
        as("admin2").body(Map.of("comment", "checked the triggers")).post(location + "/approval")
                .then().statusCode(200).body("status", equalTo("ACTIVE"));
        as("auditor").get("/api/policies/" + location.substring(location.lastIndexOf('/') + 1)).then().statusCode(200)
                .body("policy.decreases.triggers.trigger", hasItem("DPD_60"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> sections() {
        try (InputStream in = DecreasesAndTiersOverHttpTest.class.getResourceAsStream(
                "/policies/sections/decreases-and-tiering.json")) {
            return new ObjectMapper().readValue(in, Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
