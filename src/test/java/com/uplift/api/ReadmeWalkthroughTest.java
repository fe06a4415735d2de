package com.uplift.api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;

import static com.uplift.testing.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

/**
 * The README's "Trying it" walk-through, step for step with the same bodies, asserting the values the README shows, so
 * that a policy or API change that alters them fails here rather than in front of a new user.
 */
@QuarkusTest
@Tag("integration")
class ReadmeWalkthroughTest {

    @Test
    void aMigratedLineIsReferredToTwoLevelsOfReviewAndRaisedToWhatTheReadmeShows() throws InterruptedException {
        YearMonth m1 = YearMonth.from(LocalDate.now().withDayOfMonth(15).minusMonths(1));
        YearMonth m2 = m1.minusMonths(1);
        var opened = as("ops").header("Idempotency-Key", "open-B-README-WALK").body("""
                        {"borrowerId":"B-README-WALK","productCode":"XM-CASH","initialLimit":80000.00,"currency":"CNY","openedOn":"2024-10-01"}""")
                .post("/api/credit-lines").then().statusCode(201).header("ETag", "\"1\"")
                .body("limit", equalTo(80000.00f)).body("score", nullValue()).body("grade", nullValue()).body("version", equalTo(1))
                .extract();
        String line = opened.header("Location");
        org.assertj.core.api.Assertions.assertThat(line).isEqualTo("/api/credit-lines/" + opened.jsonPath().getString("id"));

        as("ops").body("{\"amount\":850.00,\"dueDate\":\"" + m1 + "-15\",\"paidOn\":\"" + m1 + "-15\"}")
                .post(line + "/repayments").then().statusCode(200);
        as("ops").body("{\"monthlyIncome\":40000.00,\"source\":\"SALARY_SLIP\",\"period\":\"" + m2 + "\"}")
                .post(line + "/income-verifications").then().statusCode(200);
        as("ops").body("{\"monthlyIncome\":40000.00,\"source\":\"BANK_STATEMENT\",\"period\":\"" + m1 + "\"}")
                .post(line + "/income-verifications").then().statusCode(200);
        as("ops").body("{\"bureau\":\"PBOC\",\"reportId\":\"R-1\",\"score\":720,\"negativeRecords\":[],\"pulledAt\":\""
                        + Instant.now().minusSeconds(1) + "\"}")
                .post(line + "/bureau-reports").then().statusCode(200)
                .body("limit", equalTo(80000.00f)).body("score", equalTo(96)).body("grade", equalTo("A"))
                .body("aprPercent", equalTo(7.20f)).body("version", equalTo(10));
        Thread.sleep(5); // distinct recording instants on either side of "before"
        String before = Instant.now().toString();
        Thread.sleep(5);

        JsonPath referred = as("channel").body("{}").post(line + "/increase-requests").then().statusCode(201)
                .body("outcome", equalTo("REFERRED")).body("referralLevel", equalTo(1))
                .body("reviewLevelsRequired", equalTo(2)).body("oldLimit", equalTo(80000.00f))
                .body("newLimit", nullValue()).body("proposedLimit", equalTo(117800.00f))
                .body("reasons", equalTo(java.util.List.of("ABOVE_AUTO_APPROVAL_CEILING")))
                .extract().jsonPath();
        String requestId = referred.getString("requestId");
        String reviews = line + "/increase-requests/" + requestId + "/reviews";

        as("officer1").get("/api/review-queue?level=1&minPosition=" + referred.getString("creditLine.position"))
                .then().statusCode(200).body("requestId", hasItem(requestId));
        String afterLevelOne = as("officer1").body("""
                        {"level":1,"outcome":"APPROVE","comment":"income verified"}""")
                .post(reviews).then().statusCode(200)
                .body("statusAfter", equalTo("PENDING")).body("nextLevel", equalTo(2))
                .body("approvedLimit", equalTo(117800.00f)).body("creditLine.limit", equalTo(80000.00f))
                .extract().jsonPath().getString("creditLine.position");
        as("senior1").get("/api/review-queue?level=2&minPosition=" + afterLevelOne)
                .then().statusCode(200).body("find { it.requestId == '" + requestId + "' }.level", equalTo(2));
        as("senior1").body("""
                        {"level":2,"outcome":"APPROVE","comment":"exposure acceptable"}""")
                .post(reviews).then().statusCode(200)
                .body("statusAfter", equalTo("APPROVED")).body("nextLevel", nullValue())
                .body("creditLine.limit", equalTo(117800.00f));

        as("ops").body("{\"text\":\"客户表示最近失业，还款有困难\"}").post(line + "/service-notes").then().statusCode(200)
                .body("activeWarnings.flag", hasItem("NOTE_JOB_LOSS")).body("activeWarnings.flag", hasItem("NOTE_HARDSHIP"));
        as("channel").get(line + "?asOf=" + before).then().statusCode(200)
                .body("limit", equalTo(80000.00f)).body("version", equalTo(10));
        as("channel").get(line + "?asOf=2025-10-01T00:00:00Z").then().statusCode(404);
        as("auditor").get(line + "/decisions").then().statusCode(200)
                .body("[0].status", equalTo("APPROVED")).body("[0].reviews.reviewer", equalTo(java.util.List.of("officer1", "senior1")));
    }
}
