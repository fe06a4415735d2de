package com.uplift.readmodel;

import com.uplift.eventstore.HashChain;
import com.uplift.testing.Api;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.uplift.testing.Api.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The projection runner's guarantees, against the real database. */
@QuarkusTest
class ProjectionRunnerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    AgroalDataSource jdbc;

    @Inject
    ProjectionRunner runner;

    @Inject
    com.uplift.eventstore.EventStore store;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @Test
    void afterLosingAndRetakingLeadershipEveryEventIsAppliedOnceWithoutGaps() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            lines.add(Api.openLine("B-RESTART-" + i, "5000"));
        }
        runner.releaseLeadership().await().atMost(WAIT); // as if the instance had died
        for (String line : lines) {
            for (int i = 0; i < 4; i++) {
                as("ops").body("{\"amount\":100.00}").post("/api/credit-lines/" + line + "/drawdowns").then().statusCode(200);
            }
        }
        runner.wakeAll();

        await().atMost(WAIT).untilAsserted(() -> {
            for (String line : lines) {
                Map<String, Long> row = liveRow(line);
                assertThat(row).isNotNull();
                assertThat(row.get("stream_version")).isEqualTo(storeVersion(line));
                assertThat(row.get("events_applied")).isEqualTo(row.get("stream_version"));
            }
        });
    }

    @Test
    void whileAnotherInstanceHoldsAProjectionThisOneDoesNotApplyIt() throws Exception {
        String line = Api.openLine("B-TWO-RUNNERS", "5000");
        await().atMost(WAIT).until(() -> liveRow(line) != null);
        // The other instance's session: a connection of its own (a pooled one would outlive "close" and keep the lock).
        try (Connection other = DriverManager.getConnection(jdbcUrl, "postgres", "postgres")) {
            // This instance "dies" (its locks go with its connection) and the other instance takes over; this one
            // may grab the lock back at its next poll before the other asks, so repeat until the other holds it.
            await().atMost(WAIT).until(() -> {
                runner.releaseLeadership().await().atMost(WAIT);
                return tryLock(other, "credit-lines");
            });
            as("ops").body("{\"amount\":10.00}").post("/api/credit-lines/" + line + "/drawdowns").then().statusCode(200);
            runner.wakeAll();
            Thread.sleep(1500); // several polls: this instance must not apply what it does not lead
            assertThat(liveRow(line).get("stream_version")).isLessThan(storeVersion(line));
            assertThat(runner.leadsHere("credit-lines")).isFalse();
        } // the other instance dies: its lock goes with its connection

        runner.wakeAll();
        await().atMost(WAIT).until(() -> liveRow(line).get("stream_version") == storeVersion(line));
        assertThat(runner.leadsHere("credit-lines")).isTrue();
    }

    @Test
    void aRebuiltReadModelEqualsTheLiveOneRowForRow() throws Exception {
        for (int i = 0; i < 3; i++) {
            String line = Api.openLine("B-REBUILD-" + i, "8000");
            as("ops").body("{\"amount\":250.00}").post("/api/credit-lines/" + line + "/drawdowns").then().statusCode(200);
        }
        await().atMost(WAIT).until(() -> lag("credit-lines") == 0);
        List<String> before = rows();
        int liveBefore = (int) query("SELECT live_generation FROM projections WHERE name = 'credit-lines'");

        as("admin").post("/api/admin/projections/credit-lines/rebuild").then().statusCode(202);
        as("admin").post("/api/admin/projections/credit-lines/rebuild").then().statusCode(409);

        await().atMost(WAIT).until(() -> query("SELECT live_generation FROM projections WHERE name = 'credit-lines'") == liveBefore + 1
                && query("SELECT count(*) FROM projections WHERE name = 'credit-lines' AND building_generation IS NULL") == 1);
        List<String> after = rows();
        // Row for row the same, except where a test changed history behind the store's back (the audit tests do, to
        // prove detection): the live model read the original event, the rebuild reads the altered one. Such lines
        // show a broken hash chain, or a stream now shorter than the live row had read (a cut tail); any other
        // difference is a rebuild bug.
        for (String row : before.stream().filter(row -> !after.contains(row)).toList()) {
            String[] columns = row.split("\\|");
            String line = columns[0];
            boolean tampered = !store.verifyStream("credit-line-" + line).await().atMost(WAIT).intact()
                    || storeVersion(line) < Long.parseLong(columns[15]);
            assertThat(tampered).as("rebuilt row differs for a line whose history is intact: %s", row).isTrue();
        }
        assertThat(after).hasSameSizeAs(before);
        assertThat(query("SELECT count(*) FROM credit_line_view WHERE generation = " + liveBefore)).isZero();
    }

    @Test
    void aPoisonEventStopsItsProjectionAtItsPositionWhileTheOthersGoOn() throws Exception {
        String line = Api.openLine("B-BEFORE-POISON", "3000");
        await().atMost(WAIT).until(() -> liveRow(line) != null);
        String poisonStream = "credit-line-poison-" + UUID.randomUUID();
        String position = insertPoison(poisonStream);
        runner.wakeAll();
        try {
            await().atMost(WAIT).until(() -> "FAILED".equals(state("credit-lines")));
            JsonPath status = as("admin").get("/api/admin/projections").then().statusCode(200).extract().jsonPath();
            assertThat(status.getString("find { it.name == 'credit-lines' }.failedPosition")).isEqualTo(position);
            assertThat(status.getString("find { it.name == 'credit-lines' }.error")).contains(poisonStream);
            com.uplift.testing.Management.management().get("/q/health/ready").then().statusCode(503);

            // The others read past it (they do not read that event type) and keep following the log.
            await().atMost(WAIT).until(() -> lag("warnings") == 0 && lag("increase-decisions") == 0);
            assertThat(state("warnings")).isEqualTo("RUNNING");
            long before = liveRow(line).get("stream_version");
            as("ops").body("{\"amount\":10.00}").post("/api/credit-lines/" + line + "/drawdowns").then().statusCode(200);
            runner.wakeAll();
            Thread.sleep(500);
            assertThat(liveRow(line).get("stream_version")).isEqualTo(before); // the stopped projection did not move on silently
            // and what needs that read model (the borrower's other lines, for the per-borrower cap) fails closed
            as("channel").body("{\"borrowerId\":\"B-AFTER-POISON\",\"productCode\":\"XM-CASH\",\"initialLimit\":100}")
                    .post("/api/credit-lines").then().statusCode(503).contentType("application/problem+json");
        } finally {
            as("admin").body("{\"skipFailedEvent\":true,\"reason\":\"test poison event, not a real line\"}")
                    .post("/api/admin/projections/credit-lines/restart").then().statusCode(204);
        }
        await().atMost(WAIT).until(() -> "RUNNING".equals(state("credit-lines")) && lag("credit-lines") == 0);
        com.uplift.testing.Management.management().get("/q/health/ready").then().statusCode(200);
        assertThat(as("admin").get("/api/admin/projections").then().extract().jsonPath()
                .getString("find { it.name == 'credit-lines' }.error")).contains("skipped by admin");
    }

    private String insertPoison(String stream) throws SQLException {
        try (Connection c = jdbc.getConnection(); PreparedStatement insert = c.prepareStatement("""
                INSERT INTO events (stream_id, stream_version, event_id, event_type, schema_version, payload, metadata,
                                    recorded_at, previous_hash, hash)
                VALUES (?, 1, ?, 'CreditLineOpened', 1, '{"garbage":true}'::jsonb, '{}'::jsonb, now(), ?, ?)
                RETURNING transaction_id::text || '-' || global_position""")) {
            insert.setString(1, stream);
            insert.setObject(2, UUID.randomUUID());
            insert.setString(3, HashChain.GENESIS);
            insert.setString(4, HashChain.GENESIS);
            try (ResultSet rs = insert.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private boolean tryLock(Connection connection, String projection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(hashtext(?))")) {
            lock.setString(1, "uplift-projection:" + projection);
            try (ResultSet rs = lock.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private Map<String, Long> liveRow(String line) throws SQLException {
        try (Connection c = jdbc.getConnection(); PreparedStatement s = c.prepareStatement("""
                SELECT stream_version, events_applied FROM credit_line_view
                WHERE credit_line_id = ? AND generation = (SELECT live_generation FROM projections WHERE name = 'credit-lines')""")) {
            s.setString(1, line);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Map.of("stream_version", rs.getLong(1), "events_applied", rs.getLong(2)) : null;
            }
        }
    }

    private long storeVersion(String line) throws SQLException {
        try (Connection c = jdbc.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT max(stream_version) FROM events WHERE stream_id = ?")) {
            s.setString(1, "credit-line-" + line);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private long lag(String projection) {
        return as("admin").get("/api/admin/projections").then().statusCode(200).extract().jsonPath()
                .getLong("find { it.name == '" + projection + "' }.lagEvents");
    }

    private String state(String projection) throws SQLException {
        try (Connection c = jdbc.getConnection(); PreparedStatement s = c.prepareStatement("SELECT state FROM projections WHERE name = ?")) {
            s.setString(1, projection);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private List<String> rows() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = jdbc.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT credit_line_id, borrower_id, product_code, segment, currency, credit_limit, drawn, available,
                       utilization, score, grade, apr_percent, days_past_due, status, active_warnings, stream_version,
                       events_applied, last_position, opened_at, updated_at
                FROM credit_line_view
                WHERE generation = (SELECT live_generation FROM projections WHERE name = 'credit-lines')
                ORDER BY credit_line_id""")) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(rs.getString(i)).append('|');
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    private long query(String sql) throws SQLException {
        try (Connection c = jdbc.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
