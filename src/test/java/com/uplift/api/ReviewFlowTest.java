package com.uplift.api;

import com.uplift.testing.Borrowers;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static com.uplift.testing.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** 多层级审核 over HTTP: referral levels, four-eyes, roles per level, If-Match, refusals. */
@QuarkusTest
@Tag("integration")
class ReviewFlowTest {

    @Test
    void aLargeIncreaseGoesThroughLevelOneThenLevelTwoWithTwoDifferentPeople() {
        // 80,000 x 1.3-1.5 = 104,000-120,000: above the level-1 ceiling of 100,000; income 40,000 x 3 affords it.
        String line = Borrowers.goodBorrower("B-LEVEL2", "80000.00", "40000.00");
        String decision = as("channel").body("{}").post(line + "/increase-requests")
                .then().statusCode(201)
                .body("outcome", equalTo("REFERRED"))
                .body("referralLevel", equalTo(1))
                .body("newLimit", nullValue())
                .body("proposedLimit", notNullValue())
                .extract().header("Location");
        String requestId = decision.substring(decision.lastIndexOf('/') + 1);
        String reviews = line + "/increase-requests/" + requestId + "/reviews";

        as("senior1").body("""
                {"level":1,"outcome":"APPROVE","comment":"seniors review at level 2"}""")
                .post(reviews).then().statusCode(403);
        as("officer1").body("""
                {"level":1,"outcome":"APPROVE","comment":"income verified by phone"}""")
                .post(reviews).then().statusCode(200)
                .body("statusAfter", equalTo("PENDING"))
                .body("nextLevel", equalTo(2))
                .body("reviewer", equalTo("officer1"))
                .body("creditLine.limit", equalTo(80000.00f));
        as("officer1").body("""
                {"level":1,"outcome":"APPROVE","comment":"again"}""")
                .post(reviews).then().statusCode(422).contentType("application/problem+json");
        as("senior1").body("""
                {"level":2,"outcome":"APPROVE","comment":"exposure acceptable"}""")
                .post(reviews).then().statusCode(200)
                .body("statusAfter", equalTo("APPROVED"))
                .body("creditLine.limit", org.hamcrest.Matchers.greaterThan(100000f));

        as("auditor").get(decision).then().statusCode(200)
                .body("status", equalTo("APPROVED"))
                .body("reviews.reviewer", hasItem("officer1"))
                .body("reviews.reviewer", hasItem("senior1"));
    }

    @Test
    void aMediumIncreaseIsApprovedAfterOneLevelAndADeclineKeepsTheLimit() {
        String line = Borrowers.goodBorrower("B-LEVEL1", "40000.00", "25000.00");
        String decision = as("channel").body("{}").post(line + "/increase-requests")
                .then().statusCode(201).body("outcome", equalTo("REFERRED")).extract().header("Location");
        String requestId = decision.substring(decision.lastIndexOf('/') + 1);
        as("officer2").body("""
                {"level":1,"outcome":"DECLINE","comment":"recent job change"}""")
                .post(line + "/increase-requests/" + requestId + "/reviews")
                .then().statusCode(200).body("statusAfter", equalTo("DECLINED"))
                .body("creditLine.limit", equalTo(40000.00f));
    }

    @Test
    void aStaleIfMatchIs412AndARefusalIs422NamingTheRule() {
        String line = Borrowers.goodBorrower("B-IFMATCH", "10000.00", "20000.00");
        String etag = as("ops").get(line).then().statusCode(200).extract().header("ETag");
        as("ops").header("If-Match", etag).body("{\"amount\":100.00}").post(line + "/drawdowns")
                .then().statusCode(200).body("drawn", equalTo(100.00f));
        as("ops").header("If-Match", etag).body("{\"amount\":100.00}").post(line + "/drawdowns")
                .then().statusCode(412).contentType("application/problem+json")
                .body("type", equalTo("urn:uplift:problem:version-mismatch"))
                .body("actualVersion", notNullValue());

        String before = as("ops").get(line).then().extract().header("ETag");
        as("ops").body("{\"amount\":999999.00}").post(line + "/drawdowns")
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:uplift:problem:business-rule"))
                .body("code", notNullValue());
        as("ops").get(line).then().header("ETag", equalTo(before));

        as("ops").body("{\"amount\":10.00}").post("/api/credit-lines/no-such-line/drawdowns")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aRefusalIsTheAnswerToItsIdempotencyKeyAndARetryAppendsNothing() {
        String line = com.uplift.testing.Api.openLine("B-IDEM-REFUSAL", "1000");
        String first = as("ops").header("Idempotency-Key", "draw-too-much-1").body("{\"amount\":5000.00}")
                .post("/api/credit-lines/" + line + "/drawdowns")
                .then().statusCode(422).contentType("application/problem+json").extract().asString();
        long version = as("ops").get("/api/credit-lines/" + line).then().extract().jsonPath().getLong("version");
        String again = as("ops").header("Idempotency-Key", "draw-too-much-1").body("{\"amount\":5000.00}")
                .post("/api/credit-lines/" + line + "/drawdowns")
                .then().statusCode(422).contentType("application/problem+json").extract().asString();
        org.assertj.core.api.Assertions.assertThat(again).isEqualTo(first);
        as("ops").get("/api/credit-lines/" + line).then().body("version", equalTo((int) version));
    }
}
