package com.uplift.audit;

import com.uplift.domain.creditline.CreditLineStream;
import com.uplift.testing.Borrowers;
import io.agroal.api.AgroalDataSource;
import io.restassured.path.json.JsonPath;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static com.uplift.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A small portfolio built over the API, and the audit calls the tests share. */
final class AuditFixtures {

    private AuditFixtures() {
    }

    /** A line's id from its path. */
    static String id(String linePath) {
        return linePath.substring(linePath.lastIndexOf('/') + 1);
    }

    /** Asks for an increase as the channel; returns the decision's JSON. */
    static JsonPath requestIncrease(String line) {
        return as("channel").body("{}").post(line + "/increase-requests").then().statusCode(201).extract().jsonPath();
    }

    static void review(String line, String requestId, String reviewer, int level, String outcome, String comment) {
        as(reviewer).body(Map.of("level", level, "outcome", outcome, "comment", comment))
                .post(line + "/increase-requests/" + requestId + "/reviews").then().statusCode(200);
    }

    static void reportDaysPastDue(String line, int days) {
        as("ops").body(Map.of("daysPastDue", days, "asOf", LocalDate.now(ZoneOffset.UTC).toString()))
                .post(line + "/delinquency-reports").then().statusCode(200);
    }

    /** 10,000 limit, 20,000 income: sized to 13,000-15,000, under the auto-approval ceiling. */
    static String autoApproved(String borrower) {
        String line = Borrowers.goodBorrower(borrower, "10000.00", "20000.00");
        assertThat(requestIncrease(line).getString("outcome")).isEqualTo("APPROVED");
        return line;
    }

    /** 40,000 limit, 25,000 income: referred to level 1, approved there, then 40 days past due. */
    static String referredApprovedThenLate(String borrower) {
        String line = Borrowers.goodBorrower(borrower, "40000.00", "25000.00");
        JsonPath decision = requestIncrease(line);
        assertThat(decision.getString("outcome")).isEqualTo("REFERRED");
        review(line, decision.getString("requestId"), "officer1", 1, "APPROVE", "payroll confirmed");
        reportDaysPastDue(line, 40);
        return line;
    }

    /** 80,000 limit, 40,000 income: two levels of review by two people. */
    static String twoLevelReview(String borrower) {
        String line = Borrowers.goodBorrower(borrower, "80000.00", "40000.00");
        JsonPath decision = requestIncrease(line);
        assertThat(decision.getString("outcome")).isEqualTo("REFERRED");
        review(line, decision.getString("requestId"), "officer1", 1, "APPROVE", "income verified by phone");
        review(line, decision.getString("requestId"), "senior1", 2, "APPROVE", "exposure acceptable");
        return line;
    }

    /** 35 days past due before asking: declined; then a drawdown, a missed payment, a note, an asset, a repayment. */
    static String declinedAndBusy(String borrower) {
        String line = Borrowers.goodBorrower(borrower, "10000.00", "20000.00");
        reportDaysPastDue(line, 35);
        assertThat(requestIncrease(line).getString("outcome")).isEqualTo("DECLINED");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        as("ops").body("{\"amount\":1200.00}").post(line + "/drawdowns").then().statusCode(200);
        as("ops").body(Map.of("dueDate", today.minusDays(3).toString(), "amountDue", new BigDecimal("850.00")))
                .post(line + "/missed-payments").then().statusCode(200);
        as("ops").body(Map.of("text", "customer says they lost my job last month and disputes a fee", "channel", "PHONE"))
                .post(line + "/service-notes").then().statusCode(200);
        as("ops").body(Map.of("kind", "VEHICLE", "direction", "ACQUIRED", "estimatedValue", new BigDecimal("90000.00")))
                .post(line + "/asset-changes").then().statusCode(200);
        as("ops").body(Map.of("amount", new BigDecimal("850.00"), "dueDate", today.minusDays(3).toString(), "paidOn", today.toString()))
                .post(line + "/repayments").then().statusCode(200);
        return line;
    }

    /** Runs a verification of some lines to its end and returns its report. */
    static JsonPath verify(List<String> lineIds) {
        String location = as("auditor").body(Map.of("lines", lineIds)).post("/api/audit/verifications")
                .then().statusCode(202).extract().header("Location");
        return awaitJob(location);
    }

    /** Waits for a job to finish (it runs in the background) and returns its last state: COMPLETED or FAILED. */
    static JsonPath awaitJob(String location) {
        JsonPath[] job = new JsonPath[1];
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100)).until(() -> {
            job[0] = as("auditor").get(location).then().statusCode(200).extract().jsonPath();
            return job[0].getString("status").equals("COMPLETED") || job[0].getString("status").equals("FAILED");
        });
        return job[0];
    }

    /**
     * Waits until every event of these lines lies below the event store's gap-safe horizon
     * ({@code pg_snapshot_xmin}), where the readers of the whole log (export, anchoring) see them. Until then they
     * stop before a line's newest events: right after a command, the projection runner may still be in a
     * transaction it began before the command appended (it locks its checkpoint first), and the horizon only passes
     * the new events once that transaction ends. Once past, it stays past: later transactions get higher ids.
     */
    static void awaitGapSafeHorizonPast(AgroalDataSource jdbc, List<String> lineIds) {
        await().atMost(Duration.ofSeconds(30)).until(() -> eventsAboveTheHorizon(jdbc, lineIds) == 0);
    }

    private static long eventsAboveTheHorizon(AgroalDataSource jdbc, List<String> lineIds) throws SQLException {
        try (Connection c = jdbc.getConnection(); PreparedStatement s = c.prepareStatement("""
                SELECT count(*) FROM events
                WHERE stream_id = ANY(?) AND transaction_id >= pg_snapshot_xmin(pg_current_snapshot())""")) {
            s.setArray(1, c.createArrayOf("text", lineIds.stream().map(CreditLineStream::of).toArray()));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Every event of a line, as the auditor's timeline shows them. */
    static List<Map<String, Object>> timeline(String lineId) {
        return as("auditor").get("/api/audit/credit-lines/" + lineId + "/timeline?limit=1000")
                .then().statusCode(200).extract().jsonPath().getList("entries");
    }

    static int versionOf(String lineId, String eventType) {
        return timeline(lineId).stream().filter(e -> e.get("type").equals(eventType))
                .map(e -> ((Number) e.get("version")).intValue()).findFirst().orElseThrow();
    }
}
