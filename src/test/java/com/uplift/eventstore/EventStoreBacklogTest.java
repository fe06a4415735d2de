package com.uplift.eventstore;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** How far a reader trails the log: what the projections' lag is measured with. */
@QuarkusTest
@Tag("integration")
class EventStoreBacklogTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    EventStore store;

    @Test
    void aReaderBeforeThreeEventsCountsThemAndSeesTheFirstAsItsOldestUnread() {
        String stream = "test-backlog-" + UUID.randomUUID();
        Checkpoint before = store.append(stream, ExpectedVersion.NO_STREAM, List.of(event())).await().atMost(WAIT).checkpoint();
        Checkpoint head = store.append(stream, ExpectedVersion.exactly(1), List.of(event(), event(), event()))
                .await().atMost(WAIT).checkpoint();
        Instant secondRecordedAt = store.readStream(stream, 2).await().atMost(WAIT).getFirst().recordedAt();

        EventStore.Backlog behind = store.backlogAfter(before).await().atMost(WAIT);
        assertThat(behind.events()).isEqualTo(3); // this test class shares its database with no concurrent writer
        assertThat(behind.oldestUnreadAt()).isEqualTo(secondRecordedAt);
        assertThat(behind.secondsBehind(secondRecordedAt.plusSeconds(90))).isEqualTo(90);

        EventStore.Backlog atHead = store.backlogAfter(head).await().atMost(WAIT);
        assertThat(atHead.events()).isZero();
        assertThat(atHead.oldestUnreadAt()).isNull();
        assertThat(atHead.secondsBehind(secondRecordedAt.plusSeconds(90))).isZero();
    }

    @Test
    void aBoundedCountStopsAtItsBoundAndStillSeesTheFirstUnreadAsTheOldest() {
        String stream = "test-backlog-" + UUID.randomUUID();
        Checkpoint before = store.append(stream, ExpectedVersion.NO_STREAM, List.of(event())).await().atMost(WAIT).checkpoint();
        store.append(stream, ExpectedVersion.exactly(1), List.of(event(), event(), event(), event(), event()))
                .await().atMost(WAIT);
        Instant secondRecordedAt = store.readStream(stream, 2).await().atMost(WAIT).getFirst().recordedAt();

        EventStore.Backlog bounded = store.backlogAfter(before, 3).await().atMost(WAIT);
        assertThat(bounded.events()).isEqualTo(3);
        assertThat(bounded.oldestUnreadAt()).isEqualTo(secondRecordedAt);
        EventStore.Backlog roomy = store.backlogAfter(before, 100).await().atMost(WAIT);
        assertThat(roomy.events()).isEqualTo(5).isEqualTo(store.backlogAfter(before).await().atMost(WAIT).events());
        assertThat(roomy.oldestUnreadAt()).isEqualTo(secondRecordedAt);
    }

    @Test
    void anOldestUnreadEventRecordedInTheFutureIsNeverANegativeLag() {
        Instant recorded = Instant.parse("2026-11-28T10:00:00Z");
        assertThat(new EventStore.Backlog(1, recorded).secondsBehind(recorded.minusSeconds(5))).isZero();
    }

    private static NewEvent event() {
        return new NewEvent(UUID.randomUUID(), "Opened", 1, JsonNodeFactory.instance.objectNode().put("amount", "1.00"),
                EventMetadata.system("test"));
    }
}
