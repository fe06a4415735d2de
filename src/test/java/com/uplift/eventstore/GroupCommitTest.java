package com.uplift.eventstore;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.uplift.testing.StatementCounts;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Group commit on a real database: single-stream appends sent while others are in flight share one INSERT and one
 * commit, and each keeps its own checks and outcome (a stale head or an event id stored before fails only that
 * append; the others of its group land).
 */
@QuarkusTest
@Tag("integration")
class GroupCommitTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int STREAMS = 64;

    @Inject
    Pool pool;

    @Inject
    Clock clock;

    @Test
    void appendsSentTogetherShareStatementsAndEachLandsWithItsOwnVersionsAndIntactChain() {
        StatementCounts.enable(pool);
        // one send in flight: everything submitted while the first is out goes in the next group
        EventStore store = new EventStore(pool, clock, 1);
        List<String> streams = new ArrayList<>();
        for (int i = 0; i < STREAMS; i++) {
            streams.add("group-" + UUID.randomUUID());
        }
        Map<String, Long> issued = StatementCounts.quietest(pool, 1, () -> {
            List<Uni<AppendResult>> firsts = new ArrayList<>();
            for (String stream : streams) {
                firsts.add(store.append(stream, ExpectedVersion.NO_STREAM, List.of(event("Opened"), event("Raised"))));
            }
            Uni.join().all(firsts).andFailFast().await().atMost(WAIT);
            List<Uni<AppendResult>> seconds = new ArrayList<>();
            for (String stream : streams) {
                // at the head this store remembers: no read of it first
                seconds.add(store.append(stream, ExpectedVersion.exactly(2), List.of(event("Repaid"))));
            }
            assertThat(Uni.join().all(seconds).andFailFast().await().atMost(WAIT))
                    .extracting(AppendResult::streamVersion).containsOnly(3L);
        });

        long inserts = issued.entrySet().stream().filter(e -> e.getKey().startsWith("INSERT INTO events"))
                .mapToLong(Map.Entry::getValue).sum();
        assertThat(inserts).as("INSERTs for %d appends: %s", 2 * STREAMS, issued).isLessThanOrEqualTo(STREAMS / 2);
        assertThat(issued.keySet()).as("no head was read: the store wrote them all").noneMatch(q -> q.contains("ORDER BY stream_version DESC"));
        for (String stream : streams) {
            List<RecordedEvent> events = store.readStream(stream, 1).await().atMost(WAIT);
            assertThat(events).extracting(RecordedEvent::streamVersion).containsExactly(1L, 2L, 3L);
            assertThat(events).extracting(RecordedEvent::eventType).containsExactly("Opened", "Raised", "Repaid");
            assertThat(store.verifyStream(stream).await().atMost(WAIT).intact()).as(stream).isTrue();
        }
        long[] sent = store.groupsSent();
        assertThat(sent[1]).isEqualTo(2L * STREAMS);
        assertThat(sent[0]).isLessThanOrEqualTo(STREAMS / 2);
    }

    @Test
    void aStaleHeadOrAnEventStoredBeforeFailsOnlyItsOwnAppendAndTheRestOfItsGroupLands() {
        EventStore store = new EventStore(pool, clock, 1);
        EventStore elsewhere = new EventStore(pool, clock, 1);
        List<String> streams = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String stream = "group-" + UUID.randomUUID();
            streams.add(stream);
            store.append(stream, ExpectedVersion.NO_STREAM, List.of(event("Opened"))).await().atMost(WAIT);
        }
        // another instance moves stream 3: this store's remembered head for it is stale
        elsewhere.append(streams.get(3), ExpectedVersion.exactly(1), List.of(event("Moved"))).await().atMost(WAIT);
        // and an event id stored before, in another stream, for stream 6
        NewEvent storedBefore = event("Repaid");
        elsewhere.append("group-" + UUID.randomUUID(), ExpectedVersion.NO_STREAM, List.of(storedBefore)).await().atMost(WAIT);

        List<Uni<Object>> appends = new ArrayList<>();
        for (int i = 0; i < streams.size(); i++) {
            NewEvent next = i == 6 ? storedBefore : event("Repaid");
            appends.add(store.append(streams.get(i), ExpectedVersion.exactly(1), List.of(next))
                    .<Object>map(AppendResult::streamVersion)
                    .onFailure().recoverWithItem(failure -> failure.getClass().getSimpleName()));
        }
        List<Object> outcomes = Uni.join().all(appends).andFailFast().await().atMost(WAIT);

        List<Object> expected = new ArrayList<>();
        for (int i = 0; i < streams.size(); i++) {
            expected.add(i == 3 ? "WrongExpectedVersionException" : i == 6 ? "EventIdConflictException" : 2L);
        }
        assertThat(outcomes).isEqualTo(expected);
        assertThat(store.readStream(streams.get(3), 1).await().atMost(WAIT)).extracting(RecordedEvent::eventType)
                .containsExactly("Opened", "Moved");
        assertThat(store.readStream(streams.get(6), 1).await().atMost(WAIT)).extracting(RecordedEvent::eventType)
                .containsExactly("Opened");
        for (String stream : streams) {
            assertThat(store.verifyStream(stream).await().atMost(WAIT).intact()).as(stream).isTrue();
        }
        assertThat(store.groupsSent()[0]).as("the appends went in groups").isLessThan(10 + streams.size());
    }

    private static NewEvent event(String type) {
        return new NewEvent(UUID.randomUUID(), type, 1, JsonNodeFactory.instance.objectNode().put("at", "now"),
                EventMetadata.system("test"));
    }
}
