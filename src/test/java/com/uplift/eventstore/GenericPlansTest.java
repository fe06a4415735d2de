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
            s.execute("ANALYZE events");
            allVisible(s);
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
        assertThat(genericPlanBuffers(EventStore.READ_RANGE_OF_STREAMS,
                "'0', 0, NULL, NULL, ARRAY['" + PREFIX + "17', '" + PREFIX + "400'], 500")).isLessThan(FEW_BUFFERS);
        assertThat(genericPlanBuffers(EventStore.READ_RANGE, nearTheHead() + ", NULL, NULL, 500")).isLessThan(FEW_BUFFERS);
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
        try (Connection c = jdbc.getConnection(); Statement s = c.createStatement();
             ResultSet row = s.executeQuery("""
                     SELECT transaction_id::text, global_position FROM events
                     ORDER BY events.transaction_id DESC, events.global_position DESC OFFSET 10 LIMIT 1""")) {
            row.next();
            return "'" + row.getString(1) + "', " + row.getLong(2);
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
