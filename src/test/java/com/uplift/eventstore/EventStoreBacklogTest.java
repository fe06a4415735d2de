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
    void aReaderJustBeforeAnEventSeesItAsItsOldestUnreadAndAReaderAtTheHeadSeesNothing() {
        String stream = "test-backlog-" + UUID.randomUUID();
        long position = store.append(stream, ExpectedVersion.NO_STREAM, List.of(new NewEvent(UUID.randomUUID(), "Opened", 1,
                        JsonNodeFactory.instance.objectNode().put("amount", "1.00"), EventMetadata.system("test"))))
                .await().atMost(WAIT).checkpoint().position();
        Instant recordedAt = store.readStream(stream, 1).await().atMost(WAIT).getFirst().recordedAt();

        EventStore.Backlog before = store.backlogAfter(position - 1).await().atMost(WAIT);
        assertThat(before.headPosition()).isGreaterThanOrEqualTo(position);
        assertThat(before.oldestUnreadAt()).isEqualTo(recordedAt);
        assertThat(before.eventsAfter(position - 1)).isEqualTo(before.headPosition() - position + 1);
        assertThat(before.secondsBehind(recordedAt.plusSeconds(90))).isEqualTo(90);

        EventStore.Backlog atHead = store.backlogAfter(before.headPosition()).await().atMost(WAIT);
        assertThat(atHead.oldestUnreadAt()).isNull();
        assertThat(atHead.eventsAfter(before.headPosition())).isZero();
        assertThat(atHead.secondsBehind(recordedAt.plusSeconds(90))).isZero();
    }

    @Test
    void aCheckpointAheadOfTheHeadIsNeverANegativeLag() {
        EventStore.Backlog backlog = new EventStore.Backlog(10, null);
        assertThat(backlog.eventsAfter(12)).isZero();
        assertThat(backlog.eventsAfter(4)).isEqualTo(6);
        Instant recorded = Instant.parse("2026-11-28T10:00:00Z");
        assertThat(new EventStore.Backlog(10, recorded).secondsBehind(recorded.minusSeconds(5))).isZero();
    }
}
