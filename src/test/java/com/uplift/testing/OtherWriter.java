package com.uplift.testing;

import com.uplift.eventstore.CanonicalJson;
import com.uplift.eventstore.EventMetadata;
import com.uplift.eventstore.EventStore;
import com.uplift.eventstore.EventTypeRegistry;
import com.uplift.eventstore.HashChain;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Another writer, as another instance would append behind the service's back: a race test plants an event at a
 * stream's next version in a transaction it holds open, waits until the service's append waits on that version
 * ({@link #appendsWaitingOnALock}), and commits, so the service loses the race every time rather than by chance.
 */
public final class OtherWriter {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private OtherWriter() {
    }

    /** Inserts {@code planted} at {@code version} of {@code stream}, hash-chained like the store's, in the caller's transaction. */
    public static void plant(EventStore store, EventTypeRegistry types, SqlConnection connection, String stream,
                             long version, Object planted) {
        String previous = store.readStream(stream, version - 1, version - 1).await().atMost(WAIT).getFirst().hash();
        EventTypeRegistry.Serialized event = types.serialize(planted);
        EventMetadata metadata = new EventMetadata("other-writer", "other-writer", "ops", "SERVICING", "other-writer");
        UUID eventId = UUID.randomUUID();
        Instant recordedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String hash = HashChain.hash(previous, stream, version, eventId, event.type(), event.schemaVersion(), recordedAt,
                event.payload(), metadata);
        connection.preparedQuery("""
                        INSERT INTO events (stream_id, stream_version, event_id, event_type, schema_version, payload, metadata,
                                            recorded_at, previous_hash, hash)
                        VALUES ($1, $2, $3, $4, $5, $6::text::jsonb, $7::text::jsonb, $8, $9, $10)""")
                .execute(Tuple.tuple(List.of(stream, version, eventId, event.type(), event.schemaVersion(),
                        CanonicalJson.write(event.payload()), CanonicalJson.write(metadata),
                        recordedAt.atOffset(ZoneOffset.UTC), previous, hash)))
                .await().atMost(WAIT);
    }

    /** Inserts into the events table that wait on a row lock: an append blocked on a planted, uncommitted version. */
    public static long appendsWaitingOnALock(Pool pool) {
        return pool.query("""
                        SELECT count(*) AS waiting FROM pg_stat_activity
                        WHERE wait_event_type = 'Lock' AND query LIKE 'INSERT INTO events%'""")
                .execute().await().atMost(WAIT).iterator().next().getLong("waiting");
    }
}
