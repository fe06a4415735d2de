package com.uplift.eventstore;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.uplift.eventstore.EventStore.FoldEvent;
import com.uplift.eventstore.EventStore.FoldRead;
import com.uplift.eventstore.EventStore.Stretch;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rebuild reads of each event only what its fold asks for, extracted by PostgreSQL: a few fields, the payload whole,
 * or nothing but the event's place. A field is named for one schema version; an event stored at another comes whole,
 * so that its upcasters, not a field path written for another shape, decide what it says.
 */
@QuarkusTest
@Tag("integration")
class ReadForFoldTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Inject
    EventStore store;

    @Test
    void eachEventComesWithWhatTheFoldReadsOfItsTypeAndItsVersion() {
        String stream = "fold-" + UUID.randomUUID();
        ObjectNode scored = JSON.objectNode().put("grade", "B").put("aprPercent", "9.90").putNull("reason");
        scored.putObject("assessment").put("score", 81).putArray("breakdown").add("long").add("details");
        ObjectNode scoredBefore = scored.deepCopy().put("grade", "C");
        store.append(stream, ExpectedVersion.NO_STREAM, List.of(
                event("Opened", 1, JSON.objectNode().put("limit", "80000.00")),
                event("Scored", 2, scored),
                event("Scored", 1, scoredBefore),
                event("Noted", 1, JSON.objectNode().put("text", "a long note")),
                event("NotRead", 1, JSON.objectNode().put("secret", "x")))).await().atMost(WAIT);
        List<RecordedEvent> stored = store.readStream(stream, 1).await().atMost(WAIT);
        Checkpoint first = stored.getFirst().checkpoint();
        Stretch stretch = new Stretch(new Checkpoint(first.transactionId(), first.position() - 1), stored.getLast().checkpoint(),
                stored.size(), stored.getLast().recordedAt());

        List<FoldEvent> read = store.readForFold(stretch, "fold-", List.of(
                new FoldRead("Opened", 1, true, List.of()),
                new FoldRead("Scored", 2, false, List.of("assessment.score", "grade", "reason")),
                new FoldRead("Noted", 1, false, List.of()))).await().atMost(WAIT);

        assertThat(read).extracting(e -> e.recorded().eventType()).containsExactly("Opened", "Scored", "Scored", "Noted");
        assertThat(read).extracting(e -> e.recorded().streamVersion()).containsExactly(1L, 2L, 3L, 4L);
        assertThat(read).extracting(e -> e.recorded().checkpoint())
                .containsExactly(stored.get(0).checkpoint(), stored.get(1).checkpoint(), stored.get(2).checkpoint(),
                        stored.get(3).checkpoint());
        assertThat(read).extracting(e -> e.recorded().recordedAt()).containsOnly(stored.getFirst().recordedAt());

        FoldEvent opened = read.get(0);
        assertThat(opened.whole()).isTrue();
        assertThat(opened.recorded().payload()).isEqualTo(stored.get(0).payload());
        assertThat(opened.fields()).containsOnlyNulls();

        FoldEvent byFields = read.get(1);
        assertThat(byFields.whole()).isFalse();
        assertThat(byFields.fields()).isEqualTo(Arrays.asList("81", "B", null));

        FoldEvent olderShape = read.get(2);
        assertThat(olderShape.whole()).as("stored at v1, the fields are named for v2").isTrue();
        assertThat(olderShape.recorded().payload()).isEqualTo(scoredBefore);
        assertThat(olderShape.recorded().schemaVersion()).isEqualTo(1);
        assertThat(olderShape.fields()).containsOnlyNulls();

        FoldEvent counted = read.get(3);
        assertThat(counted.whole()).isFalse();
        assertThat(counted.fields()).containsOnlyNulls();
    }

    @Test
    void onlyTheStreamsWithThePrefixAreRead() {
        String stream = "other-" + UUID.randomUUID();
        store.append(stream, ExpectedVersion.NO_STREAM, List.of(event("Opened", 1, JSON.objectNode()))).await().atMost(WAIT);
        RecordedEvent stored = store.readStream(stream, 1).await().atMost(WAIT).getFirst();
        Checkpoint at = stored.checkpoint();
        Stretch stretch = new Stretch(new Checkpoint(at.transactionId(), at.position() - 1), at, 1, stored.recordedAt());

        assertThat(store.readForFold(stretch, "fold-", List.of(new FoldRead("Opened", 1, true, List.of())))
                .await().atMost(WAIT)).isEmpty();
        assertThat(store.readForFold(stretch, "other-", List.of(new FoldRead("Opened", 1, true, List.of())))
                .await().atMost(WAIT)).hasSize(1);
    }

    private static NewEvent event(String type, int schemaVersion, ObjectNode payload) {
        return new NewEvent(UUID.randomUUID(), type, schemaVersion, payload, EventMetadata.system("test"));
    }
}
