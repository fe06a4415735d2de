package com.uplift.eventstore;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The latest snapshot of each stream's folded state (table {@code stream_snapshots}; all of its SQL is here). Like the
 * rest of the event store it knows streams, not credit lines: the state is JSON text its writer made, and the writer
 * says which shape ({@code stateSchema}) and rules ({@code rulesVersion}) it was folded under so that a reader can
 * discard a snapshot of another build.
 * <p>
 * A snapshot is a cache, never a fact: nothing verifies it against the events, so only the command path starts from
 * one (its append is still checked against the stream's real head); audit replay and as-of reads fold events.
 */
@ApplicationScoped
public class StreamSnapshots {

    /** A stream's state folded up to {@code streamVersion}, whose event sits at {@code checkpoint} in the global log. */
    public record StreamSnapshot(String streamId, long streamVersion, Checkpoint checkpoint, String stateSchema,
                                 int rulesVersion, String state) {
    }

    private static final String LATEST = """
            SELECT stream_id, stream_version, transaction_id, global_position, state_schema, rules_version,
                   state::text AS state
            FROM stream_snapshots WHERE stream_id = $1""";
    private static final String LATEST_OF = """
            SELECT stream_id, stream_version, transaction_id, global_position, state_schema, rules_version,
                   state::text AS state
            FROM stream_snapshots WHERE stream_id = ANY($1)""";

    /**
     * Keeps one row per stream: a newer version replaces an older one, and a snapshot of another shape or rules
     * version (another build) is replaced whatever its version, since the reader would discard it anyway.
     */
    private static final String SAVE = """
            INSERT INTO stream_snapshots (stream_id, stream_version, transaction_id, global_position, state_schema,
                                          rules_version, state, taken_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7::text::jsonb, $8)
            ON CONFLICT (stream_id) DO UPDATE SET stream_version = excluded.stream_version,
                transaction_id = excluded.transaction_id, global_position = excluded.global_position,
                state_schema = excluded.state_schema, rules_version = excluded.rules_version, state = excluded.state,
                taken_at = excluded.taken_at
            WHERE stream_snapshots.stream_version < excluded.stream_version
               OR stream_snapshots.state_schema <> excluded.state_schema
               OR stream_snapshots.rules_version <> excluded.rules_version""";

    private final Pool pool;
    private final Clock clock;

    public StreamSnapshots(Pool pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    /** The stream's latest snapshot, if one was taken. */
    public Uni<Optional<StreamSnapshot>> latest(String streamId) {
        return pool.preparedQuery(LATEST).execute(Tuple.of(streamId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(snapshot(rows.iterator().next())));
    }

    /** The latest snapshot of each of the streams that has one, in one read; keyed by stream id. */
    public Uni<Map<String, StreamSnapshot>> latestOf(Collection<String> streamIds) {
        if (streamIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return pool.preparedQuery(LATEST_OF).execute(Tuple.of(streamIds.toArray(String[]::new))).map(rows -> {
            Map<String, StreamSnapshot> byStream = new HashMap<>();
            rows.forEach(row -> byStream.put(row.getString("stream_id"), snapshot(row)));
            return byStream;
        });
    }

    private static StreamSnapshot snapshot(Row row) {
        return new StreamSnapshot(row.getString("stream_id"), row.getLong("stream_version"),
                new Checkpoint(row.getLong("transaction_id"), row.getLong("global_position")),
                row.getString("state_schema"), row.getInteger("rules_version"), row.getString("state"));
    }

    /** Stores a snapshot unless a newer one of the same shape and rules is already there. */
    public Uni<Void> save(StreamSnapshot snapshot) {
        return pool.preparedQuery(SAVE).execute(Tuple.tuple(java.util.List.of(snapshot.streamId(), snapshot.streamVersion(),
                        snapshot.checkpoint().transactionId(), snapshot.checkpoint().position(), snapshot.stateSchema(),
                        snapshot.rulesVersion(), snapshot.state(), clock.instant().atOffset(ZoneOffset.UTC))))
                .replaceWithVoid();
    }
}
