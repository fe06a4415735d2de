package com.uplift.eventstore;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The PostgreSQL event store. It knows streams, versions, positions and hashes; it knows nothing of credit lines.
 * <p>
 * All of its SQL is in this class. Each consistency rule is enforced by the database, not by a read-then-write in
 * Java: the unique (stream_id, stream_version) constraint decides which of two concurrent writers wins, the unique
 * event_id constraint makes a repeated append harmless, and triggers keep history append-only.
 * <p>
 * The parameterised reads are package-visible so that {@code GenericPlansTest} can plan them exactly as they are here.
 */
@ApplicationScoped
public class EventStore {

    private static final String COLUMNS = """
            global_position, transaction_id::text AS transaction_id, stream_id, stream_version, event_id, event_type,
            schema_version, payload::text AS payload, metadata::text AS metadata, recorded_at, previous_hash, hash""";

    private static final String FIND_BY_EVENT_IDS = """
            SELECT %s FROM events WHERE event_id = ANY($1) ORDER BY stream_version""".formatted(COLUMNS);

    static final String STREAM_HEAD = """
            SELECT stream_version, hash FROM events WHERE stream_id = $1 ORDER BY stream_version DESC LIMIT 1""";

    /**
     * One statement appends the whole batch: all of it lands, or none. It lands only on the head it was chained to
     * (the stored hash at version $11 is $12; nothing to check on a new stream) and only while every stream the
     * decision read ($13, $14) is still at the version read; otherwise it inserts nothing. The unique version refuses it
     * when another writer took the next version first.
     */
    private static final String INSERT_BATCH = """
            INSERT INTO events (stream_id, stream_version, event_id, event_type, schema_version, payload, metadata,
                                recorded_at, previous_hash, hash)
            SELECT $1, v, id, t, s, p::jsonb, m::jsonb, $2, ph, h
            FROM unnest($3::bigint[], $4::uuid[], $5::text[], $6::int[], $7::text[], $8::text[], $9::text[], $10::text[])
                 AS batch(v, id, t, s, p, m, ph, h)
            WHERE ($11::bigint = 0 OR EXISTS (SELECT 1 FROM events e WHERE e.stream_id = $1 AND e.stream_version = $11
                                                                          AND e.hash = $12::text))
              AND NOT EXISTS (SELECT 1 FROM unnest($13::text[], $14::bigint[]) AS r(stream_id, version)
                              WHERE (SELECT coalesce(max(e.stream_version), 0) FROM events e
                                     WHERE e.stream_id = r.stream_id) <> r.version)
            ORDER BY v
            RETURNING global_position, transaction_id::text AS transaction_id, stream_version""";

    /**
     * {@link #INSERT_BATCH} for several streams at once, each chained onto its own head ($11, $12 per row) and written
     * only if that head holds; the streams read ($13, $14) are the same for all of them. Rows of a stream whose head
     * moved are left out, the others land, all in one statement and one commit ({@link GroupedSends}).
     */
    private static final String INSERT_GROUP = """
            INSERT INTO events (stream_id, stream_version, event_id, event_type, schema_version, payload, metadata,
                                recorded_at, previous_hash, hash)
            SELECT sid, v, id, t, s, p::jsonb, m::jsonb, at, ph, h
            FROM unnest($1::text[], $2::bigint[], $3::uuid[], $4::text[], $5::int[], $6::text[], $7::text[],
                        $8::timestamptz[], $9::text[], $10::text[], $11::bigint[], $12::text[]) WITH ORDINALITY
                 AS batch(sid, v, id, t, s, p, m, at, ph, h, hv, hh, n)
            WHERE (hv = 0 OR EXISTS (SELECT 1 FROM events e WHERE e.stream_id = sid AND e.stream_version = hv
                                                            AND e.hash = hh))
              AND NOT EXISTS (SELECT 1 FROM unnest($13::text[], $14::bigint[]) AS r(stream_id, version)
                              WHERE (SELECT coalesce(max(e.stream_version), 0) FROM events e
                                     WHERE e.stream_id = r.stream_id) <> r.version)
            ORDER BY n
            RETURNING stream_id, global_position, transaction_id::text AS transaction_id, stream_version""";

    static final String READ_STREAM = """
            SELECT %s FROM events WHERE stream_id = $1 AND stream_version >= $2 AND stream_version <= $3
            ORDER BY stream_version""".formatted(COLUMNS);

    /**
     * Gap-safe reading of the global log. A transaction that inserted an event but has not committed is invisible;
     * had we delivered later, already committed events past it, a subscriber would advance beyond it and never see it.
     * So we deliver only events of transactions older than the oldest one still running
     * ({@code pg_snapshot_xmin}), in (transaction id, position) order: every transaction below that horizon has
     * ended, and every future one gets a higher id, so nothing can appear behind the returned checkpoint.
     * The ORDER BY names {@code events.transaction_id}: unqualified, it would bind to the text alias in the select list
     * and sort "1000" before "999", and the keyset cursor would then skip every event of the lower ids.
     */
    static final String READ_ALL = """
            SELECT %s FROM events
            WHERE (transaction_id, global_position) > ($1::text::xid8, $2)
              AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
            ORDER BY events.transaction_id, events.global_position
            LIMIT $3""".formatted(COLUMNS);

    static final String READ_STREAM_AFTER = """
            SELECT %s FROM events WHERE stream_id = $1 AND stream_version > $2
            ORDER BY stream_version LIMIT $3""".formatted(COLUMNS);

    /**
     * Events of every stream with a prefix, stream by stream in version order, after a keyset cursor: many short
     * streams in one statement, along the unique (stream_id, stream_version) index.
     */
    static final String READ_PREFIXED_STREAMS_AFTER = """
            SELECT %s FROM events
            WHERE (stream_id, stream_version) > ($2, $3) AND starts_with(stream_id, $1)
            ORDER BY stream_id, stream_version LIMIT $4""".formatted(COLUMNS);

    /**
     * The events after a version of each of several streams, in (stream, version) order, at most $3 rows: one read for
     * a batch of streams, where each would otherwise be a round trip of its own.
     */
    static final String READ_STREAMS_AFTER = """
            SELECT %s FROM events JOIN unnest($1::text[], $2::bigint[]) AS wanted(wanted_stream, after_version)
                ON stream_id = wanted_stream AND stream_version > after_version
            ORDER BY stream_id, stream_version LIMIT $3""".formatted(COLUMNS);

    /**
     * Stream ids with a prefix, in id order after a keyset cursor: the (stream_id, stream_version) index alone, in its
     * order, whatever the values. The offer scan and re-assessment page through every line with it. It is a statement
     * apart from {@link #STREAM_IDS_RECORDED_IN}: with the time range's {@code $3 IS NULL OR ...} in it, a plan made
     * without the values must fetch every row behind the index entries to test {@code recorded_at}, and the generic
     * plan read 1,306 buffers for a page of 200 lines where this one reads 149 (12,240 against 1,210 from the first
     * line; docs/benchmarks.md, "Generic plans").
     */
    static final String STREAM_IDS = """
            SELECT DISTINCT stream_id FROM events
            WHERE stream_id > $1 AND starts_with(stream_id, $2)
            ORDER BY stream_id LIMIT $3""";

    /**
     * {@link #STREAM_IDS}, only those with an event recorded in a time range (either end may be open): the audit's
     * timeline and re-verification of a period. The range is written into the text ({@link #recordedIn}), so that
     * every plan of it, the generic one too, knows how much of the log it covers: a short period is read through the
     * BRIN index on {@code recorded_at} (V19), a long one along the stream index in id order as {@link #STREAM_IDS}
     * is. Bound as parameters, a plan made without their values could use neither the index nor the estimate.
     */
    private static final String STREAM_IDS_RECORDED_IN = """
            SELECT DISTINCT stream_id FROM events
            WHERE stream_id > $1 AND starts_with(stream_id, $2) AND %s
            ORDER BY stream_id LIMIT $3""";

    /**
     * Streams with a prefix holding an event of a type whose payload field has a value, in id order. The type and field
     * come from the caller so the store stays ignorant of payloads; an expression index per (type, field) that is asked
     * for keeps it from scanning the log (V8 adds the one the service asks).
     * <p>
     * The type and field are written into the text ({@link #withTypeAndField}), not bound: the index is on
     * {@code payload ->> 'borrowerId'} for {@code event_type = 'CreditLineOpened'}, and a plan made without the
     * parameters' values (the generic plan a connection's prepared statement may go over to) cannot match
     * {@code payload ->> $3} to that expression nor {@code event_type = $2} to its predicate: it read the whole log,
     * 54,211 buffers for one borrower on 206k events, where the index reads 6 (docs/benchmarks.md, "Generic plans").
     * The value stays a parameter: one statement per (type, field), each planned on the index whatever the value.
     */
    static final String STREAM_IDS_WITH_EVENT = """
            SELECT DISTINCT stream_id FROM events
            WHERE event_type = %1$s AND payload ->> %2$s = $2 AND starts_with(stream_id, $1)
            ORDER BY stream_id""";
    static final String STREAM_IDS_WITH_EVENTS = """
            SELECT DISTINCT payload ->> %2$s AS value, stream_id FROM events
            WHERE event_type = %1$s AND payload ->> %2$s = ANY($2) AND starts_with(stream_id, $1)
            ORDER BY stream_id""";

    /**
     * Names in a statement's text may only be plain identifiers, which need no escaping; they come from the service's
     * code (an event type's record name, a payload field), never from a request. Anything else is refused, not quoted.
     */
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

    /** The stored hash at each (stream, version); a null hash where that version does not exist (any more). */
    static final String HASHES_AT = """
            SELECT h.stream_id, h.v AS stream_version, e.hash
            FROM unnest($1::text[], $2::bigint[]) AS h(stream_id, v)
            LEFT JOIN events e ON e.stream_id = h.stream_id AND e.stream_version = h.v""";

    /**
     * {@link #READ_ALL}'s gap-safe order and horizon, restricted to a time range (either end may be open). Sent
     * unprepared, everything written into the text from numbers and instants (the cursor, the range, the limit;
     * {@link #readRange(Checkpoint, Instant, Instant, int)}), so that each page is planned for where it starts: from
     * the log's start, a short period is found through the BRIN index on {@code recorded_at} (a plan made without the
     * values walked the whole log in order up to the period, since it could not know that the period lies far ahead);
     * from inside the period, the subscription index is walked on from the cursor.
     */
    private static final String READ_RANGE = """
            SELECT %s FROM events
            WHERE (transaction_id, global_position) > ('%%s'::xid8, %%s)
              AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
              AND %%s
            ORDER BY events.transaction_id, events.global_position
            LIMIT %%s""".formatted(COLUMNS);

    /**
     * {@link #READ_RANGE} of some streams only (an export of some lines). A statement apart: when one statement served
     * both, with {@code ($5 IS NULL OR stream_id = ANY($5))}, the plan made without the values could not count on the
     * list and walked the whole log in subscription order testing each row: 57,786 buffers for two lines' 36 events,
     * where the plan for the values reads them through the stream index (20). Here every plan starts from the listed
     * streams' entries (docs/benchmarks.md, "Generic plans").
     */
    private static final String READ_RANGE_OF_STREAMS = """
            SELECT %s FROM events
            WHERE (transaction_id, global_position) > ($1::text::xid8, $2)
              AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
              AND %%s
              AND stream_id = ANY($3)
            ORDER BY events.transaction_id, events.global_position
            LIMIT $4""".formatted(COLUMNS);

    /** The earliest and latest instants PostgreSQL's timestamptz can hold whole, as the range's literals allow. */
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    /**
     * The next stretches of {@link #READ_ALL}'s order, cut every {@code $4} events: for each cut, the last event's
     * place and record time, and how many events lie before it ({@code n}). Below the horizon every transaction has
     * ended, so a stretch between two cuts holds the same events whenever it is read. The keys ahead are read from the
     * subscription index alone (an index-only scan where the table is vacuumed): a rebuild cuts every event of the log
     * once, and a visit to each key's row to read its record time brought every heap page into shared buffers once
     * for the cut and again for the stretch read: at ~300,000 events the cuts touched 93,617 pages against the
     * stretch reads' 93,706, and took a quarter of the database's statement time (docs/benchmarks.md).
     * Only the cut rows' record times are looked up, by primary key; the last key is found by {@code lead}, which
     * looks one row ahead, where {@code count(*) OVER ()} held every key ahead to count them.
     */
    static final String STRETCHES = """
            SELECT transaction_id::text AS transaction_id, global_position,
                   (SELECT recorded_at FROM events e WHERE e.global_position = cut.global_position) AS recorded_at, n
            FROM (SELECT transaction_id, global_position, row_number() OVER ahead_order AS n,
                         lead(global_position) OVER ahead_order IS NULL AS last
                  FROM (SELECT transaction_id, global_position FROM events
                        WHERE (transaction_id, global_position) > ($1::text::xid8, $2)
                          AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
                        ORDER BY events.transaction_id, events.global_position
                        LIMIT $3) ahead
                  WINDOW ahead_order AS (ORDER BY transaction_id, global_position)) cut
            WHERE n % $4 = 0 OR last
            ORDER BY n""";

    /**
     * One stretch of the log for a fold: only the columns a projection reads (no event id, metadata or hashes, which
     * are most of a row beside a small payload), only the streams and types it reads, filtered by the server, and of
     * each payload only what the fold asked for its type ({@link FoldRead}: $6-$11 hold one entry per type, joined to
     * the rows by type). Fields are extracted by PostgreSQL with {@code #>>} (a string's value, any other value's JSON
     * text), so the client never receives, let alone parses, the rest of the payload; that work also runs in the
     * database's own process, beside the service. A field is only extracted from the schema version it was named for:
     * an event stored at another version comes whole, for its upcasters. The types' reads are a relation of their
     * own, joined by hash: taking each row's entry out of the parameter arrays ({@code ($9::text[])[k]}, an
     * {@code array_position} and an {@code = ANY} over every type per row) cost the database a third more CPU than
     * the join (docs/benchmarks.md). The ORDER BY names the table's xid8 column, not the text alias of the select list
     * (see {@link #READ_ALL}).
     */
    private static final String READ_STRETCH_FOR_FOLD = """
            SELECT global_position, transaction_id::text AS transaction_id, stream_id, stream_version, event_type,
                   schema_version, recorded_at,
                   CASE WHEN reads.whole OR (reads.path1 IS NOT NULL AND schema_version <> reads.version)
                        THEN payload::text END AS payload,
                   CASE WHEN schema_version = reads.version THEN payload #>> reads.path1 END AS field1,
                   CASE WHEN schema_version = reads.version THEN payload #>> reads.path2 END AS field2,
                   CASE WHEN schema_version = reads.version THEN payload #>> reads.path3 END AS field3
            FROM events
            JOIN (SELECT event_type, version, whole, string_to_array(field1, '.') AS path1,
                         string_to_array(field2, '.') AS path2, string_to_array(field3, '.') AS path3
                  FROM unnest($6::text[], $7::int[], $8::bool[], $9::text[], $10::text[], $11::text[])
                       AS fold_read(event_type, version, whole, field1, field2, field3)) reads USING (event_type)
            WHERE (transaction_id, global_position) > ($1::text::xid8, $2)
              AND (transaction_id, global_position) <= ($3::text::xid8, $4)
              AND starts_with(stream_id, $5)
            ORDER BY events.transaction_id, events.global_position""";

    /**
     * What a reader at a checkpoint has not read yet: the committed events after it in {@link #READ_ALL}'s order, and
     * when the oldest of them was recorded. Counted in that order, not as head position minus checkpoint position:
     * concurrent appends commit out of position order, so a reader that has read everything can sit at a checkpoint
     * whose position is below the head's. Events past the horizon ({@code pg_snapshot_xmin}) count too: they are
     * committed and not yet read, only not yet safe to read. The range scan uses the subscription-order index.
     * <p>
     * The checkpoint is written into the text (two numbers, formatted from longs), not bound as parameters, and the
     * statement is sent unprepared, so PostgreSQL plans it for the very checkpoint every time. Prepared, the
     * connection's cached statement went over to a generic plan (the server does so after five executions when the
     * first ones were no cheaper; a projection's first turns after a start count a long backlog), which knows no
     * checkpoint, assumes a third of the table lies after it and reads the whole table: under load it was 89% of the
     * database's statement time, 3,056 buffers per call for a backlog of a few events (docs/benchmarks.md).
     */
    private static final String BACKLOG = """
            SELECT count(*) AS events, min(recorded_at) AS oldest_unread FROM events
            WHERE (transaction_id, global_position) > ('%s'::xid8, %s)""";

    /**
     * {@link #BACKLOG} counting at most the first events after the checkpoint, in the log's order: its cost is bounded
     * however far the reader trails. Under the write benchmark a lag gauge's exact count, once a second per projection,
     * now and then read 7,500-14,000 buffers a call (a projection trailing by tens of thousands of events for a while),
     * a seventh of the database's CPU for the whole load; a gauge needs "at least that many", not the exact figure.
     */
    private static final String BACKLOG_AT_MOST = """
            SELECT count(*) AS events, min(recorded_at) AS oldest_unread FROM (
                SELECT recorded_at FROM events WHERE (transaction_id, global_position) > ('%s'::xid8, %s)
                ORDER BY transaction_id, global_position LIMIT %s) ahead""";

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String VERSION_CONSTRAINT = "events_stream_version_unique";
    private static final String EVENT_ID_CONSTRAINT = "events_event_id_unique";

    private final Pool pool;
    private final Clock clock;
    /**
     * The head (version and hash) each recently written stream was left at by this store: an append that expects
     * exactly that version chains onto it without reading it. A hint, never the truth: the insert checks it.
     */
    private final Cache<String, Head> heads = Caffeine.newBuilder().maximumSize(10_000).executor(Runnable::run).build();

    /** Single-stream appends at a known head, sent together while earlier ones are in flight. */
    private final GroupedSends<Grouped, Written> grouped;

    /** A store whose single-stream appends are grouped with two statements in flight (tests that build their own). */
    public EventStore(Pool pool, Clock clock) {
        this(pool, clock, 2);
    }

    @Inject
    public EventStore(Pool pool, Clock clock,
                      @ConfigProperty(name = "uplift.event-store.appends-in-flight", defaultValue = "2") int appendsInFlight) {
        this.pool = pool;
        this.clock = clock;
        this.grouped = new GroupedSends<>(appendsInFlight, MAX_GROUP,
                (next, group) -> group.getFirst().unmoved().equals(next.unmoved())
                        && group.stream().noneMatch(g -> g.rows().streamId().equals(next.rows().streamId())),
                this::insertGroup);
    }

    /**
     * Appends events to a stream if it is at the expected version.
     * Appending the same event ids again with identical content is a success that writes nothing; the same ids with
     * different content fail with {@link EventIdConflictException}; another writer's append fails with
     * {@link WrongExpectedVersionException}.
     */
    public Uni<AppendResult> append(String streamId, ExpectedVersion expected, List<NewEvent> events) {
        return append(streamId, expected, events, AlongsideAppend.NOTHING);
    }

    /**
     * {@link #append(String, ExpectedVersion, List)} with other work in the same transaction: {@code alongside} runs
     * before the stream is read and after the events are inserted, and a failure of either rolls the append back.
     */
    public Uni<AppendResult> append(String streamId, ExpectedVersion expected, List<NewEvent> events, AlongsideAppend alongside) {
        return appendAll(List.of(new StreamAppend(streamId, expected, events)), alongside).map(List::getFirst);
    }

    /** Events for one stream, to be appended if the stream is at the expected version. */
    public record StreamAppend(String streamId, ExpectedVersion expected, List<NewEvent> events) {
        public StreamAppend {
            events = List.copyOf(events);
            if (events.isEmpty()) {
                throw new IllegalArgumentException("nothing to append to " + streamId);
            }
        }
    }

    /**
     * Appends to several streams in ONE transaction: every stream's events land, or none do. A stream that is not at
     * its expected version fails the whole append with {@link WrongExpectedVersionException} (naming that stream), so
     * a decision that read several streams is written only if none of them moved since. Each stream keeps its own
     * versions and hash chain; the same idempotency rules as {@link #append} hold per stream. Streams are written in
     * the order given: callers that append to a shared stream (a borrower's) alongside their own put it in the same
     * place every time.
     */
    public Uni<List<AppendResult>> appendAll(List<StreamAppend> appends) {
        return appendAll(appends, AlongsideAppend.NOTHING);
    }

    /**
     * {@link #appendAll(List)} with other work in the same transaction: {@code alongside} runs first (before any stream
     * is written) and last (with the first stream's result), and a failure of either rolls everything back.
     */
    public Uni<List<AppendResult>> appendAll(List<StreamAppend> appends, AlongsideAppend alongside) {
        return appendAll(appends, List.of(), alongside);
    }

    /**
     * A stream a decision read but does not write, at the version it read: the append is refused when that stream has
     * moved since ({@link WrongExpectedVersionException} naming it), so a decision is never written on top of a
     * changed input, however long the decider kept it in memory.
     */
    public record StreamRead(String streamId, long version) {
    }

    /**
     * {@link #appendAll(List, AlongsideAppend)} that also requires each of {@code unmoved} to be at the version read.
     * The check is part of the first insert statement, so it costs no round trip of its own.
     */
    public Uni<List<AppendResult>> appendAll(List<StreamAppend> appends, List<StreamRead> unmoved, AlongsideAppend alongside) {
        if (appends.isEmpty()) {
            throw new IllegalArgumentException("nothing to append");
        }
        if (appends.stream().map(StreamAppend::streamId).distinct().count() != appends.size()) {
            throw new IllegalArgumentException("one entry per stream");
        }
        return write(appends, List.copyOf(unmoved), alongside, true);
    }

    /**
     * The common case is one statement: a single stream whose head this store wrote (or a new stream), nothing
     * alongside, is inserted in a transaction of its own, checked by the insert itself, which it shares with the other
     * such appends sent at the same moment ({@link #insertGrouped}, group commit). Otherwise: the alongside work,
     * each stream's insert (reading its head first when it is not known), and the alongside work again, in one
     * transaction.
     * <p>
     * No statement takes a transaction id first: the events' transaction id (their column default) may be assigned
     * after their positions are drawn, and that is harmless, because the global log is read in (transaction id,
     * position) order below the oldest running transaction ({@link #READ_ALL}): an id assigned later is above every
     * id a reader has passed, whatever positions it holds.
     *
     * @param trustHeads whether heads this store remembers may stand in for reading them
     */
    private Uni<List<AppendResult>> write(List<StreamAppend> appends, List<StreamRead> unmoved, AlongsideAppend alongside,
                                          boolean trustHeads) {
        StreamAppend first = appends.getFirst();
        Head known = trustHeads ? knownHead(first) : null;
        Uni<List<Written>> written = alongside == AlongsideAppend.NOTHING && appends.size() == 1 && known != null
                ? insertGrouped(first, known, unmoved).map(List::of)
                : pool.withTransaction(connection -> alongside.before(connection)
                        .chain(() -> appendEach(connection, appends, unmoved, trustHeads, 0, new ArrayList<>()))
                        .call(results -> alongside.after(connection, results.getFirst().result())));
        return written.map(this::rememberHeads)
                .onFailure(PreconditionFailed.class).recoverWithUni(() -> explainPrecondition(appends, unmoved, alongside, trustHeads))
                .onFailure(PgException.class).recoverWithUni(failure -> explainConflict((PgException) failure, appends));
    }

    /** What one stream's append did, and the hash it left at the stream's head (null when it wrote nothing). */
    private record Written(AppendResult result, String headHash) {
    }

    /** The insert found a precondition false (a stream the decision read moved, or a remembered head was wrong). */
    private static final class PreconditionFailed extends RuntimeException {
        PreconditionFailed() {
            super("an append's precondition did not hold", null, false, false);
        }
    }

    private Uni<List<Written>> appendEach(SqlConnection connection, List<StreamAppend> appends, List<StreamRead> unmoved,
                                          boolean trustHeads, int index, List<Written> results) {
        if (index == appends.size()) {
            return Uni.createFrom().item(List.copyOf(results));
        }
        StreamAppend next = appends.get(index);
        // the streams read are checked once, by the first insert
        return appendIn(connection, next, index == 0 ? unmoved : List.of(), trustHeads)
                .chain(result -> {
                    results.add(result);
                    return appendEach(connection, appends, unmoved, trustHeads, index + 1, results);
                });
    }

    /**
     * A stream whose head is known is inserted at once: the insert checks the head's hash, and the unique version
     * refuses it when another writer moved first. Otherwise its head is read first, and only a stream that is not where
     * the caller expected is asked whether these very events were stored before (an idempotent repeat, answered with
     * the earlier result). Ids stored before under an expected version that still matches (only possible with
     * {@link ExpectedVersion#isAny()}) make the insert hit the unique event id, which {@link #explainConflict} answers
     * the same way.
     */
    private Uni<Written> appendIn(SqlConnection connection, StreamAppend append, List<StreamRead> unmoved, boolean trustHeads) {
        Head known = trustHeads ? knownHead(append) : null;
        if (known != null) {
            return insert(connection, append, known, unmoved);
        }
        ExpectedVersion expected = append.expected();
        return streamHead(connection, append.streamId()).chain(head -> expected.isAny() || expected.value() == head.version()
                ? insert(connection, append, head, unmoved)
                : alreadyStored(connection, append.streamId(), append.events()).chain(previous -> previous != null
                        ? Uni.createFrom().item(new Written(previous, null))
                        : insert(connection, append, head, unmoved)));
    }

    /**
     * The head an append may build on without reading it: none for a new stream, the one this store last wrote when
     * the caller expects exactly that version. A wrong one (history changed behind the store's back) makes the insert
     * write nothing, and the append is then done again reading the head.
     */
    private Head knownHead(StreamAppend append) {
        if (append.expected().isAny()) {
            return null;
        }
        if (append.expected().value() == 0) {
            return Head.EMPTY;
        }
        Head remembered = heads.getIfPresent(append.streamId());
        return remembered != null && remembered.version() == append.expected().value() ? remembered : null;
    }

    private List<AppendResult> rememberHeads(List<Written> written) {
        List<AppendResult> results = new ArrayList<>(written.size());
        for (Written w : written) {
            if (w.headHash() != null) {
                heads.asMap().merge(w.result().streamId(), new Head(w.result().streamVersion(), w.headHash()),
                        (had, now) -> now.version() >= had.version() ? now : had);
            }
            results.add(w.result());
        }
        return results;
    }

    /** Names the stream read that moved; when none did, a remembered head was wrong: forget it and write again. */
    private Uni<List<AppendResult>> explainPrecondition(List<StreamAppend> appends, List<StreamRead> unmoved,
                                                        AlongsideAppend alongside, boolean trustedHeads) {
        List<String> read = unmoved.stream().map(StreamRead::streamId).toList();
        return pool.withConnection(connection -> heads(connection, read, 0, new ArrayList<>())).chain(found -> {
            for (int i = 0; i < unmoved.size(); i++) {
                if (found.get(i).version() != unmoved.get(i).version()) {
                    return Uni.createFrom().failure(new WrongExpectedVersionException(unmoved.get(i).streamId(),
                            unmoved.get(i).version(), found.get(i).version()));
                }
            }
            if (!trustedHeads) {
                return Uni.createFrom().failure(new IllegalStateException("an append read its heads and still found them changed"));
            }
            appends.forEach(append -> heads.invalidate(append.streamId()));
            return write(appends, unmoved, alongside, false);
        });
    }

    /** The earlier result when exactly these events are already stored; null when none of them is. */
    private Uni<AppendResult> alreadyStored(SqlConnection connection, String streamId, List<NewEvent> events) {
        UUID[] ids = events.stream().map(NewEvent::eventId).toArray(UUID[]::new);
        return connection.preparedQuery(FIND_BY_EVENT_IDS).execute(Tuple.of(ids))
                .map(rows -> compareWithStored(streamId, events, toEvents(rows)));
    }

    private static AppendResult compareWithStored(String streamId, List<NewEvent> events, List<RecordedEvent> stored) {
        if (stored.isEmpty()) {
            return null;
        }
        Map<UUID, RecordedEvent> byId = new HashMap<>();
        stored.forEach(e -> byId.put(e.eventId(), e));
        for (NewEvent event : events) {
            RecordedEvent earlier = byId.get(event.eventId());
            if (earlier == null) {
                throw new EventIdConflictException(stored.getFirst().eventId(), "while others of the same batch are not");
            }
            if (!earlier.streamId().equals(streamId)) {
                throw new EventIdConflictException(event.eventId(), "in stream " + earlier.streamId());
            }
            if (!sameContent(earlier, event)) {
                throw new EventIdConflictException(event.eventId(), "with different content");
            }
        }
        RecordedEvent last = stored.getLast();
        return new AppendResult(streamId, last.streamVersion(), last.checkpoint(), true);
    }

    private static boolean sameContent(RecordedEvent stored, NewEvent event) {
        return stored.eventType().equals(event.eventType())
                && stored.schemaVersion() == event.schemaVersion()
                && CanonicalJson.write(stored.payload()).equals(CanonicalJson.write(event.payload()));
    }

    private record Head(long version, String hash) {
        static final Head EMPTY = new Head(0, HashChain.GENESIS);
    }

    private Uni<Head> streamHead(SqlConnection connection, String streamId) {
        return connection.preparedQuery(STREAM_HEAD).execute(Tuple.of(streamId))
                .map(rows -> rows.size() == 0 ? Head.EMPTY
                        : new Head(rows.iterator().next().getLong("stream_version"), rows.iterator().next().getString("hash")));
    }

    /**
     * One statement: the batch, chained onto {@code head}, written only if the stored event at the head's version has
     * the head's hash and every stream in {@code unmoved} is still at its version; else it writes nothing and fails
     * with {@link PreconditionFailed}.
     */
    private Uni<Written> insert(SqlClient client, StreamAppend append, Head head, List<StreamRead> unmoved) {
        Rows rows;
        try {
            rows = rows(append, head);
        } catch (WrongExpectedVersionException e) {
            return Uni.createFrom().failure(e);
        }
        Tuple params = Tuple.tuple(List.of(rows.streamId(), rows.recordedAt().atOffset(ZoneOffset.UTC), rows.versions(),
                rows.ids(), rows.types(), rows.schemas(), rows.payloads(), rows.metadata(), rows.previousHashes(),
                rows.hashes(), head.version(), head.hash(),
                unmoved.stream().map(StreamRead::streamId).toArray(String[]::new),
                unmoved.stream().map(StreamRead::version).toArray(Long[]::new)));
        return client.preparedQuery(INSERT_BATCH).execute(params).map(inserted -> {
            Row last = null;
            for (Row row : inserted) {
                last = row;
            }
            if (last == null) {
                throw new PreconditionFailed();
            }
            return written(rows, last);
        });
    }

    /** A stream's events chained onto a head, as an insert binds them: each text once, each hash computed once. */
    private record Rows(String streamId, Head head, Instant recordedAt, Long[] versions, UUID[] ids, String[] types,
                        Integer[] schemas, String[] payloads, String[] metadata, String[] previousHashes, String[] hashes) {

        int size() {
            return versions.length;
        }

        String headHash() {
            return hashes[hashes.length - 1];
        }
    }

    private Rows rows(StreamAppend append, Head head) {
        String streamId = append.streamId();
        ExpectedVersion expected = append.expected();
        List<NewEvent> events = append.events();
        if (!expected.isAny() && expected.value() != head.version()) {
            throw new WrongExpectedVersionException(streamId, expected.value(), head.version());
        }
        // PostgreSQL keeps microseconds: hash exactly what will be read back.
        Instant recordedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        int n = events.size();
        Long[] versions = new Long[n];
        UUID[] ids = new UUID[n];
        String[] types = new String[n];
        Integer[] schemas = new Integer[n];
        String[] payloads = new String[n];
        String[] metadata = new String[n];
        String[] previousHashes = new String[n];
        String[] hashes = new String[n];
        String previous = head.hash();
        for (int i = 0; i < n; i++) {
            NewEvent e = events.get(i);
            versions[i] = head.version() + i + 1;
            ids[i] = e.eventId();
            types[i] = e.eventType();
            schemas[i] = e.schemaVersion();
            // each text once: the row stores it and the hash covers exactly it
            payloads[i] = CanonicalJson.write(e.payload());
            metadata[i] = HashChain.canonicalMetadata(e.metadata());
            previousHashes[i] = previous;
            hashes[i] = HashChain.link(previous, streamId, versions[i], e.eventId(), e.eventType(), e.schemaVersion(),
                    recordedAt, payloads[i], metadata[i]);
            previous = hashes[i];
        }
        return new Rows(streamId, head, recordedAt, versions, ids, types, schemas, payloads, metadata, previousHashes, hashes);
    }

    private static Written written(Rows rows, Row last) {
        return new Written(new AppendResult(rows.streamId(), last.getLong("stream_version"),
                new Checkpoint(Long.parseLong(last.getString("transaction_id")), last.getLong("global_position")), false),
                rows.headHash());
    }

    /** Most appends of one group commit ({@link #INSERT_GROUP}): PostgreSQL binds arrays of any length, this keeps a statement small. */
    static final int MAX_GROUP = 128;

    /** Groups sent and appends in them so far. */
    long[] groupsSent() {
        return grouped.sent();
    }

    /** An append waiting to be sent with others: its rows and the streams its decision read. */
    private record Grouped(Rows rows, List<StreamRead> unmoved) {
    }

    /**
     * One stream's append at a head this store knows, in a transaction of its own that it may share with other such
     * appends ({@link GroupedSends}): the same checks and outcomes as {@link #insert}, one round trip and one commit
     * for the whole group.
     */
    private Uni<Written> insertGrouped(StreamAppend append, Head head, List<StreamRead> unmoved) {
        Rows rows;
        try {
            rows = rows(append, head);
        } catch (WrongExpectedVersionException e) {
            return Uni.createFrom().failure(e);
        }
        return grouped.submit(new Grouped(rows, List.copyOf(unmoved)));
    }

    /**
     * One statement for the group: each append whose head held is written, the others answer {@link PreconditionFailed}
     * (each then explained alone, as an append of its own would be). A statement error (a unique version another
     * writer took, these events stored before) names no append, so a group of several is sent again one append at a
     * time, and each gets the error that is its own.
     */
    private Uni<List<GroupedSends.Outcome<Written>>> insertGroup(List<Grouped> group) {
        int n = group.stream().mapToInt(g -> g.rows().size()).sum();
        String[] streamIds = new String[n];
        Long[] versions = new Long[n];
        UUID[] ids = new UUID[n];
        String[] types = new String[n];
        Integer[] schemas = new Integer[n];
        String[] payloads = new String[n];
        String[] metadata = new String[n];
        OffsetDateTime[] recordedAt = new OffsetDateTime[n];
        String[] previousHashes = new String[n];
        String[] hashes = new String[n];
        Long[] headVersions = new Long[n];
        String[] headHashes = new String[n];
        int at = 0;
        for (Grouped g : group) {
            Rows rows = g.rows();
            OffsetDateTime recorded = rows.recordedAt().atOffset(ZoneOffset.UTC);
            for (int i = 0; i < rows.size(); i++, at++) {
                streamIds[at] = rows.streamId();
                versions[at] = rows.versions()[i];
                ids[at] = rows.ids()[i];
                types[at] = rows.types()[i];
                schemas[at] = rows.schemas()[i];
                payloads[at] = rows.payloads()[i];
                metadata[at] = rows.metadata()[i];
                recordedAt[at] = recorded;
                previousHashes[at] = rows.previousHashes()[i];
                hashes[at] = rows.hashes()[i];
                headVersions[at] = rows.head().version();
                headHashes[at] = rows.head().hash();
            }
        }
        List<StreamRead> unmoved = group.getFirst().unmoved();
        Tuple params = Tuple.tuple(List.of(streamIds, versions, ids, types, schemas, payloads, metadata, recordedAt,
                previousHashes, hashes, headVersions, headHashes,
                unmoved.stream().map(StreamRead::streamId).toArray(String[]::new),
                unmoved.stream().map(StreamRead::version).toArray(Long[]::new)));
        return pool.preparedQuery(INSERT_GROUP).execute(params).map(inserted -> {
                    Map<String, Row> last = new HashMap<>();
                    for (Row row : inserted) {
                        last.put(row.getString("stream_id"), row);
                    }
                    List<GroupedSends.Outcome<Written>> outcomes = new ArrayList<>(group.size());
                    for (Grouped g : group) {
                        Row row = last.get(g.rows().streamId());
                        outcomes.add(row == null ? GroupedSends.Outcome.failed(new PreconditionFailed())
                                : GroupedSends.Outcome.of(written(g.rows(), row)));
                    }
                    return outcomes;
                })
                .onFailure(failure -> group.size() > 1 && failure instanceof PgException)
                .recoverWithUni(() -> Multi.createFrom().iterable(group)
                        .onItem().transformToUniAndConcatenate(alone -> insertGroup(List.of(alone))
                                .map(List::getFirst)
                                .onFailure().recoverWithItem(GroupedSends.Outcome::<Written>failed))
                        .collect().asList());
    }

    /** Turns a unique violation into the typed outcome it means; the failed transaction has been rolled back by then. */
    private Uni<List<AppendResult>> explainConflict(PgException failure, List<StreamAppend> appends) {
        if (!UNIQUE_VIOLATION.equals(failure.getSqlState())) {
            return Uni.createFrom().failure(failure);
        }
        if (VERSION_CONSTRAINT.equals(failure.getConstraint())) {
            // These very events stored before (an idempotent repeat, written at a head that was not read), or another
            // writer took a version on one of the streams: then name the first that is no longer where we expected.
            return pool.withConnection(connection -> storedEach(connection, appends, 0, new ArrayList<>()))
                    .onItem().ifNull().switchTo(() -> pool.withConnection(connection -> heads(connection,
                            appends.stream().map(StreamAppend::streamId).toList(), 0, new ArrayList<>()))
                    .chain(heads -> {
                        int moved = 0;
                        for (int i = 0; i < appends.size(); i++) {
                            ExpectedVersion expected = appends.get(i).expected();
                            if (!expected.isAny() && heads.get(i).version() != expected.value()) {
                                moved = i;
                                break;
                            }
                        }
                        StreamAppend conflict = appends.get(moved);
                        return Uni.createFrom().<List<AppendResult>>failure(new WrongExpectedVersionException(conflict.streamId(),
                                conflict.expected().value(), heads.get(moved).version()));
                    }));
        }
        if (EVENT_ID_CONSTRAINT.equals(failure.getConstraint())) {
            // A concurrent append of the same events won: that is the idempotent success, if the content matches.
            return pool.withConnection(connection -> storedEach(connection, appends, 0, new ArrayList<>()))
                    .onItem().ifNull().failWith(() -> new EventIdConflictException(
                            appends.getFirst().events().getFirst().eventId(), "concurrently"));
        }
        return Uni.createFrom().failure(failure);
    }

    private Uni<List<Head>> heads(SqlConnection connection, List<String> streamIds, int index, List<Head> heads) {
        if (index == streamIds.size()) {
            return Uni.createFrom().item(heads);
        }
        return streamHead(connection, streamIds.get(index)).chain(head -> {
            heads.add(head);
            return heads(connection, streamIds, index + 1, heads);
        });
    }

    /** The earlier results when every stream's events are already stored; null when some are not. */
    private Uni<List<AppendResult>> storedEach(SqlConnection connection, List<StreamAppend> appends, int index,
                                               List<AppendResult> results) {
        if (index == appends.size()) {
            return Uni.createFrom().item(List.copyOf(results));
        }
        StreamAppend next = appends.get(index);
        return alreadyStored(connection, next.streamId(), next.events()).chain(stored -> {
            if (stored == null) {
                return Uni.createFrom().nullItem();
            }
            results.add(stored);
            return storedEach(connection, appends, index + 1, results);
        });
    }

    /** Events of one stream from a version (inclusive), in order. */
    public Uni<List<RecordedEvent>> readStream(String streamId, long fromVersion) {
        return readStream(streamId, fromVersion, Long.MAX_VALUE);
    }

    /** Events of one stream between two versions (both inclusive), in order. */
    public Uni<List<RecordedEvent>> readStream(String streamId, long fromVersion, long toVersion) {
        return pool.preparedQuery(READ_STREAM).execute(Tuple.of(streamId, fromVersion, toVersion)).map(EventStore::toEvents);
    }

    /**
     * Up to {@code limit} events after a checkpoint, across all streams, that can never be preceded by an event
     * committed later. Feed the checkpoint of the last event returned to the next call.
     */
    public Uni<List<RecordedEvent>> readAll(Checkpoint after, int limit) {
        return pool.preparedQuery(READ_ALL)
                .execute(Tuple.of(Long.toString(after.transactionId()), after.position(), limit))
                .map(EventStore::toEvents);
    }

    /**
     * A stretch of the global log: the events after {@code after} up to and including {@code last} ({@code events} of
     * them, the last recorded at {@code lastRecordedAt}), in {@link #readAll}'s order.
     */
    public record Stretch(Checkpoint after, Checkpoint last, long events, Instant lastRecordedAt) {
    }

    /**
     * Up to {@code count} consecutive stretches of {@code size} events each (the last may be shorter) after a checkpoint,
     * below the same horizon as {@link #readAll}: what a rebuild reads on several connections at once and applies in
     * order. Empty when nothing is left to read.
     */
    public Uni<List<Stretch>> stretches(Checkpoint after, int size, int count) {
        return pool.preparedQuery(STRETCHES)
                .execute(Tuple.of(Long.toString(after.transactionId()), after.position(), (long) size * count, size))
                .map(rows -> {
                    List<Stretch> stretches = new ArrayList<>(rows.size());
                    Checkpoint from = after;
                    long before = 0;
                    for (Row row : rows) {
                        Checkpoint last = new Checkpoint(Long.parseLong(row.getString("transaction_id")), row.getLong("global_position"));
                        long n = row.getLong("n");
                        stretches.add(new Stretch(from, last, n - before, row.getOffsetDateTime("recorded_at").toInstant()));
                        from = last;
                        before = n;
                    }
                    return stretches;
                });
    }

    /**
     * What a fold reads of one event type: the payload whole ({@code whole}), up to {@value #MAX_FOLD_FIELDS} of its
     * fields (dot-separated paths into the payload, as stored at {@code schemaVersion}), or neither: then only the
     * event's place in the log and its stream. A type no {@code FoldRead} names is not read at all.
     */
    public record FoldRead(String eventType, int schemaVersion, boolean whole, List<String> fields) {

        public static final int MAX_FOLD_FIELDS = 3;

        public FoldRead {
            fields = List.copyOf(fields);
            if (fields.size() > MAX_FOLD_FIELDS || whole && !fields.isEmpty()) {
                throw new IllegalArgumentException(eventType + ": the whole payload, or at most " + MAX_FOLD_FIELDS
                        + " fields of it");
            }
        }
    }

    /**
     * An event as a fold reads it. {@code recorded} has no event id, metadata or hashes (null; asking for the
     * metadata fails) and its payload only where the fold reads it whole or the event was stored at a schema version
     * other than the fields were named for; {@code fields} holds the fields' values as text (null where the payload
     * has none, or when the payload came whole instead), in the order the {@link FoldRead} named them.
     */
    public record FoldEvent(RecordedEvent recorded, List<String> fields) {

        /** True when the payload came whole: decode it (through its upcasters) rather than read {@link #fields}. */
        public boolean whole() {
            return recorded.payloadText() != null;
        }

        /**
         * An event read whole (a live batch's) as {@link #readForFold} would have answered it for {@code read}: whole
         * when the fold reads its type whole (or names no read for it) or the event is of another schema version than
         * the fields were named for; otherwise without its payload, with the fields taken from its text
         * ({@link PayloadFields}, what {@code payload #>> path} gives). A live fold and a rebuild so fold the same
         * values the same way.
         */
        public static FoldEvent of(RecordedEvent event, FoldRead read) {
            if (read == null || read.whole() || event.schemaVersion() != read.schemaVersion()) {
                return new FoldEvent(event, Arrays.asList(new String[FoldRead.MAX_FOLD_FIELDS]));
            }
            RecordedEvent placed = new RecordedEvent(event.globalPosition(), event.transactionId(), event.streamId(),
                    event.streamVersion(), null, event.eventType(), event.schemaVersion(), null, null,
                    event.recordedAt(), null, null);
            return new FoldEvent(placed, PayloadFields.read(event.payloadText(), read.fields(), FoldRead.MAX_FOLD_FIELDS));
        }
    }

    private static final int FOLD_FIELDS_AT = 8; // the column index of field1 in READ_STRETCH_FOR_FOLD

    /**
     * The events of a stretch in streams starting with {@code streamPrefix} and of the types {@code reads} names, in
     * log order, for a fold: with their place, type and of their payload what {@code reads} asks for. This is not
     * {@link #readAll}: what a fold does not read is neither sent nor decoded.
     */
    public Uni<List<FoldEvent>> readForFold(Stretch stretch, String streamPrefix, List<FoldRead> reads) {
        int n = reads.size();
        String[] types = new String[n];
        Integer[] versions = new Integer[n];
        Boolean[] whole = new Boolean[n];
        String[][] fields = new String[FoldRead.MAX_FOLD_FIELDS][n];
        for (int i = 0; i < n; i++) {
            FoldRead read = reads.get(i);
            types[i] = read.eventType();
            versions[i] = read.schemaVersion();
            whole[i] = read.whole();
            for (int f = 0; f < read.fields().size(); f++) {
                fields[f][i] = read.fields().get(f);
            }
        }
        return pool.preparedQuery(READ_STRETCH_FOR_FOLD)
                .execute(Tuple.tuple(List.of(Long.toString(stretch.after().transactionId()), stretch.after().position(),
                        Long.toString(stretch.last().transactionId()), stretch.last().position(), streamPrefix, types,
                        versions, whole, fields[0], fields[1], fields[2])))
                .map(rows -> {
                    List<FoldEvent> events = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        RecordedEvent recorded = new RecordedEvent(row.getLong(0), Long.parseLong(row.getString(1)),
                                row.getString(2), row.getLong(3), null, row.getString(4), row.getInteger(5),
                                row.getString(7), null, row.getOffsetDateTime(6).toInstant(), null, null);
                        events.add(new FoldEvent(recorded, java.util.Arrays.asList(row.getString(FOLD_FIELDS_AT),
                                row.getString(FOLD_FIELDS_AT + 1), row.getString(FOLD_FIELDS_AT + 2))));
                    }
                    return events;
                });
    }

    /** Up to {@code limit} events of one stream after a version, in order: for walking long streams page by page. */
    public Uni<List<RecordedEvent>> readStreamAfter(String streamId, long afterVersion, int limit) {
        return pool.preparedQuery(READ_STREAM_AFTER).execute(Tuple.of(streamId, afterVersion, limit)).map(EventStore::toEvents);
    }

    /**
     * The events after a version of each stream ({@code afterVersions}; 0: all of it), in one read, each stream's in
     * version order; a stream with none after its version maps to an empty list. At most {@code limit} events are read:
     * when the limit cuts the read short, only the streams read to their end are in the answer (the caller reads the
     * others one by one), so every list answered is complete.
     */
    public Uni<Map<String, List<RecordedEvent>>> readStreamsAfter(Map<String, Long> afterVersions, int limit) {
        if (afterVersions.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<String> streamIds = new ArrayList<>(afterVersions.keySet());
        Long[] versions = streamIds.stream().map(afterVersions::get).toArray(Long[]::new);
        return pool.preparedQuery(READ_STREAMS_AFTER).execute(Tuple.of(streamIds.toArray(String[]::new), versions, limit))
                .map(rows -> {
                    Map<String, List<RecordedEvent>> byStream = new LinkedHashMap<>();
                    String last = null;
                    for (Row row : rows) {
                        RecordedEvent event = toEvent(row);
                        byStream.computeIfAbsent(event.streamId(), id -> new ArrayList<>()).add(event);
                        last = event.streamId();
                    }
                    if (rows.size() < limit) {
                        streamIds.forEach(id -> byStream.putIfAbsent(id, List.of()));
                    } else {
                        byStream.remove(last); // it may go on past the limit; a stream not seen was perhaps not reached
                    }
                    return byStream;
                });
    }

    /**
     * Up to {@code limit} events of the streams starting with {@code prefix}, ordered by stream id and version, after
     * version {@code afterVersion} of stream {@code afterStreamId} ("" and 0 to start): for reading many short streams
     * a page at a time. A stream may continue on the next page.
     */
    public Uni<List<RecordedEvent>> readPrefixedStreamsAfter(String prefix, String afterStreamId, long afterVersion, int limit) {
        return pool.preparedQuery(READ_PREFIXED_STREAMS_AFTER).execute(Tuple.of(prefix, afterStreamId, afterVersion, limit))
                .map(EventStore::toEvents);
    }

    /**
     * Up to {@code limit} stream ids starting with {@code prefix}, in id order after {@code afterStreamId} ("" to
     * start); when {@code from}/{@code to} are given, only streams with an event recorded in [from, to).
     */
    public Uni<List<String>> streamIds(String prefix, String afterStreamId, Instant from, Instant to, int limit) {
        String statement = from == null && to == null ? STREAM_IDS : streamIdsRecordedIn(from, to);
        return pool.preparedQuery(statement).execute(Tuple.of(afterStreamId, prefix, limit)).map(EventStore::streamIdsOf);
    }

    /** {@link #STREAM_IDS_RECORDED_IN}'s text for a range [from, to) (either may be null: open). */
    static String streamIdsRecordedIn(Instant from, Instant to) {
        return STREAM_IDS_RECORDED_IN.formatted(recordedIn(from, to));
    }

    /** {@link #READ_RANGE}'s text for a page after {@code after} of a range [from, to) (either may be null: open). */
    static String readRange(Checkpoint after, Instant from, Instant to, int limit) {
        // Long.toString: digits whatever the default locale (a format's %d need not write ASCII digits)
        return READ_RANGE.formatted(Long.toString(after.transactionId()), Long.toString(after.position()),
                recordedIn(from, to), Integer.toString(limit));
    }

    /** {@link #READ_RANGE_OF_STREAMS}' text for a range [from, to) (either may be null: open). */
    static String readRangeOfStreams(Instant from, Instant to) {
        return READ_RANGE_OF_STREAMS.formatted(recordedIn(from, to));
    }

    /**
     * The condition "recorded in [from, to)" with the instants written as literals. They are formatted here from
     * {@link Instant}s (digits, '-', ':', '.', 'T', 'Z' only), never a string from a request; an instant beyond what
     * timestamptz holds becomes {@code infinity} or {@code -infinity}, which orders as the instant would.
     */
    static String recordedIn(Instant from, Instant to) {
        List<String> conditions = new ArrayList<>(2);
        if (from != null) {
            conditions.add("recorded_at >= " + timestampLiteral(from));
        }
        if (to != null) {
            conditions.add("recorded_at < " + timestampLiteral(to));
        }
        return conditions.isEmpty() ? "true" : String.join(" AND ", conditions);
    }

    private static String timestampLiteral(Instant instant) {
        if (instant.isBefore(EARLIEST)) {
            return "'-infinity'::timestamptz";
        }
        if (instant.isAfter(LATEST)) {
            return "'infinity'::timestamptz";
        }
        return "'" + instant.truncatedTo(ChronoUnit.MICROS) + "'::timestamptz";
    }

    private static List<String> streamIdsOf(RowSet<Row> rows) {
        List<String> ids = new ArrayList<>(rows.size());
        rows.forEach(row -> ids.add(row.getString("stream_id")));
        return ids;
    }

    /**
     * Ids of the streams starting with {@code prefix} that hold an {@code eventType} whose payload has
     * {@code field = value}. The type and field are names from the caller's code, written into the statement: plain
     * identifiers only (letters, digits, underscores), anything else is an {@link IllegalArgumentException}.
     */
    public Uni<List<String>> streamIdsWithEvent(String prefix, String eventType, String field, String value) {
        return pool.preparedQuery(withTypeAndField(STREAM_IDS_WITH_EVENT, eventType, field)).execute(Tuple.of(prefix, value))
                .map(EventStore::streamIdsOf);
    }

    /**
     * For each of {@code values}, the ids of the streams starting with {@code prefix} that hold an {@code eventType}
     * whose payload has {@code field} = that value, in one read; a value that none has maps to an empty list. The type
     * and field are plain identifiers, as for {@link #streamIdsWithEvent}.
     */
    public Uni<Map<String, List<String>>> streamIdsWithEvents(String prefix, String eventType, String field,
                                                             Collection<String> values) {
        if (values.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return pool.preparedQuery(withTypeAndField(STREAM_IDS_WITH_EVENTS, eventType, field))
                .execute(Tuple.of(prefix, values.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, List<String>> byValue = new HashMap<>();
                    values.forEach(value -> byValue.put(value, new ArrayList<>()));
                    rows.forEach(row -> byValue.get(row.getString("value")).add(row.getString("stream_id")));
                    return byValue;
                });
    }

    /** {@link #STREAM_IDS_WITH_EVENT}'s or {@link #STREAM_IDS_WITH_EVENTS}' text for one event type and payload field. */
    static String withTypeAndField(String statement, String eventType, String field) {
        return statement.formatted(plainName(eventType), plainName(field));
    }

    private static String plainName(String name) {
        if (!PLAIN_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain name: " + name);
        }
        return "'" + name + "'";
    }

    /** A stream position and the hash found there; {@code hash} is null when that version is not stored. */
    public record StoredHash(String streamId, long streamVersion, String hash) {
    }

    /** The stored hash at each (stream, version), in one statement; absent versions come back with a null hash. */
    public Uni<List<StoredHash>> hashesAt(List<String> streamIds, List<Long> versions) {
        if (streamIds.size() != versions.size()) {
            throw new IllegalArgumentException("one version per stream id");
        }
        if (streamIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return pool.preparedQuery(HASHES_AT)
                .execute(Tuple.of(streamIds.toArray(String[]::new), versions.toArray(Long[]::new)))
                .map(rows -> {
                    List<StoredHash> hashes = new ArrayList<>(rows.size());
                    rows.forEach(row -> hashes.add(new StoredHash(row.getString("stream_id"),
                            row.getLong("stream_version"), row.getString("hash"))));
                    return hashes;
                });
    }

    /**
     * Like {@link #readAll(Checkpoint, int)} (same gap-safe order and horizon), restricted to events recorded in
     * [from, to) (either bound may be null) and, when {@code streamIds} is not null, to those streams.
     */
    public Uni<List<RecordedEvent>> readRange(Checkpoint after, Instant from, Instant to, List<String> streamIds, int limit) {
        Uni<RowSet<Row>> page = streamIds == null
                ? pool.query(readRange(after, from, to, limit)).execute()
                : pool.preparedQuery(readRangeOfStreams(from, to)).execute(Tuple.of(Long.toString(after.transactionId()),
                        after.position(), streamIds.toArray(String[]::new), limit));
        return page.map(EventStore::toEvents);
    }

    /**
     * How far a reader at a checkpoint trails the log.
     *
     * @param events         committed events after the checkpoint, in the order readers read them
     * @param oldestUnreadAt when the oldest of them was recorded; null when there is none
     */
    public record Backlog(long events, Instant oldestUnreadAt) {

        /** Age of the oldest unread event at {@code now}, in whole seconds; 0 when there is none. */
        public long secondsBehind(Instant now) {
            return oldestUnreadAt == null ? 0 : Math.max(0, java.time.Duration.between(oldestUnreadAt, now).toSeconds());
        }
    }

    /** The backlog of a reader whose checkpoint is {@code after}: what {@link #readAll} has yet to hand it. */
    public Uni<Backlog> backlogAfter(Checkpoint after) {
        // Long.toString: digits whatever the default locale (a format's %d need not write ASCII digits)
        return pool.query(BACKLOG.formatted(Long.toString(after.transactionId()), Long.toString(after.position()))).execute()
                .map(EventStore::backlog);
    }

    /**
     * {@link #backlogAfter} counting at most {@code atMost} events: exact below that, {@code atMost} when the reader
     * trails by that many or more, and then the oldest unread is the oldest of the first {@code atMost} in the log's
     * order (the log is appended in time, so it is the same but for clocks set apart). Its cost does not grow with the lag.
     */
    public Uni<Backlog> backlogAfter(Checkpoint after, int atMost) {
        return pool.query(BACKLOG_AT_MOST.formatted(Long.toString(after.transactionId()), Long.toString(after.position()),
                        Integer.toString(atMost))).execute()
                .map(EventStore::backlog);
    }

    private static Backlog backlog(RowSet<Row> rows) {
        Row row = rows.iterator().next();
        OffsetDateTime oldestUnread = row.getOffsetDateTime("oldest_unread");
        return new Backlog(row.getLong("events"), oldestUnread == null ? null : oldestUnread.toInstant());
    }

    /** Walks a stream's hash chain and reports the first link that does not hold. */
    public Uni<ChainVerification> verifyStream(String streamId) {
        return readStream(streamId, 1).map(events -> verify(streamId, events));
    }

    static ChainVerification verify(String streamId, List<RecordedEvent> events) {
        ChainWalker walker = new ChainWalker(streamId);
        for (RecordedEvent event : events) {
            if (!walker.accept(event)) {
                break;
            }
        }
        return walker.result();
    }

    private static List<RecordedEvent> toEvents(RowSet<Row> rows) {
        List<RecordedEvent> events = new ArrayList<>(rows.size());
        for (Row row : rows) {
            events.add(toEvent(row));
        }
        return events;
    }

    /**
     * An event of a statement whose first columns are {@link #COLUMNS} (every read of whole events), by position: by
     * name, each getter was a search of the statement's columns, a twentieth of a projection's event loop. Payload and
     * metadata stay text here: {@link RecordedEvent} reads them when, and if, they are asked for.
     */
    private static RecordedEvent toEvent(Row row) {
        return new RecordedEvent(row.getLong(0), Long.parseLong(row.getString(1)), row.getString(2), row.getLong(3),
                row.getUUID(4), row.getString(5), row.getInteger(6), row.getString(7), row.getString(8),
                row.getOffsetDateTime(9).toInstant(), row.getString(10), row.getString(11));
    }
}
