package com.uplift.readmodel;

import io.agroal.api.AgroalDataSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

import static com.uplift.testing.Api.as;
import static org.awaitility.Awaitility.await;

/** What the projection tests read behind the API: the live credit-line rows, the store's heads, the runner's turns. */
final class ReadModelProbe {

    static final Duration WAIT = Duration.ofSeconds(30);

    private final AgroalDataSource jdbc;
    private final ProjectionRunner runner;

    ReadModelProbe(AgroalDataSource jdbc, ProjectionRunner runner) {
        this.jdbc = jdbc;
        this.runner = runner;
    }

    /** The line's row in the live generation of credit-lines (stream_version, events_applied); null when absent. */
    Map<String, Long> liveRow(String line) throws SQLException {
        try (Connection c = jdbc.getConnection(); PreparedStatement s = c.prepareStatement("""
                SELECT stream_version, events_applied FROM credit_line_view
                WHERE credit_line_id = ? AND generation = (SELECT live_generation FROM projections WHERE name = 'credit-lines')""")) {
            s.setString(1, line);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Map.of("stream_version", rs.getLong(1), "events_applied", rs.getLong(2)) : null;
            }
        }
    }

    long storeVersion(String line) throws SQLException {
        try (Connection c = jdbc.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT max(stream_version) FROM events WHERE stream_id = ?")) {
            s.setString(1, "credit-line-" + line);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The line's live row has applied every event of its stream in the store (false while it has no row). */
    boolean caughtUp(String line) throws SQLException {
        Map<String, Long> row = liveRow(line);
        return row != null && row.get("stream_version") == storeVersion(line);
    }

    String state(String projection) throws SQLException {
        try (Connection c = jdbc.getConnection(); PreparedStatement s = c.prepareStatement("SELECT state FROM projections WHERE name = ?")) {
            s.setString(1, projection);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    static long lag(String projection) {
        return as("admin").get("/api/admin/projections").then().statusCode(200).extract().jsonPath()
                .getLong("find { it.name == '" + projection + "' }.lagEvents");
    }

    /**
     * Wakes the runner and waits until a whole turn of the projection has begun and ended after this call: what it
     * would have applied by then, it has. The signal to wait for before asserting that something did NOT happen.
     */
    void awaitAFullTurn(String projection) {
        long before = runner.completedTurns(projection);
        runner.wakeAll();
        // A turn already running when we woke it may have read the log before our caller's last write: the next one has not.
        await().atMost(WAIT).until(() -> runner.completedTurns(projection) >= before + 2);
    }
}
