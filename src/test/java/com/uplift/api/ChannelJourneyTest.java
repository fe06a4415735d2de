package com.uplift.api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;

import static com.uplift.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/** The journey a channel and the servicing systems make together, end to end over HTTP. */
@QuarkusTest
class ChannelJourneyTest {

    @Test
    void aGoodBorrowerIsRaisedAutomaticallyAndALateOneIsDeclinedWithReasons() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String line = as("channel").body("""
                        {"borrowerId":"B-JOURNEY","productCode":"XM-CASH","initialLimit":10000.00,"currency":"CNY",
                         "openedOn":"%s"}""".formatted(today.minusMonths(13)))
                .post("/api/credit-lines").then().statusCode(201).extract().header("Location");

        for (int month = 12; month >= 1; month--) {
            LocalDate due = today.minusMonths(month);
            as("ops").body("""
                            {"amount":850.00,"dueDate":"%s","paidOn":"%s"}""".formatted(due, due))
                    .post(line + "/repayments").then().statusCode(200);
        }
        as("ops").body("""
                        {"monthlyIncome":20000.00,"source":"SALARY_SLIP","period":"%s"}""".formatted(YearMonth.from(today).minusMonths(2)))
                .post(line + "/income-verifications").then().statusCode(200);
        as("ops").body("""
                        {"monthlyIncome":20500.00,"source":"BANK_STATEMENT","period":"%s"}""".formatted(YearMonth.from(today).minusMonths(1)))
                .post(line + "/income-verifications").then().statusCode(200);
        as("ops").body("""
                        {"bureau":"PBOC","reportId":"R-JOURNEY-1","score":720,"negativeRecords":[],"pulledAt":"%s"}"""
                        .formatted(Instant.now().minusSeconds(3600)))
                .post(line + "/bureau-reports").then().statusCode(200);

        JsonPath approved = as("channel").body("{}").post(line + "/increase-requests")
                .then().statusCode(201)
                .body("outcome", equalTo("APPROVED"))
                .body("grade", notNullValue())
                .body("aprPercent", notNullValue())
                .body("explanation", notNullValue())
                .extract().jsonPath();
        float newLimit = approved.getFloat("newLimit");
        assertThat(newLimit).isBetween(13000f, 15000f);
        assertThat(approved.getFloat("oldLimit")).isEqualTo(10000f);
        assertThat(approved.getFloat("creditLine.limit")).isEqualTo(newLimit);

        as("auditor").get(approved.getString("explanation")).then().statusCode(200)
                .body("status", equalTo("APPROVED"))
                .body("decision.rules.size()", org.hamcrest.Matchers.greaterThan(3))
                .body("decision.assessment.breakdown.size()", org.hamcrest.Matchers.greaterThan(3))
                .body("decision.policyContentHash", notNullValue());

        as("ops").body("""
                        {"daysPastDue":35,"asOf":"%s"}""".formatted(today))
                .post(line + "/delinquency-reports").then().statusCode(200)
                .body("activeWarnings.severity", hasItem("WARNING"));

        as("channel").get(line).then().statusCode(200)
                .body("activeWarnings", not(hasSize(0)))
                .body("grade", notNullValue())
                .body("aprPercent", notNullValue())
                .body("score", notNullValue());

        as("channel").body("{}").post(line + "/increase-requests")
                .then().statusCode(201)
                .body("outcome", equalTo("DECLINED"))
                .body("reasons", not(hasSize(0)))
                .body("creditLine.limit", equalTo(newLimit));
    }
}
