package com.uplift.api;

import com.uplift.testing.Borrowers;
import com.uplift.testing.JwtTestKeys;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.uplift.testing.Api.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/**
 * Issue 11 item 7 through the REST API: a senior risk officer clears a fraud freeze that a note raised and an
 * investigation disproved; whoever raised a flag cannot clear it; only active note flags can be cleared; the clearance
 * re-verifies like every other decision.
 */
@QuarkusTest
@Tag("integration")
class WarningClearanceOverHttpTest {

    private static final String FRAUD_NOTE = "{\"text\":\"客户疑似欺诈，身份证件可能被冒用\",\"channel\":\"CALL_CENTER\"}";
    private static final String DISPROVED = "{\"reason\":\"NOTE_DISPROVED\",\"comment\":\"fraud team: the login was the customer's own\"}";

    /** A line whose drawdowns a fraud note froze; returns the note's answer (ETag = version). */
    private static Response frozenByFraudNote(String line) {
        Response noted = as("ops").body(FRAUD_NOTE).post(line + "/service-notes");
        noted.then().statusCode(200).body("status", equalTo("DRAWDOWNS_FROZEN"))
                .body("activeWarnings.flag", hasItem("NOTE_FRAUD_SUSPICION"));
        return noted;
    }

    @Test
    void aDisprovedFraudFreezeIsClearedBySeniorOfficerOnceAndDrawdownsResume() {
        String line = Borrowers.goodBorrower("B-CLEAR-FRAUD", "20000.00", "30000.00");
        Response noted = frozenByFraudNote(line);
        as("ops").body("{\"amount\":100.00}").post(line + "/drawdowns").then().statusCode(422)
                .body("code", equalTo("DRAWDOWN_FROZEN"));
        as("officer1").body(DISPROVED).post(line + "/warnings/NOTE_FRAUD_SUSPICION/clearance").then().statusCode(403)
                .contentType("application/problem+json");

        String etag = noted.header("ETag");
        Response cleared = as("senior1").header("If-Match", etag).header("Idempotency-Key", "clear-fraud-1")
                .body(DISPROVED).post(line + "/warnings/NOTE_FRAUD_SUSPICION/clearance");
        cleared.then().statusCode(200)
                .body("flag", equalTo("NOTE_FRAUD_SUSPICION"))
                .body("severity", equalTo("SEVERE"))
                .body("signal", equalTo("FRAUD_SUSPICION"))
                .body("reason", equalTo("NOTE_DISPROVED"))
                .body("clearedBy", equalTo("senior1"))
                .body("raisedBy", equalTo("ops"))
                .body("stillFrozenBy", equalTo(List.of()))
                .body("explanation", containsString("drawdowns unfrozen"))
                .body("creditLine.status", equalTo("OPEN"))
                .body("creditLine.activeWarnings.flag", not(hasItem("NOTE_FRAUD_SUSPICION")));
        long version = Long.parseLong(cleared.header("ETag").replace("\"", ""));
        assertThat(version).isEqualTo(Long.parseLong(etag.replace("\"", "")) + 1);

        // a retry with the same key answers the first response and appends nothing
        as("senior1").header("Idempotency-Key", "clear-fraud-1").body(DISPROVED)
                .post(line + "/warnings/NOTE_FRAUD_SUSPICION/clearance").then().statusCode(200)
                .header("ETag", "\"" + version + "\"").body("clearedBy", equalTo("senior1"));
        // a second clearance finds nothing to clear
        as("senior1").body(DISPROVED).post(line + "/warnings/NOTE_FRAUD_SUSPICION/clearance").then().statusCode(422)
                .contentType("application/problem+json").body("code", equalTo("WARNING_NOT_ACTIVE"));

        as("ops").body("{\"amount\":100.00}").post(line + "/drawdowns").then().statusCode(200)
                .body("activeWarnings.flag", not(hasItem("NOTE_FRAUD_SUSPICION")));

        String position = as("ops").get(line).then().statusCode(200).extract().path("position");
        as("officer1").get("/api/warnings?creditLineId=" + id(line) + "&minPosition=" + position).then().statusCode(200)
                .body("items.find { it.flag == 'NOTE_FRAUD_SUSPICION' }.active", equalTo(false))
                .body("items.find { it.flag == 'NOTE_FRAUD_SUSPICION' }.clearDetail",
                        equalTo("cleared by senior1 for NOTE_DISPROVED: fraud team: the login was the customer's own"));

        JsonPath report = com.uplift.testing.Api.reverify(id(line));
        assertThat(report.getLong("mismatchCount")).as(report.prettify()).isZero();
        assertThat(report.getBoolean("clean")).isTrue();
    }

    @Test
    void whoeverRaisedTheFlagCannotClearIt() {
        String line = Borrowers.goodBorrower("B-CLEAR-SELF", "20000.00", "30000.00");
        // one person holding both roles records the note (raising the flag), then tries to clear it
        String both = JwtTestKeys.token("dual-role-1", JwtTestKeys.ISSUER, "operations", "senior-risk-officer");
        given().auth().oauth2(both).contentType(ContentType.JSON).body(FRAUD_NOTE).post(line + "/service-notes")
                .then().statusCode(200).body("activeWarnings.flag", hasItem("NOTE_FRAUD_SUSPICION"));

        given().auth().oauth2(both).contentType(ContentType.JSON).body(DISPROVED)
                .post(line + "/warnings/NOTE_FRAUD_SUSPICION/clearance").then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:uplift:problem:business-rule"))
                .body("code", equalTo("SELF_CLEARANCE"))
                .body("detail", containsString("four eyes"));
        // another senior officer may
        as("senior1").body(DISPROVED).post(line + "/warnings/NOTE_FRAUD_SUSPICION/clearance").then().statusCode(200)
                .body("raisedBy", equalTo("dual-role-1"));
    }

    @Test
    void onlyActiveNoteFlagsAreClearedAndTheBodyIsChecked() {
        String line = Borrowers.goodBorrower("B-CLEAR-RULES", "20000.00", "30000.00");
        as("senior1").body(DISPROVED).post(line + "/warnings/NOTE_JOB_LOSS/clearance").then().statusCode(422)
                .body("code", equalTo("WARNING_NOT_ACTIVE"));
        as("ops").body(Map.of("daysPastDue", 65, "asOf", java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString()))
                .post(line + "/delinquency-reports").then().statusCode(200).body("activeWarnings.flag", hasItem("DPD_60"));
        as("senior1").body(DISPROVED).post(line + "/warnings/DPD_60/clearance").then().statusCode(422)
                .body("code", equalTo("WARNING_NOT_CLEARABLE"));

        Response noted = frozenByFraudNote(line);
        as("senior1").body("{\"reason\":\"I_SAY_SO\",\"comment\":\"x\"}")
                .post(line + "/warnings/NOTE_FRAUD_SUSPICION/clearance").then().statusCode(400);
        as("senior1").body("{\"reason\":\"NOTE_DISPROVED\"}")
                .post(line + "/warnings/NOTE_FRAUD_SUSPICION/clearance").then().statusCode(400);
        as("senior1").body("{\"reason\":\"NOTE_DISPROVED\",\"comment\":\"bell\\u0007\"}")
                .post(line + "/warnings/NOTE_FRAUD_SUSPICION/clearance").then().statusCode(400);
        as("senior1").header("If-Match", "\"1\"").body(DISPROVED)
                .post(line + "/warnings/NOTE_FRAUD_SUSPICION/clearance").then().statusCode(412);

        // the fraud freeze is cleared, but the 65 days past due still freeze drawdowns
        as("senior1").header("If-Match", noted.header("ETag")).body(DISPROVED)
                .post(line + "/warnings/NOTE_FRAUD_SUSPICION/clearance").then().statusCode(200)
                .body("stillFrozenBy", equalTo(List.of("DPD_60")))
                .body("explanation", containsString("drawdowns stay frozen by DPD_60"))
                .body("creditLine.status", equalTo("DRAWDOWNS_FROZEN"));
    }

    private static String id(String line) {
        return line.substring(line.lastIndexOf('/') + 1);
    }

}
