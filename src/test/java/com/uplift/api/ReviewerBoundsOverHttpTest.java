package com.uplift.api;

import com.uplift.domain.DeciderRules;
import com.uplift.testing.Borrowers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static com.uplift.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Issue 11 item 5 through the REST API: reviewers are bounded by the policy. A 10,000 line is referred (a dispute
 * note raises a WATCH flag) with 120,000 asked for; the policy's maximum increase is +50% (15,000), income of 45,000 a
 * month affords about 136,600, and 200,000 is the maximum per borrower.
 */
@QuarkusTest
@Tag("integration")
class ReviewerBoundsOverHttpTest {

    @Test
    void tenThousandToOneHundredTwentyThousandIsRefusedAtLevel1AndAtLevel2WithoutAReasonAndApprovedWithOne() {
        String line = Borrowers.goodBorrower("B-BAND", "10000.00", "45000.00");
        String reviews = referred(line, "120000.00");

        refused(reviews, "officer1", 1, "120000.00", null, "ABOVE_INCREASE_BAND");
        as("officer1").body(review(1, "120000.00", "VERIFIED_INCOME_INCREASE")).post(reviews)
                .then().statusCode(200)
                .body("statusAfter", equalTo("PENDING"))
                .body("nextLevel", equalTo(2))
                .body("overrideReason", equalTo("VERIFIED_INCOME_INCREASE"))
                .body("creditLine.limit", equalTo(10000.00f));
        refused(reviews, "senior1", 2, null, null, "ABOVE_INCREASE_BAND");
        as("senior1").body(review(2, null, "COLLATERAL_PROVIDED")).post(reviews)
                .then().statusCode(200)
                .body("statusAfter", equalTo("APPROVED"))
                .body("overrideReason", equalTo("COLLATERAL_PROVIDED"))
                .body("creditLine.limit", equalTo(120000.00f));

        // both reasons are recorded with the reviews, beside the rules version they were decided under
        List<Map<String, Object>> reviewed = as("auditor").get(line + "/events?limit=1000").then().statusCode(200)
                .extract().jsonPath().getList("items.findAll { it.type == 'IncreaseReviewed' }.payload");
        assertThat(reviewed).extracting(r -> r.get("overrideReason"))
                .containsExactly("VERIFIED_INCOME_INCREASE", "COLLATERAL_PROVIDED");
        assertThat(reviewed).extracting(r -> r.get("rulesVersion"))
                .containsExactly(DeciderRules.CURRENT, DeciderRules.CURRENT);
    }

    @Test
    void anOverrideReasonNeverPassesAffordability() {
        String line = Borrowers.goodBorrower("B-BAND-AFFORD", "10000.00", "45000.00");
        String reviews = referred(line, null);

        refused(reviews, "officer1", 1, "140000.00", "VERIFIED_INCOME_INCREASE", "ABOVE_AFFORDABILITY");
        as("officer1").body(review(1, "136000.00", "VERIFIED_INCOME_INCREASE")).post(reviews)
                .then().statusCode(200).body("statusAfter", equalTo("PENDING"));
    }

    @Test
    void anOverrideReasonNeverPassesThePerBorrowerMaximum() {
        as("ops").body("""
                        {"borrowerId":"B-BAND-MAX","productCode":"XM-CASH","initialLimit":90000}""")
                .post("/api/credit-lines").then().statusCode(201);
        // income enough that affordability across both lines (rules v4: 3 x 70,000 less 90,000) does not bind first
        String line = Borrowers.goodBorrower("B-BAND-MAX", "10000.00", "70000.00");
        String reviews = referred(line, "120000.00");

        refused(reviews, "officer1", 1, "120000.00", "RELATIONSHIP_HISTORY", "ABOVE_BORROWER_MAX");
        as("officer1").body(review(1, "110000.00", "RELATIONSHIP_HISTORY")).post(reviews).then().statusCode(200);
        refused(reviews, "senior1", 2, null, null, "ABOVE_INCREASE_BAND");
        as("senior1").body(review(2, null, "RELATIONSHIP_HISTORY")).post(reviews)
                .then().statusCode(200).body("creditLine.limit", equalTo(110000.00f));
    }

    @Test
    void anOverrideReasonOutsideTheClosedSetIsABadRequest() {
        String line = Borrowers.goodBorrower("B-BAND-CODE", "10000.00", "45000.00");
        String reviews = referred(line, "120000.00");

        as("senior1").body(review(1, "120000.00", "BECAUSE_I_SAY_SO")).post(reviews)
                .then().statusCode(400).contentType("application/problem+json");
    }

    /** A dispute note, then a request as the channel: referred to level 1. Returns the request's reviews path. */
    private static String referred(String line, String requestedLimit) {
        as("ops").body(Map.of("text", "Customer raised a dispute about a charge", "channel", "CHAT"))
                .post(line + "/service-notes").then().statusCode(200);
        JsonPath decision = as("channel").body(requestedLimit == null ? "{}" : "{\"requestedLimit\":" + requestedLimit + "}")
                .post(line + "/increase-requests").then().statusCode(201)
                .body("outcome", equalTo("REFERRED"))
                .body("referralLevel", equalTo(1))
                .extract().jsonPath();
        return line + "/increase-requests/" + decision.getString("requestId") + "/reviews";
    }

    private static void refused(String reviews, String reviewer, int level, String limit, String reason, String code) {
        as(reviewer).body(review(level, limit, reason)).post(reviews)
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:uplift:problem:business-rule"))
                .body("code", equalTo(code));
    }

    private static String review(int level, String approvedLimit, String overrideReason) {
        return "{\"level\":" + level + ",\"outcome\":\"APPROVE\",\"comment\":\"new employment contract checked\""
                + (approvedLimit == null ? "" : ",\"approvedLimit\":" + approvedLimit)
                + (overrideReason == null ? "" : ",\"overrideReason\":\"" + overrideReason + "\"") + "}";
    }
}
