package com.uplift.readmodel;

import com.uplift.application.CreditLineService;
import com.uplift.application.DemoPortfolio;
import com.uplift.eventstore.EventStore;
import com.uplift.testing.OwnDatabase;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static com.uplift.readmodel.ReadModelProbe.lag;
import static com.uplift.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A rebuild reads stretches of the log with only what the fold needs of each event (fields extracted by the database)
 * and writes them in bulk; the live generation is fed the runner's batches as they commit, each event decoded whole,
 * and written by the same bulk write. Over the same events both must leave exactly the same rows. Stretches of 97
 * events (its own database, so that only this test's events are in the log) make lines straddle stretches, so rows
 * are loaded back, folded further and upserted, not only inserted. A turn of the runner applies one stretch and ends,
 * so the live generation catches up between every two stretches of a rebuild.
 */
@QuarkusTest
@Tag("integration")
@TestProfile(RebuildInBulkTest.OwnStore.class)
class RebuildInBulkTest {

    public static class OwnStore extends OwnDatabase {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("uplift.projections.rebuild-batch-size", "97", "uplift.projections.rebuild-events-per-turn", "97");
        }
    }

    @Inject
    CreditLineService lines;

    @Inject
    EventStore store;

    @Inject
    Clock clock;

    @Inject
    ProjectionRunner runner;

    @Inject
    AgroalDataSource jdbc;

    /** Generous: the machine this runs on may be shared with other builds. */
    private static final Duration SLOW = Duration.ofMinutes(3);

    @Test
    void aBulkRebuildLeavesExactlyTheRowsTheIncrementalCatchUpLeft() throws Exception {
        int generated = new DemoPortfolio(lines, store, clock, true, 16, 20261129L).generate().await().atMost(SLOW);
        assertThat(generated).isEqualTo(16);
        await().atMost(SLOW).until(() -> lag(CreditLinesProjection.NAME) == 0);
        // A tier set by hand after a line's other events: its TierChanged comes in a later batch than the row's insert
        // (live) and in a later stretch of 97 (rebuild), so only an update of the existing row can carry it.
        Map<String, String> segments = segments();
        List<String> retiered = segments.keySet().stream().filter(id -> !"NEW_TO_CREDIT".equals(segments.get(id))).limit(3).toList();
        assertThat(retiered).hasSize(3);
        for (String id : retiered) {
            as("senior1").body(Map.of("tier", "NEW_TO_CREDIT", "reason", "bureau file under review"))
                    .put("/api/credit-lines/" + id + "/tier").then().statusCode(200);
        }
        await().atMost(SLOW).until(() -> lag(CreditLinesProjection.NAME) == 0);
        Map<String, String> after = segments();
        assertThat(retiered).allSatisfy(id -> assertThat(after).containsEntry(id, "NEW_TO_CREDIT"));
        List<String> live = rows();
        assertThat(live).hasSize(16);
        // the fixture exercises more than limits: some lines are past due, have warnings, a grade and a price
        assertThat(live).anyMatch(row -> row.contains("\"past_due\": {"));
        assertThat(live).anyMatch(row -> !row.contains("\"active_warnings\": 0"));
        assertThat(live).anyMatch(row -> row.contains("\"grade\": \"") && !row.contains("\"apr_percent\": null"));
        long bulkBefore = runner.bulkBatches(CreditLinesProjection.NAME);
        long fallbacksBefore = runner.bulkFallbacks(CreditLinesProjection.NAME);
        int liveBefore = liveGeneration();
        long turnsBefore = runner.completedTurns(CreditLinesProjection.NAME);

        as("admin").post("/api/admin/projections/credit-lines/rebuild").then().statusCode(202);
        await().atMost(SLOW).until(() -> liveGeneration() == liveBefore + 1);

        assertThat(rows()).containsExactlyElementsOf(live);
        long events = count("SELECT count(*) FROM events WHERE stream_id LIKE 'credit-line-%'");
        long stretches = runner.bulkBatches(CreditLinesProjection.NAME) - bulkBefore;
        assertThat(stretches).isGreaterThanOrEqualTo(events / 97);
        // one stretch a turn, each turn beginning with the live generation's catch-up (20 a turn before the cap)
        assertThat(runner.completedTurns(CreditLinesProjection.NAME) - turnsBefore).isGreaterThanOrEqualTo(stretches);
        // the ordinary way would leave the same rows: a stretch that fell back to it hides a bug of the bulk path
        assertThat(runner.bulkFallbacks(CreditLinesProjection.NAME) - fallbacksBefore).isZero();
        assertThat(count("SELECT count(*) FROM credit_line_view")).isEqualTo(16); // the old generation is gone
    }

    /** The live generation's rows as JSON, without the key and the generation number, in line order. */
    private List<String> rows() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = jdbc.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT (to_jsonb(v) - 'id' - 'generation')::text FROM credit_line_view v
                WHERE generation = (SELECT live_generation FROM projections WHERE name = 'credit-lines')
                ORDER BY credit_line_id""")) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }

    /** Each line's segment in the live generation. */
    private Map<String, String> segments() throws SQLException {
        Map<String, String> segments = new TreeMap<>();
        try (Connection c = jdbc.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT credit_line_id, segment FROM credit_line_view
                WHERE generation = (SELECT live_generation FROM projections WHERE name = 'credit-lines')""")) {
            while (rs.next()) {
                segments.put(rs.getString(1), rs.getString(2));
            }
        }
        return segments;
    }

    private int liveGeneration() throws SQLException {
        return (int) count("SELECT live_generation FROM projections WHERE name = 'credit-lines'");
    }

    private long count(String sql) throws SQLException {
        try (Connection c = jdbc.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
