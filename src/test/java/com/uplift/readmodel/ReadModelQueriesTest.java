package com.uplift.readmodel;

import com.uplift.testing.Borrowers;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneOffset;

import static com.uplift.testing.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

/** The cross-line queries, read through the projections with read-your-writes. */
@QuarkusTest
@Tag("integration")
class ReadModelQueriesTest {

    @Test
    void aNewLineIsListedAsSoonAsTheProjectionHasReadTheCommandsPosition() {
        var created = as("channel").body("""
                        {"borrowerId":"B-RYW","productCode":"XM-CASH","initialLimit":12000}""")
                .post("/api/credit-lines").then().statusCode(201).extract();
        String id = created.jsonPath().getString("id");
        String position = created.jsonPath().getString("position");

        as("officer1").header("X-Min-Position", position).get("/api/credit-lines?borrowerId=B-RYW")
                .then().statusCode(200)
                .header("X-Projection-Caught-Up", "true")
                .body("items.id", hasItem(id))
                .body("items.find { it.id == '" + id + "' }.limit", equalTo(12000.00f))
                .body("items.find { it.id == '" + id + "' }.version", equalTo(1));
        as("officer1").get("/api/credit-lines?minPosition=nonsense").then().statusCode(400);
    }

    @Test
    void referralsQueueForReviewAndDelinquencyRaisesAListedWarning() {
        String line = Borrowers.goodBorrower("B-QUEUE", "40000.00", "25000.00");
        String lineId = line.substring(line.lastIndexOf('/') + 1);
        var decision = as("channel").body("{}").post(line + "/increase-requests")
                .then().statusCode(201).body("outcome", equalTo("REFERRED")).extract().jsonPath();
        String requestId = decision.getString("requestId");

        as("officer1").get("/api/review-queue?level=1&minPosition=" + decision.getString("creditLine.position"))
                .then().statusCode(200)
                .header("X-Projection-Caught-Up", "true")
                .body("requestId", hasItem(requestId))
                .body("find { it.requestId == '" + requestId + "' }.creditLineId", equalTo(lineId))
                .body("find { it.requestId == '" + requestId + "' }.explanation.outcome", equalTo("REFERRED"));
        as("channel").get("/api/review-queue").then().statusCode(403);

        String position = as("ops").body("""
                        {"daysPastDue":61,"asOf":"%s"}""".formatted(LocalDate.now(ZoneOffset.UTC)))
                .post(line + "/delinquency-reports").then().statusCode(200).extract().jsonPath().getString("position");
        as("auditor").get("/api/warnings?active=true&creditLineId=" + lineId + "&minPosition=" + position)
                .then().statusCode(200)
                .body("items.severity", hasItem("SEVERE"))
                .body("items.flag", hasItem("DPD_60"));
        as("officer1").get("/api/credit-lines?status=DRAWDOWNS_FROZEN&borrowerId=B-QUEUE&minPosition=" + position)
                .then().statusCode(200).body("items.id", hasItem(lineId));

        as("auditor").get("/api/portfolio/summary").then().statusCode(200)
                .body("lines", greaterThanOrEqualTo(1))
                .body("benchmarkOverduePercent", equalTo(3.35f))
                .body("overdue.overdueLines", greaterThanOrEqualTo(1))
                .body("decisions.requests", greaterThanOrEqualTo(1))
                .body("byPolicyGroup.arm", notNullValue());
    }

    @Test
    void theListCountsDaysPastDueFromTheOldestInstalmentARepaymentLeftUnpaid() {
        String id = com.uplift.testing.Api.openLine("B-ARREARS", "5000");
        String line = "/api/credit-lines/" + id;
        LocalDate today = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")); // uplift.business-zone
        as("ops").body("{\"dueDate\":\"%s\",\"amountDue\":300.00}".formatted(today.minusDays(40)))
                .post(line + "/missed-payments").then().statusCode(200);
        as("ops").body("{\"dueDate\":\"%s\",\"amountDue\":300.00}".formatted(today.minusDays(10)))
                .post(line + "/missed-payments").then().statusCode(200);
        // pays the older instalment and 100.00 of the newer one: the line is now 10 days past due, not 40
        String position = as("ops").body("{\"amount\":400.00,\"dueDate\":\"%s\",\"paidOn\":\"%s\"}"
                        .formatted(today.minusDays(40), today.minusDays(1)))
                .post(line + "/repayments").then().statusCode(200).extract().jsonPath().getString("position");

        as("officer1").get("/api/credit-lines?borrowerId=B-ARREARS&minPosition=" + position).then().statusCode(200)
                .header("X-Projection-Caught-Up", "true")
                .body("items.find { it.id == '" + id + "' }.daysPastDue", equalTo(10));
    }

    @Test
    void theScheduledReassessmentRunsOverEveryLineAndRecordsNothingWhenTimeChangedNothing() {
        String id = com.uplift.testing.Api.openLine("B-REASSESS", "4000");
        var first = as("admin").post("/api/admin/reassessments").then().statusCode(200).extract().jsonPath();
        org.assertj.core.api.Assertions.assertThat(first.getInt("lines")).isGreaterThanOrEqualTo(1);
        long version = as("auditor").get("/api/credit-lines/" + id).then().extract().jsonPath().getLong("version");
        var second = as("admin").post("/api/admin/reassessments").then().statusCode(200).extract().jsonPath();
        org.assertj.core.api.Assertions.assertThat(second.getInt("changed")).isZero();
        as("auditor").get("/api/credit-lines/" + id).then().body("version", equalTo((int) version));
    }

    @Test
    void projectionLagAndThroughputArePrometheusMetrics() {
        com.uplift.testing.Api.openLine("B-METRICS", "1000");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() -> {
            String metrics = com.uplift.testing.Management.management().get("/q/metrics").then().statusCode(200).extract().asString();
            org.assertj.core.api.Assertions.assertThat(metrics)
                    .contains("uplift_projection_lag_events{projection=\"credit-lines\"}")
                    .contains("uplift_projection_lag_seconds{projection=\"warnings\"}")
                    .containsPattern("uplift_projection_events_applied_total\\{projection=\"credit-lines\"\\} [1-9]");
        });
    }
}
