package com.uplift.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.uplift.testing.OwnDatabase;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The event store's parameterised reads stay on their indexes in the plan PostgreSQL makes without the parameters'
 * values. The reactive client prepares every statement once per connection, and after five executions the server may
 * keep a generic plan for the life of the connection; a generic plan that reads the whole log is how the projection
 * lag count came to cost 89% of the database's time (docs/benchmarks.md, "Generic plans (issue 12)").
 * <p>
 * Each case prepares the statement text exactly as {@link EventStore} holds it, forces the generic plan on a
 * connection of its own and counts the buffers the execution touched, on a log of 6,000 events whose table is far
 * larger than any bound asserted: a plan that scans the table fails. On a database of its own: it plants events no
 * honest writer appends, and its statistics must be its own.
 */
@QuarkusTest
@Tag("integration")
@TestProfile(GenericPlansTest.OwnStore.class)
class GenericPlansTest {

    public static class OwnStore extends OwnDatabase {
    }

    /** More than any of the reads below needs (a few index pages and heap pages), far less than the table. */
    private static final long FEW_BUFFERS = 40;
    private static final int STREAMS = 1_000;
    private static final String PREFIX = "plan-test-";
    /** Streams whose events were recorded a minute apart from 2020-01-01 on, for the reads of a period. */
    private static final String DATED = "dated-test-";
    private static final int DATED_STREAMS = 2_000;
    private static final int DATED_EVENTS = 20_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    AgroalDataSource jdbc;

    /**
     * 1,000 streams of six events each, in ten transactions: an opening that names a borrower (the type and field the
     * V8 index is made for) and five payments, each with a note so that the table spans hundreds of pages. Streams
     * outside "credit-line-" so that no projection reads them.
     */
    @BeforeEach
    void plantALog() throws SQLException {
        try (Connection c = jdbc.getConnection(); Statement s = c.createStatement()) {
            try (ResultSet planted = s.executeQuery("SELECT count(*) FROM events WHERE starts_with(stream_id, '" + PREFIX + "')")) {
                planted.next();
                if (planted.getLong(1) > 0) {
                    allVisible(s);
                    return;
                }
            }
            for (int batch = 0; batch < 10; batch++) {
                s.execute("""
                        INSERT INTO events (stream_id, stream_version, event_id, event_type, schema_version, payload, metadata,
                                            recorded_at, previous_hash, hash)
                        SELECT '%1$s' || n, v, gen_random_uuid(), CASE WHEN v = 1 THEN 'CreditLineOpened' ELSE 'Paid' END, 1,
                               jsonb_build_object('borrowerId', 'B-' || n, 'amount', '10.00', 'note', repeat('n', 400)),
                               '{"actor": "test"}', now(), repeat('0', 64), repeat('0', 64)
                        FROM generate_series(%2$d, %3$d) AS n, generate_series(1, 6) AS v
                        ORDER BY n, v""".formatted(PREFIX, batch * STREAMS / 10, (batch + 1) * STREAMS / 10 - 1));
            }
            plantADatedLog(s);
            s.execute("ANALYZE events");
            allVisible(s);
        }
    }

    /**
     * 20,000 events of 2,000 streams recorded a minute apart in the order they are stored (as the store records them:
     * at append time), in ten transactions: the table's pages follow the record time, which a BRIN index summarises.
     */
    private static void plantADatedLog(Statement s) throws SQLException {
        for (int batch = 0; batch < 10; batch++) {
            s.execute("""
                    INSERT INTO events (stream_id, stream_version, event_id, event_type, schema_version, payload, metadata,
                                        recorded_at, previous_hash, hash)
                    SELECT '%1$s' || (k %% %2$d), k / %2$d + 1, gen_random_uuid(), 'Paid', 1,
                           jsonb_build_object('amount', '10.00', 'note', repeat('n', 400)), '{"actor": "test"}',
                           timestamptz '2020-01-01 00:00:00+00' + k * interval '1 minute', repeat('0', 64), repeat('0', 64)
                    FROM generate_series(%3$d, %4$d) AS k
                    ORDER BY k""".formatted(DATED, DATED_STREAMS, batch * DATED_EVENTS / 10, (batch + 1) * DATED_EVENTS / 10 - 1));
        }
    }

    /**
     * Vacuums until every page of the log is marked all-visible, the map an index-only scan needs to skip the heap. A
     * vacuum that runs while the service's own background work holds an older snapshot leaves the newest pages unmarked,
     * and the page of stream ids then visits the heap behind its index entries: a race of the test, not of the plan.
     */
    private static void allVisible(Statement s) throws SQLException {
        for (int attempt = 0; attempt < 50; attempt++) {
            s.execute("VACUUM events");
            try (ResultSet pages = s.executeQuery("SELECT relallvisible >= relpages FROM pg_class WHERE oid = 'events'::regclass")) {
                pages.next();
                if (pages.getBoolean(1)) {
                    return;
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Test
    void theLogIsLargeEnoughForAFullReadToFailTheBound() throws SQLException {
        assertThat(tablePages()).isGreaterThan(10 * FEW_BUFFERS);
    }

    /** The controls: the bound fails the statements as they were (the lookup and the export read the log). */
    @Test
    void thePlansAsTheyWereFailTheBound() throws SQLException {
        String lookupAsItWas = """
                SELECT DISTINCT stream_id FROM events
                WHERE event_type = $2 AND payload ->> $3 = $4 AND starts_with(stream_id, $1)
                ORDER BY stream_id""";
        assertThat(genericPlanBuffers(lookupAsItWas, "'" + PREFIX + "', 'CreditLineOpened', 'borrowerId', 'B-17'"))
                .isGreaterThanOrEqualTo(tablePages());
        String pageAsItWas = """
                SELECT DISTINCT stream_id FROM events
                WHERE stream_id > $1 AND starts_with(stream_id, $2)
                  AND ($3::timestamptz IS NULL OR recorded_at >= $3) AND ($4::timestamptz IS NULL OR recorded_at < $4)
                ORDER BY stream_id LIMIT $5""";
        assertThat(genericPlanBuffers(pageAsItWas, "'" + PREFIX + "5', '" + PREFIX + "', NULL, NULL, 200"))
                .isGreaterThan(FEW_BUFFERS);
        String rangeAsItWas = """
                SELECT * FROM events
                WHERE (transaction_id, global_position) > ($1::text::xid8, $2)
                  AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
                  AND ($3::timestamptz IS NULL OR recorded_at >= $3) AND ($4::timestamptz IS NULL OR recorded_at < $4)
                  AND ($5::text[] IS NULL OR stream_id = ANY($5))
                ORDER BY events.transaction_id, events.global_position
                LIMIT $6""";
        assertThat(genericPlanBuffers(rangeAsItWas, "'0', 0, NULL, NULL, ARRAY['" + PREFIX + "17', '" + PREFIX + "400'], 500"))
                .isGreaterThan(tablePages() / 2);
    }

    /** An export of some lines reads their events through the stream index; of every line, its page in log order. */
    @Test
    void anExportReadsItsLinesNotTheLog() throws SQLException {
        assertThat(genericPlanBuffers(EventStore.readRangeOfStreams(null, null),
                "'0', 0, ARRAY['" + PREFIX + "17', '" + PREFIX + "400'], 500")).isLessThan(FEW_BUFFERS);
        assertThat(genericPlanBuffers(EventStore.readRangeOfStreams(PERIOD_FROM, null),
                "'0', 0, ARRAY['" + DATED + "17', '" + DATED + "400'], 500")).isLessThan(FEW_BUFFERS);
        assertThat(buffers(EventStore.readRange(nearTheHeadCheckpoint(), null, null, 500), null)).isLessThan(FEW_BUFFERS);
    }

    /** 1,000 minutes in the middle of the dated log: 1,000 of its 20,000 events, 1,000 of its streams. */
    private static final java.time.Instant PERIOD_FROM = java.time.Instant.parse("2020-01-07T22:40:00Z");
    private static final java.time.Instant PERIOD_TO = PERIOD_FROM.plusSeconds(1_000 * 60);

    /**
     * The reads of a period (the timeline's and re-verification's lines, the export's events) go through the BRIN
     * index on the record time (V19) and read the page ranges of the period, not the log: the lines' page under a plan
     * made without the parameters' values too, because the period is written into the text; the export's page, sent
     * unprepared, as planned for its values. The control: the statements as they were, with the period bound as
     * parameters, read at least half of the log.
     */
    @Test
    void aPeriodIsReadThroughTheRecordTimeIndex() throws SQLException {
        long table = tablePages();
        String lines = EventStore.streamIdsRecordedIn(PERIOD_FROM, PERIOD_TO);
        String export = EventStore.readRange(Checkpoint.START, PERIOD_FROM, PERIOD_TO, 1000);

        assertThat(genericPlan(lines, "'', '" + DATED + "', 500")).contains("events_recorded_at");
        assertThat(explained(export, null)).contains("events_recorded_at");
        long linesBuffers = genericPlanBuffers(lines, "'', '" + DATED + "', 500");
        long exportBuffers = buffers(export, null);
        System.out.printf("a period: its lines' page %d buffers, its export's page %d, of a table of %d pages%n",
                linesBuffers, exportBuffers, table);
        assertThat(linesBuffers).isLessThan(table / 4);
        assertThat(exportBuffers).isLessThan(table / 4);
        assertThat(rows(lines, "'', '" + DATED + "', 5000")).isEqualTo(1_000);
        assertThat(rowsOf(EventStore.readRange(Checkpoint.START, PERIOD_FROM, PERIOD_TO, 5000))).isEqualTo(1_000);

        String linesAsTheyWere = """
                SELECT DISTINCT stream_id FROM events
                WHERE stream_id > $1 AND starts_with(stream_id, $2)
                  AND ($3::timestamptz IS NULL OR recorded_at >= $3) AND ($4::timestamptz IS NULL OR recorded_at < $4)
                ORDER BY stream_id LIMIT $5""";
        String exportAsItWas = """
                SELECT * FROM events
                WHERE (transaction_id, global_position) > ($1::text::xid8, $2)
                  AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
                  AND ($3::timestamptz IS NULL OR recorded_at >= $3) AND ($4::timestamptz IS NULL OR recorded_at < $4)
                ORDER BY events.transaction_id, events.global_position
                LIMIT $5""";
        String period = "'" + PERIOD_FROM + "', '" + PERIOD_TO + "'";
        assertThat(genericPlanBuffers(linesAsTheyWere, "'', '" + DATED + "', " + period + ", 500")).isGreaterThan(table / 2);
        assertThat(genericPlanBuffers(exportAsItWas, "'0', 0, " + period + ", 1000")).isGreaterThan(table / 2);
    }

    /**
     * A borrower's lines and lines by id are read through the V19 indexes of {@code credit_line_view}, in the shape of
     * {@code ReadModelQueries}' queries (the live generation in the same statement); the control drops the index in
     * a transaction that is rolled back, and the same statement then reads every row of the generation.
     */
    @Test
    void aBorrowersLinesAndLinesByIdAreReadThroughTheirIndexes() throws SQLException {
        try (Connection c = jdbc.getConnection(); Statement s = c.createStatement()) {
            s.execute("""
                    INSERT INTO credit_line_view (id, generation, credit_line_id, borrower_id, product_code, segment, currency,
                                                  credit_limit, drawn, available, utilization, days_past_due, status,
                                                  active_warnings, severe_warnings, stream_version, events_applied,
                                                  last_position, opened_at, updated_at)
                    SELECT p.live_generation || ':plan-line-' || n, p.live_generation, 'plan-line-' || n, 'B-plan-' || (n / 2),
                           'XM-CASH', 'STANDARD', 'CNY', 50000, 1000, 49000, 0.02, 0, 'OPEN', 0, 0, 3, 3, '1-1', now(), now()
                    FROM projections p, generate_series(1, 20000) AS n
                    WHERE p.name = 'credit-lines'
                    ON CONFLICT (id) DO NOTHING""");
            s.execute("ANALYZE credit_line_view");
        }
        String live = "(SELECT live_generation FROM projections WHERE name = 'credit-lines')";
        String borrowersLines = "SELECT * FROM credit_line_view WHERE generation = " + live
                + " AND borrower_id = 'B-plan-17' ORDER BY opened_at, credit_line_id LIMIT 20";
        String linesById = "SELECT * FROM credit_line_view WHERE generation = " + live
                + " AND credit_line_id = ANY(ARRAY['plan-line-17', 'plan-line-4000', 'plan-line-19999'])";
        long rowsPages;
        try (Connection c = jdbc.getConnection(); Statement s = c.createStatement();
             ResultSet row = s.executeQuery("SELECT pg_relation_size('credit_line_view') / current_setting('block_size')::bigint")) {
            row.next();
            rowsPages = row.getLong(1);
        }
        assertThat(rowsPages).isGreaterThan(10 * FEW_BUFFERS);

        assertThat(explained(borrowersLines, null)).contains("credit_line_view_borrower");
        assertThat(explained(linesById, null)).contains("credit_line_view_line");
        assertThat(buffers(borrowersLines, null)).isLessThan(FEW_BUFFERS);
        assertThat(buffers(linesById, null)).isLessThan(FEW_BUFFERS);

        assertThat(buffers(borrowersLines, "credit_line_view_borrower")).isGreaterThanOrEqualTo(rowsPages);
        assertThat(buffers(linesById, "credit_line_view_line")).isGreaterThanOrEqualTo(rowsPages);
    }

    /** EXPLAIN (ANALYZE) of a statement, with an index dropped for its length (rolled back) when one is named. */
    private String explained(String statement, String withoutIndex) throws SQLException {
        try (Connection c = jdbc.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            try {
                if (withoutIndex != null) {
                    s.execute("DROP INDEX " + withoutIndex);
                }
                try (ResultSet explained = s.executeQuery("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + statement)) {
                    explained.next();
                    return explained.getString(1);
                }
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
    }

    private long buffers(String statement, String withoutIndex) throws SQLException {
        try {
            JsonNode plan = JSON.readTree(explained(statement, withoutIndex)).get(0).get("Plan");
            return plan.get("Shared Hit Blocks").asLong() + plan.get("Shared Read Blocks").asLong();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The record-time index leaves summarising new page ranges to VACUUM (V20): with autosummarize on (as V19 built it),
     * bulk appends filled the server log with "request for BRIN range summarization ... was not recorded" whenever
     * autovacuum's work-item queue was full. Its options as stored in the catalog, the only place they are kept.
     */
    @Test
    void theRecordTimeIndexLeavesSummarisingToVacuum() throws SQLException {
        try (Connection c = jdbc.getConnection(); Statement s = c.createStatement();
             ResultSet options = s.executeQuery("SELECT reloptions FROM pg_class WHERE oid = 'events_recorded_at'::regclass")) {
            assertThat(options.next()).isTrue();
            assertThat((String[]) options.getArray(1).getArray()).containsExactly("autosummarize=off");
        }
    }

    /** A bound beyond what timestamptz holds is written as infinity, never as a literal PostgreSQL would refuse. */
    @Test
    void aBoundBeyondTimestamptzIsInfinity() throws SQLException {
        String text = EventStore.streamIdsRecordedIn(java.time.Instant.parse("-5000-01-01T00:00:00Z"),
                java.time.Instant.parse("+100000-01-01T00:00:00Z"));
        assertThat(text).contains("'-infinity'::timestamptz").contains("'infinity'::timestamptz");
        assertThat(rows(text, "'', '" + DATED + "', 5000")).isEqualTo(DATED_STREAMS);
    }

    /** A page of stream ids (the offer scan's, re-assessment's) is read from the index alone. */
    @Test
    void aPageOfStreamIdsReadsOnlyTheIndex() throws SQLException {
        assertThat(genericPlanBuffers(EventStore.STREAM_IDS, "'" + PREFIX + "5', '" + PREFIX + "', 200"))
                .isLessThan(FEW_BUFFERS);
    }

    @Test
    void streamsWithAnEventFindTheirBorrowerThroughTheIndex() throws SQLException {
        String text = EventStore.withTypeAndField(EventStore.STREAM_IDS_WITH_EVENT, "CreditLineOpened", "borrowerId");
        assertThat(genericPlanBuffers(text, "'" + PREFIX + "', 'B-17'")).isLessThan(FEW_BUFFERS);
    }

    @Test
    void streamsWithEventsFindTheirBorrowersThroughTheIndex() throws SQLException {
        String text = EventStore.withTypeAndField(EventStore.STREAM_IDS_WITH_EVENTS, "CreditLineOpened", "borrowerId");
        assertThat(genericPlanBuffers(text, "'" + PREFIX + "', ARRAY['B-17', 'B-400', 'B-999']")).isLessThan(FEW_BUFFERS);
    }

    @Test
    void onlyPlainNamesAreWrittenIntoTheText() {
        assertThatThrownBy(() -> EventStore.withTypeAndField(EventStore.STREAM_IDS_WITH_EVENT, "CreditLineOpened",
                "borrowerId' OR 'a' = 'a")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventStore.withTypeAndField(EventStore.STREAM_IDS_WITH_EVENT, "", "borrowerId"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** A live subscriber a few events behind the head reads those events, not the table. */
    @Test
    void aLiveReaderNearTheHeadReadsItsFewEvents() throws SQLException {
        String checkpoint = nearTheHead();
        assertThat(genericPlanBuffers(EventStore.READ_ALL, checkpoint + ", 500")).isLessThan(FEW_BUFFERS);
        assertThat(genericPlanBuffers(EventStore.STRETCHES, checkpoint + ", 50000, 10000")).isLessThan(FEW_BUFFERS);
    }

    @Test
    void aStreamIsReadThroughItsOwnIndexEntries() throws SQLException {
        String stream = "'" + PREFIX + "17'";
        assertThat(genericPlanBuffers(EventStore.READ_STREAM, stream + ", 1, 9223372036854775807")).isLessThan(FEW_BUFFERS);
        assertThat(genericPlanBuffers(EventStore.READ_STREAM_AFTER, stream + ", 3, 500")).isLessThan(FEW_BUFFERS);
        assertThat(genericPlanBuffers(EventStore.STREAM_HEAD, stream)).isLessThan(FEW_BUFFERS);
        assertThat(genericPlanBuffers(EventStore.READ_STREAMS_AFTER,
                "ARRAY['" + PREFIX + "17', '" + PREFIX + "400'], ARRAY[3, 5]::bigint[], 20000")).isLessThan(FEW_BUFFERS);
        assertThat(genericPlanBuffers(EventStore.HASHES_AT,
                "ARRAY['" + PREFIX + "17', '" + PREFIX + "400'], ARRAY[6, 2]::bigint[]")).isLessThan(FEW_BUFFERS);
        assertThat(genericPlanBuffers(EventStore.READ_PREFIXED_STREAMS_AFTER, "'" + PREFIX + "', '" + PREFIX + "998', 0, 500"))
                .isLessThan(FEW_BUFFERS);
    }

    /** The (transaction id, position) of the tenth event before the head, as the statements' first two arguments. */
    private String nearTheHead() throws SQLException {
        Checkpoint near = nearTheHeadCheckpoint();
        return "'" + near.transactionId() + "', " + near.position();
    }

    private long rowsOf(String statement) throws SQLException {
        try (Connection c = jdbc.getConnection(); Statement s = c.createStatement(); ResultSet rows = s.executeQuery(statement)) {
            long n = 0;
            while (rows.next()) {
                n++;
            }
            return n;
        }
    }

    /** The (transaction id, position) of the tenth event before the head. */
    private Checkpoint nearTheHeadCheckpoint() throws SQLException {
        try (Connection c = jdbc.getConnection(); Statement s = c.createStatement();
             ResultSet row = s.executeQuery("""
                     SELECT transaction_id::text, global_position FROM events
                     ORDER BY events.transaction_id DESC, events.global_position DESC OFFSET 10 LIMIT 1""")) {
            row.next();
            return new Checkpoint(Long.parseLong(row.getString(1)), row.getLong(2));
        }
    }

    /** The rows the statement answers with the given arguments. */
    private long rows(String statement, String arguments) throws SQLException {
        try (Connection c = jdbc.getConnection(); Statement s = c.createStatement()) {
            s.execute("PREPARE counted AS " + statement);
            try (ResultSet rows = s.executeQuery("EXECUTE counted(" + arguments + ")")) {
                long n = 0;
                while (rows.next()) {
                    n++;
                }
                return n;
            } finally {
                s.execute("DEALLOCATE counted");
            }
        }
    }

    /** The text of the plan PostgreSQL makes without the parameters' values. */
    private String genericPlan(String statement, String arguments) throws SQLException {
        try (Connection c = jdbc.getConnection(); Statement s = c.createStatement()) {
            s.execute("SET plan_cache_mode = force_generic_plan");
            s.execute("PREPARE planned AS " + statement);
            try (ResultSet explained = s.executeQuery("EXPLAIN EXECUTE planned(" + arguments + ")")) {
                StringBuilder plan = new StringBuilder();
                while (explained.next()) {
                    plan.append(explained.getString(1)).append('\n');
                }
                return plan.toString();
            } finally {
                s.execute("DEALLOCATE planned");
                s.execute("RESET plan_cache_mode");
            }
        }
    }

    private long tablePages() throws SQLException {
        try (Connection c = jdbc.getConnection(); Statement s = c.createStatement();
             ResultSet row = s.executeQuery("SELECT pg_relation_size('events') / current_setting('block_size')::bigint")) {
            row.next();
            return row.getLong(1);
        }
    }

    /**
     * Buffers touched by one execution of the statement under the plan made without its parameters' values: PREPAREd
     * from the text as the store holds it (the server infers the parameter types, as for the reactive client's
     * statements), executed once with the given arguments under {@code force_generic_plan}.
     */
    private long genericPlanBuffers(String statement, String arguments) throws SQLException {
        try (Connection c = jdbc.getConnection(); Statement s = c.createStatement()) {
            s.execute("SET plan_cache_mode = force_generic_plan");
            s.execute("PREPARE audited AS " + statement);
            try (ResultSet explained = s.executeQuery(
                    "EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) EXECUTE audited(" + arguments + ")")) {
                explained.next();
                JsonNode plan = JSON.readTree(explained.getString(1)).get(0).get("Plan");
                return plan.get("Shared Hit Blocks").asLong() + plan.get("Shared Read Blocks").asLong();
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            } finally {
                s.execute("DEALLOCATE audited");
                s.execute("RESET plan_cache_mode");
            }
        }
    }
}
