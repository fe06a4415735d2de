package com.uplift.audit;

import com.uplift.testing.OwnDatabase;
import com.uplift.testing.Superuser;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import static com.uplift.audit.AuditFixtures.autoApproved;
import static com.uplift.audit.AuditFixtures.awaitGapSafeHorizonPast;
import static com.uplift.audit.AuditFixtures.id;
import static com.uplift.audit.AuditFixtures.timeline;
import static com.uplift.audit.AuditFixtures.verify;
import static com.uplift.audit.AuditFixtures.versionOf;
import static com.uplift.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * History changed behind the store's back, as a superuser could (switching the append-only trigger off), is found by
 * re-verification. On a database of its own: the altered and truncated streams stay here, and the tests on the shared
 * database keep an honest store.
 */
@QuarkusTest
@Tag("integration")
@TestProfile(AuditTamperingTest.OwnStore.class)
class AuditTamperingTest {

    public static class OwnStore extends OwnDatabase {
    }

    @Inject
    AgroalDataSource jdbc;

    @Test
    void aPayloadChangedBehindTheStoresBackIsReportedWithItsLineAndVersion() throws SQLException {
        String line = id(autoApproved("B-AUD-TAMPER"));
        int version = versionOf(line, "IncreaseDecided");

        Superuser.tamper(jdbc, "UPDATE events SET payload = jsonb_set(payload, '{newLimit}', '\"99000.00\"') "
                + "WHERE stream_id = 'credit-line-" + line + "' AND stream_version = " + version);
        JsonPath report = verify(List.of(line));

        assertThat(report.getString("status")).isEqualTo("COMPLETED");
        assertThat(report.getBoolean("clean")).isFalse();
        assertThat(report.getList("brokenLinks", Map.class)).containsExactly(Map.of(
                "streamId", "credit-line-" + line, "version", version, "problem", "content does not match its hash"));
        assertThat(report.getLong("mismatchCount")).isEqualTo(1);
        assertThat(report.getMap("mismatches[0]")).containsEntry("creditLineId", line)
                .containsEntry("streamVersion", version)
                .containsEntry("eventType", "IncreaseDecided")
                .containsEntry("field", "$.newLimit")
                .containsEntry("recorded", "99000.00");
    }

    /**
     * A consequence, not the batch's first event: re-verification compares re-decided events with the stored ones as
     * values first (issue 12), so a changed consequence must still be found and named, not only by the hash chain.
     */
    @Test
    void aChangedConsequenceOfADecisionIsReportedWithItsField() throws SQLException {
        String line = id(autoApproved("B-AUD-CONSEQUENCE"));
        int version = versionOf(line, "CreditLimitChanged");

        Superuser.tamper(jdbc, "UPDATE events SET payload = jsonb_set(payload, '{newLimit}', '\"99000.00\"') "
                + "WHERE stream_id = 'credit-line-" + line + "' AND stream_version = " + version);
        JsonPath report = verify(List.of(line));

        assertThat(report.getBoolean("clean")).isFalse();
        assertThat(report.getList("brokenLinks", Map.class)).containsExactly(Map.of(
                "streamId", "credit-line-" + line, "version", version, "problem", "content does not match its hash"));
        assertThat(report.getMap("mismatches[0]")).containsEntry("creditLineId", line)
                .containsEntry("streamVersion", version)
                .containsEntry("eventType", "CreditLimitChanged")
                .containsEntry("field", "$.newLimit")
                .containsEntry("recorded", "99000.00");
    }

    @Test
    void aDeletedEventIsReportedAsAMissingVersion() throws SQLException {
        String line = id(autoApproved("B-AUD-DELETE"));

        Superuser.tamper(jdbc, "DELETE FROM events WHERE stream_id = 'credit-line-" + line + "' AND stream_version = 5");
        JsonPath report = verify(List.of(line));

        assertThat(report.getList("brokenLinks", Map.class)).containsExactly(Map.of(
                "streamId", "credit-line-" + line, "version", 5, "problem", "version 5 is missing (found 6)"));
    }

    @Test
    void aStreamTailRemovedAfterAnAnchorCoveredItIsDetected() throws SQLException {
        String line = id(autoApproved("B-AUD-TAIL"));
        List<Map<String, Object>> before = timeline(line);
        int head = before.size();
        int decided = versionOf(line, "IncreaseDecided");
        // Anchoring reads the whole log, which stops below the gap-safe horizon: wait until the line's head is under it.
        awaitGapSafeHorizonPast(jdbc, List.of(line));
        as("auditor").post("/api/audit/anchors").then().statusCode(201).body("anchored", equalTo(true));
        as("admin").post("/api/audit/anchors").then().statusCode(200).body("anchored", equalTo(false));

        // cut the whole last command (the increase decision and its consequences): the chain up to there still holds
        Superuser.tamper(jdbc, "DELETE FROM events WHERE stream_id = 'credit-line-" + line + "' AND stream_version >= " + decided);
        JsonPath report = verify(List.of(line));

        assertThat(report.getLong("brokenLinkCount")).isZero();
        assertThat(report.getLong("mismatchCount")).isZero();
        assertThat(report.getLong("anchorProblemCount")).as(report.prettify()).isEqualTo(1);
        assertThat(report.getMap("anchorProblems[0]")).containsEntry("streamId", "credit-line-" + line)
                .containsEntry("version", head)
                .containsEntry("anchoredHash", before.getLast().get("hash"))
                .containsEntry("storedHash", null);
        assertThat(report.getString("anchorProblems[0].problem")).contains("truncated");
    }

    @Test
    void verifyingEverythingWalksEveryStreamAndFindsATamperedLineAmongThem() throws SQLException {
        String line = id(autoApproved("B-AUD-ALL"));
        // version 2 is the first repayment; drawnAfter is derived, so re-deciding the batch contradicts it
        Superuser.tamper(jdbc, "UPDATE events SET payload = jsonb_set(payload, '{drawnAfter}', '\"5000.00\"') "
                + "WHERE stream_id = 'credit-line-" + line + "' AND stream_version = 2");

        String location = as("auditor").body("{}").post("/api/audit/verifications")
                .then().statusCode(202).body("status", org.hamcrest.Matchers.oneOf("QUEUED", "RUNNING", "COMPLETED"))
                .extract().header("Location");
        JsonPath report = AuditFixtures.awaitJob(location);

        assertThat(report.getString("status")).isEqualTo("COMPLETED");
        assertThat(report.getLong("linesChecked")).isGreaterThanOrEqualTo(1);
        assertThat(report.getLong("decisionsChecked")).isGreaterThanOrEqualTo(1);
        assertThat(report.getList("brokenLinks", Map.class)).contains(Map.of(
                "streamId", "credit-line-" + line, "version", 2, "problem", "content does not match its hash"));
        assertThat(report.getList("mismatches", Map.class)).anySatisfy(m -> {
            assertThat(m.get("creditLineId")).isEqualTo(line);
            assertThat(m.get("streamVersion")).isEqualTo(2);
            assertThat(m.get("field")).isEqualTo("$.drawnAfter");
        });
    }
}
