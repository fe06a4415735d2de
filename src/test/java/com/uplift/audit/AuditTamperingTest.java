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

        Superuser.tamper(jdbc, "UPDATE events SET payload = jsonb_set(payload::jsonb, '{newLimit}', '\"99000.00\"')::json "
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
     * V21 stores the log as json, the text written; rows stored before it were converted from jsonb, so they hold
     * jsonb's rendering (keys shorter first, spaced). Such rows, made here the way the migration makes them, must read
     * and verify as before: every hash over the canonical text of what is read back.
     */
    @Test
    void rowsConvertedFromJsonbAsV21ConvertsThemStillVerifyClean() throws SQLException {
        String line = id(autoApproved("B-AUD-JSONB-ROWS"));
        String stream = "credit-line-" + line;
        try (var connection = jdbc.getConnection(); var statement = connection.createStatement();
             var rows = statement.executeQuery("SELECT payload::text AS p FROM events WHERE stream_id = '" + stream
                     + "' AND stream_version = 1")) {
            assertThat(rows.next()).isTrue();
            // as written: compact and in key order, which jsonb would have spaced and reordered
            assertThat(rows.getString("p")).doesNotContain("\": ").startsWith("{\"")
                    .isEqualTo(com.uplift.eventstore.CanonicalJson.write(com.uplift.eventstore.CanonicalJson.parse(rows.getString("p"))));
        }

        Superuser.tamper(jdbc, "UPDATE events SET payload = payload::jsonb::json, metadata = metadata::jsonb::json "
                + "WHERE stream_id = '" + stream + "'");
        try (var connection = jdbc.getConnection(); var statement = connection.createStatement();
             var rows = statement.executeQuery("SELECT count(*) FILTER (WHERE payload::text LIKE '%\": %') AS spaced,"
                     + " count(*) AS all_rows FROM events WHERE stream_id = '" + stream + "'")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getLong("spaced")).as("rows now in jsonb's rendering").isEqualTo(rows.getLong("all_rows"))
                    .isGreaterThan(1);
        }
        JsonPath report = verify(List.of(line));

        assertThat(report.getString("status")).isEqualTo("COMPLETED");
        assertThat(report.getBoolean("clean")).isTrue();
        assertThat(report.getLong("mismatchCount")).isZero();
        assertThat(report.getList("brokenLinks")).isEmpty();
        assertThat(timeline(line)).isNotEmpty();
    }

    /**
     * A consequence, not the batch's first event: re-verification compares re-decided events with the stored ones as
     * values first (issue 12), so a changed consequence must still be found and named, not only by the hash chain.
     */
    @Test
    void aChangedConsequenceOfADecisionIsReportedWithItsField() throws SQLException {
        String line = id(autoApproved("B-AUD-CONSEQUENCE"));
        int version = versionOf(line, "CreditLimitChanged");

        Superuser.tamper(jdbc, "UPDATE events SET payload = jsonb_set(payload::jsonb, '{newLimit}', '\"99000.00\"')::json "
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
        Superuser.tamper(jdbc, "UPDATE events SET payload = jsonb_set(payload::jsonb, '{drawnAfter}', '\"5000.00\"')::json "
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
