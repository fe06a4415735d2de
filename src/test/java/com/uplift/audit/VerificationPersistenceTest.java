package com.uplift.audit;

import com.uplift.testing.Api;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;

import static com.uplift.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A finished verification's report is in the database, readable after the instance that ran it is gone. */
@QuarkusTest
@Tag("integration")
class VerificationPersistenceTest {

    @Inject
    AgroalDataSource jdbc;

    @Test
    void theFinishedReportIsStoredAndReadsBackAsTheSameReport() throws Exception {
        String line = Api.openLine("B-VERIFY-STORE", "2000");
        String job = as("auditor").body("{\"lines\":[\"" + line + "\"]}").post("/api/audit/verifications")
                .then().statusCode(202).extract().header("Location");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                "COMPLETED".equals(as("auditor").get(job).then().extract().jsonPath().getString("status")));
        JsonPath live = as("auditor").get(job).then().extract().jsonPath();
        String id = live.getString("id");

        String stored;
        try (Connection c = jdbc.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT status, report FROM audit_verifications WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("status")).isEqualTo("COMPLETED");
                stored = rs.getString("report");
            }
        }
        VerificationReport report = VerificationJobs.read(stored);
        assertThat(report.linesChecked()).isEqualTo(live.getLong("linesChecked")).isEqualTo(1);
        assertThat(report.eventsChecked()).isEqualTo(live.getLong("eventsChecked"));
        assertThat(report.clean()).isTrue();
        assertThat(report.scope().lines()).containsExactly(line);
    }
}
