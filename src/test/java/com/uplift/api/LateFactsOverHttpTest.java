package com.uplift.api;

import com.uplift.domain.DeciderRules;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static com.uplift.testing.Api.as;
import static com.uplift.testing.Api.openLine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Issue 11 item 2 through the REST API on a fresh database: the newest business date of its kind wins (rules v4). The
 * reproduction was measured against rules v3: a 0-days report dated 70 days ago cured a line reported 65 days past
 * due today (warnings cleared, drawdowns unfrozen).
 */
@QuarkusTest
@Tag("integration")
class LateFactsOverHttpTest {

    /** Business dates are in the policy's calendar; an undated fact is dated by it. */
    private static final ZoneId POLICY_ZONE = ZoneId.of("Asia/Shanghai");

    /**
     * The dates sent: the request validation's @PastOrPresent judges by the service's own zone (UTC here), which is
     * behind the policy's calendar, so a UTC date is never "in the future" for either.
     */
    private static LocalDate sendableToday() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    @Test
    void aZeroDaysReportDatedSeventyDaysAgoDoesNotCureASixtyFiveDaysReportDatedToday() {
        LocalDate today = sendableToday();
        String line = "/api/credit-lines/" + openLine("B-LATE-REPORT", "20000");
        as("ops").body("{\"amount\":1000.00}").post(line + "/drawdowns").then().statusCode(200);

        as("ops").body(Map.of("daysPastDue", 65, "asOf", today.toString())).post(line + "/delinquency-reports")
                .then().statusCode(200);
        JsonPath late = as("ops").body(Map.of("daysPastDue", 0, "asOf", today.minusDays(70).toString()))
                .post(line + "/delinquency-reports").then().statusCode(200).extract().jsonPath();

        assertThat(late.getList("activeWarnings.flag", String.class)).contains("DPD_1", "DPD_30", "DPD_60");
        as("ops").body("{\"amount\":100.00}").post(line + "/drawdowns")
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:uplift:problem:business-rule"))
                .body("code", equalTo("DRAWDOWN_FROZEN"));

        JsonPath events = as("auditor").get(line + "/events").then().statusCode(200).extract().jsonPath();
        List<String> types = events.getList("items.type", String.class);
        assertThat(types).doesNotContain("DelinquencyCured", "WarningCleared");
        assertThat(events.getList("items.findAll { it.type == 'DelinquencyReported' }.payload.asOf", String.class))
                .as("the late report is a fact: recorded, not dropped")
                .containsExactly(today.toString(), today.minusDays(70).toString());
        assertThat(events.getInt("items.findAll { it.type == 'RiskAssessed' }[-1].payload.rulesVersion"))
                .isEqualTo(DeciderRules.CURRENT);

        // the list view counts days past due from the same newest report, aged to the policy's today
        int aged = 65 + (int) today.until(LocalDate.now(POLICY_ZONE), java.time.temporal.ChronoUnit.DAYS);
        as("officer1").get("/api/credit-lines?borrowerId=B-LATE-REPORT&minPosition=" + late.getString("position"))
                .then().statusCode(200).body("items[0].daysPastDue", equalTo(aged));
    }

    @Test
    void anAssetChangeIsRecordedWithTheDateItHappened() {
        LocalDate today = sendableToday();
        String line = "/api/credit-lines/" + openLine("B-ASSET-DATE", "20000");

        as("ops").body(asset("VEHICLE", "ACQUIRED", "150000.00", today.minusDays(20)))
                .post(line + "/asset-changes").then().statusCode(200);
        as("ops").body(asset("DEPOSIT", "DISPOSED", "5000.00", null))
                .post(line + "/asset-changes").then().statusCode(200);
        as("ops").body(asset("DEPOSIT", "DISPOSED", "5000.00", today.plusDays(2)))
                .post(line + "/asset-changes").then().statusCode(400).contentType("application/problem+json");

        JsonPath events = as("auditor").get(line + "/events").then().statusCode(200).extract().jsonPath();
        assertThat(events.getList("items.findAll { it.type == 'AssetChangeReported' }.payload.changedOn", String.class))
                .containsExactly(today.minusDays(20).toString(), LocalDate.now(POLICY_ZONE).toString());
    }

    private static String asset(String kind, String direction, String value, LocalDate changedOn) {
        return "{\"kind\":\"" + kind + "\",\"direction\":\"" + direction + "\",\"estimatedValue\":" + value
                + (changedOn == null ? "" : ",\"changedOn\":\"" + changedOn + "\"") + "}";
    }
}
