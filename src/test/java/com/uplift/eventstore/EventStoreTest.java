package com.uplift.eventstore;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The event store against the real database. What a superuser could do behind its back, and how the hash chain tells,
 * runs on a database of its own: {@link EventStoreTamperingTest}.
 */
@QuarkusTest
@Tag("integration")
class EventStoreTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    EventStore store;

    @Inject
    AgroalDataSource jdbc;

    @Test
    void twentyConcurrentAppendsAtOneVersionLetExactlyOneWin() {
        String stream = newStream();
        store.append(stream, ExpectedVersion.NO_STREAM, List.of(event("Opened", 1))).await().atMost(WAIT);

        AtomicInteger wins = new AtomicInteger();
        List<WrongExpectedVersionException> conflicts = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Uni<Void>> racers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            racers.add(store.append(stream, ExpectedVersion.exactly(1), List.of(event("Drawn", i), event("Drawn", 100 + i)))
                    .onItem().invoke(wins::incrementAndGet)
                    .onFailure(WrongExpectedVersionException.class)
                    .recoverWithItem(e -> {
                        conflicts.add((WrongExpectedVersionException) e);
                        return null;
                    })
                    .replaceWithVoid());
        }
        Uni.join().all(racers).andFailFast().await().atMost(WAIT);

        assertThat(wins.get()).isEqualTo(1);
        assertThat(conflicts).hasSize(19).allSatisfy(c -> {
            assertThat(c.expectedVersion()).isEqualTo(1);
            assertThat(c.actualVersion()).isEqualTo(3);
        });
        List<RecordedEvent> events = store.readStream(stream, 1).await().atMost(WAIT);
        assertThat(events).extracting(RecordedEvent::streamVersion).containsExactly(1L, 2L, 3L);
        assertThat(store.verifyStream(stream).await().atMost(WAIT).intact()).isTrue();
    }

    @Test
    void aStaleExpectedVersionIsRefusedWithTheActualVersion() {
        String stream = newStream();
        store.append(stream, ExpectedVersion.NO_STREAM, List.of(event("Opened", 1), event("Drawn", 2))).await().atMost(WAIT);

        assertThatThrownBy(() -> store.append(stream, ExpectedVersion.exactly(1), List.of(event("Drawn", 3))).await().atMost(WAIT))
                .isInstanceOfSatisfying(WrongExpectedVersionException.class, e -> assertThat(e.actualVersion()).isEqualTo(2));
        assertThatThrownBy(() -> store.append(stream, ExpectedVersion.NO_STREAM, List.of(event("Opened", 9))).await().atMost(WAIT))
                .isInstanceOf(WrongExpectedVersionException.class);
    }

    @Test
    void theSameBatchTwiceIsStoredOnceAndReusedIdsWithOtherContentAreRefused() {
        String stream = newStream();
        List<NewEvent> batch = List.of(event("Opened", 1), event("Drawn", 2));

        AppendResult first = store.append(stream, ExpectedVersion.NO_STREAM, batch).await().atMost(WAIT);
        AppendResult again = store.append(stream, ExpectedVersion.NO_STREAM, batch).await().atMost(WAIT);

        assertThat(first.alreadyStored()).isFalse();
        assertThat(again.alreadyStored()).isTrue();
        assertThat(again.streamVersion()).isEqualTo(2);
        assertThat(again.checkpoint()).isEqualTo(first.checkpoint());
        assertThat(store.readStream(stream, 1).await().atMost(WAIT)).hasSize(2);

        NewEvent altered = new NewEvent(batch.get(1).eventId(), "Drawn", 1, payload(999), batch.get(1).metadata());
        assertThatThrownBy(() -> store.append(stream, ExpectedVersion.exactly(2), List.of(altered)).await().atMost(WAIT))
                .isInstanceOfSatisfying(EventIdConflictException.class,
                        e -> assertThat(e.eventId()).isEqualTo(batch.get(1).eventId()));
        assertThat(store.readStream(stream, 1).await().atMost(WAIT)).hasSize(2);
    }

    @Test
    void readAllNeverSkipsAnEventWhoseTransactionCommitsLate() throws Exception {
        Checkpoint start = drain(Checkpoint.START);
        String slowStream = newStream();
        String fastStream = newStream();
        UUID slowId = UUID.randomUUID();

        try (Connection slow = jdbc.getConnection()) {
            slow.setAutoCommit(false);
            // The slow writer takes its position first...
            insertRaw(slow, slowStream, slowId);
            // ...then a later writer appends and commits while the slow one is still open.
            AppendResult fast = store.append(fastStream, ExpectedVersion.NO_STREAM, List.of(event("Opened", 2))).await().atMost(WAIT);
            assertThat(fast.checkpoint().position()).isGreaterThan(start.position());

            // A subscriber polling now must not pass the slow writer's position: it gets nothing yet.
            List<RecordedEvent> whileOpen = store.readAll(start, 100).await().atMost(WAIT);
            assertThat(whileOpen).extracting(RecordedEvent::streamId).doesNotContain(fastStream, slowStream);

            slow.commit();
        }

        List<RecordedEvent> afterCommit = readFrom(start);
        assertThat(afterCommit).extracting(RecordedEvent::streamId).containsSubsequence(slowStream, fastStream);
        assertThat(afterCommit).extracting(RecordedEvent::eventId).contains(slowId);
    }

    @Test
    void readAllKeepsTransactionOrderWhenTransactionIdsGainADigit() throws SQLException {
        // Transaction ids are xid8; sorted as text, "1000" would come before "999" and the keyset cursor would skip.
        long boundary = 10;
        while (boundary <= currentTransactionId() + 2) {
            boundary *= 10;
        }
        burnTransactionIdsUntil(boundary - 3);
        AppendResult below = store.append(newStream(), ExpectedVersion.NO_STREAM, List.of(event("Opened", 1))).await().atMost(WAIT);
        burnTransactionIdsUntil(boundary);
        AppendResult above = store.append(newStream(), ExpectedVersion.NO_STREAM, List.of(event("Opened", 2))).await().atMost(WAIT);
        assertThat(below.checkpoint().transactionId()).isLessThan(boundary);
        assertThat(above.checkpoint().transactionId()).isGreaterThanOrEqualTo(boundary);

        Checkpoint justBefore = new Checkpoint(below.checkpoint().transactionId() - 1, Long.MAX_VALUE);
        List<RecordedEvent> first = store.readAll(justBefore, 1).await().atMost(WAIT);
        List<RecordedEvent> second = store.readAll(first.getFirst().checkpoint(), 1).await().atMost(WAIT);

        assertThat(first.getFirst().checkpoint()).isEqualTo(below.checkpoint());
        assertThat(second.getFirst().checkpoint()).isEqualTo(above.checkpoint());
    }

    private long currentTransactionId() throws SQLException {
        try (Connection c = jdbc.getConnection(); Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT pg_current_xact_id()::text")) {
            rs.next();
            return Long.parseLong(rs.getString(1));
        }
    }

    /** Each autocommit statement that asks for its transaction id consumes one. */
    private void burnTransactionIdsUntil(long target) throws SQLException {
        try (Connection c = jdbc.getConnection(); Statement s = c.createStatement()) {
            long current = 0;
            while (current < target) {
                try (java.sql.ResultSet rs = s.executeQuery("SELECT pg_current_xact_id()::text")) {
                    rs.next();
                    current = Long.parseLong(rs.getString(1));
                }
            }
        }
    }

    @Test
    void theStoreRefusesToChangeOrDeleteAStoredEvent() throws SQLException {
        String stream = newStream();
        store.append(stream, ExpectedVersion.NO_STREAM, List.of(event("Opened", 1), event("Drawn", 2))).await().atMost(WAIT);

        try (Connection c = jdbc.getConnection(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("UPDATE events SET payload = '{\"amount\": 1}' WHERE stream_id = '" + stream + "'"))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.executeUpdate("DELETE FROM events WHERE stream_id = '" + stream + "'"))
                    .hasMessageContaining("append-only");
        }
        assertThat(store.readStream(stream, 1).await().atMost(WAIT)).extracting(e -> e.payload().get("amount").asText())
                .containsExactly("1.00", "2.00");
        assertThat(store.verifyStream(stream).await().atMost(WAIT).intact()).isTrue();
    }

    /** A v1 shape {amount} evolved into v2 {amount, currency}: the old row still reads, as v2. */
    public record LimitSet(String amount, String currency) {
    }

    @Test
    void anEventStoredInAnOldShapeReadsAsTheCurrentShape() {
        EventTypeRegistry registry = new EventTypeRegistry().register("LimitSet", LimitSet.class, 2, Map.of(
                1, old -> old.put("currency", "CNY")));
        String stream = newStream();
        ObjectNode v1 = JsonNodeFactory.instance.objectNode().put("amount", "100.00");
        store.append(stream, ExpectedVersion.NO_STREAM, List.of(
                new NewEvent(UUID.randomUUID(), "LimitSet", 1, v1, EventMetadata.system("test")))).await().atMost(WAIT);
        store.append(stream, ExpectedVersion.exactly(1), List.of(newEvent(registry, new LimitSet("200.00", "USD"))))
                .await().atMost(WAIT);

        List<Object> read = store.readStream(stream, 1).await().atMost(WAIT).stream().map(registry::deserialize).toList();

        assertThat(read).containsExactly(new LimitSet("100.00", "CNY"), new LimitSet("200.00", "USD"));
    }

    private static NewEvent newEvent(EventTypeRegistry registry, Object event) {
        EventTypeRegistry.Serialized s = registry.serialize(event);
        return new NewEvent(UUID.randomUUID(), s.type(), s.schemaVersion(), s.payload(), EventMetadata.system("test"));
    }

    private Checkpoint drain(Checkpoint from) {
        Checkpoint at = from;
        for (List<RecordedEvent> batch = store.readAll(at, 500).await().atMost(WAIT); !batch.isEmpty();
             batch = store.readAll(at, 500).await().atMost(WAIT)) {
            at = batch.getLast().checkpoint();
        }
        return at;
    }

    private List<RecordedEvent> readFrom(Checkpoint from) {
        List<RecordedEvent> all = new ArrayList<>();
        Checkpoint at = from;
        for (List<RecordedEvent> batch = store.readAll(at, 500).await().atMost(WAIT); !batch.isEmpty();
             batch = store.readAll(at, 500).await().atMost(WAIT)) {
            all.addAll(batch);
            at = batch.getLast().checkpoint();
        }
        return all;
    }

    private static void insertRaw(Connection connection, String stream, UUID eventId) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO events (stream_id, stream_version, event_id, event_type, schema_version, payload, metadata,
                                    recorded_at, previous_hash, hash)
                VALUES (?, 1, ?, 'Opened', 1, '{}'::jsonb, '{}'::jsonb, now(), ?, ?)""")) {
            insert.setString(1, stream);
            insert.setObject(2, eventId);
            insert.setString(3, HashChain.GENESIS);
            insert.setString(4, HashChain.GENESIS);
            insert.executeUpdate();
        }
    }

    /**
     * The offer scan's batch read: several streams after their own versions in one statement. Every stream answered is
     * whole after its version (one with nothing after it answers empty); when the limit cuts the read, the stream it
     * cut and those it did not reach are left out rather than answered short.
     */
    @Test
    void severalStreamsAreReadAfterTheirVersionsInOneReadAndALimitNeverAnswersAStreamShort() {
        String a = newStream();
        String b = newStream();
        String c = newStream();
        store.append(a, ExpectedVersion.NO_STREAM, List.of(event("Opened", 1), event("Drawn", 2), event("Drawn", 3))).await().atMost(WAIT);
        store.append(b, ExpectedVersion.NO_STREAM, List.of(event("Opened", 4), event("Drawn", 5))).await().atMost(WAIT);
        store.append(c, ExpectedVersion.NO_STREAM, List.of(event("Opened", 6))).await().atMost(WAIT);
        Map<String, Long> after = new java.util.LinkedHashMap<>();
        after.put(a, 1L);
        after.put(b, 0L);
        after.put(c, 1L);

        Map<String, List<RecordedEvent>> all = store.readStreamsAfter(after, 100).await().atMost(WAIT);
        assertThat(all).containsOnlyKeys(a, b, c);
        assertThat(all.get(a)).extracting(RecordedEvent::streamVersion).containsExactly(2L, 3L);
        assertThat(all.get(b)).extracting(RecordedEvent::streamVersion).containsExactly(1L, 2L);
        assertThat(all.get(c)).isEmpty();

        Map<String, List<RecordedEvent>> cut = store.readStreamsAfter(after, 3).await().atMost(WAIT);
        assertThat(cut).hasSize(1); // the first stream read, whole; the second was cut short, so it is left out
        cut.forEach((stream, events) -> assertThat(events).hasSameSizeAs(all.get(stream)).isNotEmpty());
    }

    @Test
    void theStreamsHoldingAnEventWithEachOfSeveralValuesAreFoundInOneRead() {
        String prefix = "test-opened-" + UUID.randomUUID() + "-";
        String first = prefix + "1";
        String second = prefix + "2";
        String third = prefix + "3";
        store.append(first, ExpectedVersion.NO_STREAM, List.of(opened("B-1"))).await().atMost(WAIT);
        store.append(second, ExpectedVersion.NO_STREAM, List.of(opened("B-1"))).await().atMost(WAIT);
        store.append(third, ExpectedVersion.NO_STREAM, List.of(opened("B-2"))).await().atMost(WAIT);

        Map<String, List<String>> byBorrower = store.streamIdsWithEvents(prefix, "Opened", "borrowerId",
                List.of("B-1", "B-2", "B-3")).await().atMost(WAIT);
        assertThat(byBorrower.get("B-1")).containsExactlyInAnyOrder(first, second);
        assertThat(byBorrower.get("B-2")).containsExactly(third);
        assertThat(byBorrower.get("B-3")).isEmpty();
    }

    private static NewEvent opened(String borrowerId) {
        return new NewEvent(UUID.randomUUID(), "Opened", 1, JsonNodeFactory.instance.objectNode().put("borrowerId", borrowerId),
                EventMetadata.system("test"));
    }

    private static String newStream() {
        return "test-" + UUID.randomUUID();
    }

    private static NewEvent event(String type, int amount) {
        return new NewEvent(UUID.randomUUID(), type, 1, payload(amount), EventMetadata.system("test"));
    }

    private static ObjectNode payload(int amount) {
        return JsonNodeFactory.instance.objectNode().put("amount", amount + ".00");
    }
}
