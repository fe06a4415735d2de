package com.uplift.readmodel;

import com.uplift.testing.Api;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.uplift.readmodel.ReadModelProbe.WAIT;
import static com.uplift.readmodel.ReadModelProbe.lag;
import static com.uplift.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The projection runner's guarantees, against the real database. A poison event, which no honest writer appends, is
 * planted on a database of its own: {@link PoisonEventTest}.
 */
@QuarkusTest
@Tag("integration")
class ProjectionRunnerTest {

    @Inject
    AgroalDataSource jdbc;

    @Inject
    ProjectionRunner runner;

    @Inject
    ProjectionLeadership leadership;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    ReadModelProbe probe;

    @BeforeEach
    void probe() {
        probe = new ReadModelProbe(jdbc, runner);
    }

    /**
     * The session that holds the projection locks asks PostgreSQL to probe its client within seconds, so a host that
     * vanishes without closing its socket loses the locks in ~25 s, not after the operating system's two hours.
     */
    @Test
    void theLeadershipSessionIsProbedSoAVanishedHostLosesItsLocksWithinSeconds() {
        assertThat(leadership.controlKeepalive().await().atMost(WAIT)).containsExactly("10", "5", "3");
    }

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
                Map<String, Long> row = probe.liveRow(line);
                assertThat(row).isNotNull();
                assertThat(row.get("stream_version")).isEqualTo(probe.storeVersion(line));
                assertThat(row.get("events_applied")).isEqualTo(row.get("stream_version"));
            }
        });
    }

    @Test
    void whileAnotherInstanceHoldsAProjectionThisOneDoesNotApplyIt() throws Exception {
        String line = Api.openLine("B-TWO-RUNNERS", "5000");
        await().atMost(WAIT).until(() -> probe.liveRow(line) != null);
        // The other instance's session: a connection of its own (a pooled one would outlive "close" and keep the lock).
        try (Connection other = DriverManager.getConnection(jdbcUrl, "postgres", "postgres")) {
            // This instance "dies" (its locks go with its connection) and the other instance takes over; this one
            // may grab the lock back at its next poll before the other asks, so repeat until the other holds it.
            await().atMost(WAIT).until(() -> {
                runner.releaseLeadership().await().atMost(WAIT);
                return tryLock(other, "credit-lines");
            });
            as("ops").body("{\"amount\":10.00}").post("/api/credit-lines/" + line + "/drawdowns").then().statusCode(200);
            probe.awaitAFullTurn("credit-lines");
            assertThat(probe.liveRow(line).get("stream_version")).isLessThan(probe.storeVersion(line));
            assertThat(runner.leadsHere("credit-lines")).isFalse();
        } // the other instance dies: its lock goes with its connection

        runner.wakeAll();
        await().atMost(WAIT).until(() -> probe.caughtUp(line));
        assertThat(runner.leadsHere("credit-lines")).isTrue();
    }

    /**
     * An instance that leads no projection tries their locks at its poll, not at every commit: tried at every commit,
     * each commit cost it one statement and one turn per projection (65 tries a second under the write benchmark).
     */
    @Test
    void anInstanceThatLeadsNoProjectionDoesNotTryTheirLocksAtEveryCommit() throws Exception {
        String line = Api.openLine("B-NOT-LEADING", "5000");
        List<String> projections = List.copyOf(runner.names());
        try (Connection other = DriverManager.getConnection(jdbcUrl, "postgres", "postgres")) {
            await().atMost(WAIT).until(() -> {
                runner.releaseLeadership().await().atMost(WAIT);
                boolean all = true;
                for (String projection : projections) {
                    all &= tryLock(other, projection); // a session's advisory locks stack: asking again is a yes
                }
                return all;
            });
            projections.forEach(projection -> assertThat(runner.leadsHere(projection)).as(projection).isFalse());
            long triesBefore = leadership.lockTries();
            long started = System.nanoTime();
            int commits = 20;
            for (int i = 0; i < commits; i++) {
                as("ops").body("{\"amount\":10.00}").post("/api/credit-lines/" + line + "/drawdowns").then().statusCode(200);
            }
            Thread.sleep(100); // the last commits' notifications arrive
            long polls = (System.nanoTime() - started) / 1_000_000_000L + 2; // uplift.projections.poll-interval-ms = 1000
            assertThat(leadership.lockTries() - triesBefore)
                    .as("lock tries during %d commits: at most one per projection per poll (%d polls), not one per commit",
                            commits, polls)
                    .isLessThanOrEqualTo(polls * projections.size());
        } // the other instance dies: its locks go with its connection
        runner.wakeAll();
        await().atMost(WAIT).until(() -> projections.stream().allMatch(runner::leadsHere));
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

        // Another instance leads the projection while both requests come, so the first rebuild cannot finish before
        // the second asks (a rebuild of a few lines takes milliseconds): the second must be refused while one builds.
        try (Connection other = DriverManager.getConnection(jdbcUrl, "postgres", "postgres")) {
            await().atMost(WAIT).until(() -> {
                runner.releaseLeadership().await().atMost(WAIT);
                return tryLock(other, "credit-lines");
            });
            as("admin").post("/api/admin/projections/credit-lines/rebuild").then().statusCode(202);
            as("admin").post("/api/admin/projections/credit-lines/rebuild").then().statusCode(409);
        } // the other instance dies: its lock goes with its connection
        runner.wakeAll();

        await().atMost(WAIT).until(() -> query("SELECT live_generation FROM projections WHERE name = 'credit-lines'") == liveBefore + 1
                && query("SELECT count(*) FROM projections WHERE name = 'credit-lines' AND building_generation IS NULL") == 1);
        // Every line of the shared database, every column: this store's history is honest, so nothing may differ.
        assertThat(rows()).containsExactlyElementsOf(before);
        assertThat(query("SELECT count(*) FROM credit_line_view WHERE generation = " + liveBefore)).isZero();
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
