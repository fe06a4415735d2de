package com.uplift.eventstore;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.uplift.eventstore.EventStore.StreamAppend;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Several streams in one transaction: how a command claims a shared stream (a borrower's exposure) together with its
 * own. All land or none does; a conflict on any stream names that stream.
 */
@QuarkusTest
@Tag("integration")
class MultiStreamAppendTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    EventStore store;

    @Test
    void aConflictOnTheSharedStreamLeavesTheOwnStreamUntouched() {
        String own = newStream();
        String shared = newStream();
        store.append(own, ExpectedVersion.NO_STREAM, List.of(event("Opened"))).await().atMost(WAIT);
        store.append(shared, ExpectedVersion.NO_STREAM, List.of(event("Claimed"))).await().atMost(WAIT);

        assertThatThrownBy(() -> store.appendAll(List.of(
                new StreamAppend(own, ExpectedVersion.exactly(1), List.of(event("Raised"))),
                new StreamAppend(shared, ExpectedVersion.exactly(0), List.of(event("Claimed"))))).await().atMost(WAIT))
                .isInstanceOfSatisfying(WrongExpectedVersionException.class, e -> {
                    assertThat(e.streamId()).isEqualTo(shared);
                    assertThat(e.actualVersion()).isEqualTo(1);
                });
        assertThat(store.readStream(own, 1).await().atMost(WAIT)).hasSize(1);

        List<AppendResult> results = store.appendAll(List.of(
                new StreamAppend(own, ExpectedVersion.exactly(1), List.of(event("Raised"))),
                new StreamAppend(shared, ExpectedVersion.exactly(1), List.of(event("Claimed"), event("Claimed")))))
                .await().atMost(WAIT);
        assertThat(results).extracting(AppendResult::streamVersion).containsExactly(2L, 3L);
        RecordedEvent ownEvent = store.readStream(own, 2).await().atMost(WAIT).getFirst();
        RecordedEvent sharedEvent = store.readStream(shared, 3).await().atMost(WAIT).getFirst();
        assertThat(ownEvent.transactionId()).as("one transaction").isEqualTo(sharedEvent.transactionId());
        assertThat(store.verifyStream(own).await().atMost(WAIT).intact()).isTrue();
        assertThat(store.verifyStream(shared).await().atMost(WAIT).intact()).isTrue();
    }

    @Test
    void tenStreamsRacingForOneSharedVersionLetExactlyOneLandAndNoLoserWritesItsOwnStream() {
        String shared = newStream();
        store.append(shared, ExpectedVersion.NO_STREAM, List.of(event("Claimed"))).await().atMost(WAIT);
        List<String> owns = new ArrayList<>();
        List<String> winners = Collections.synchronizedList(new ArrayList<>());
        List<Uni<Void>> racers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String own = newStream();
            owns.add(own);
            racers.add(store.appendAll(List.of(
                            new StreamAppend(own, ExpectedVersion.NO_STREAM, List.of(event("Opened"))),
                            new StreamAppend(shared, ExpectedVersion.exactly(1), List.of(event("Claimed")))))
                    .onItem().invoke(() -> winners.add(own))
                    .onFailure(WrongExpectedVersionException.class).recoverWithNull()
                    .replaceWithVoid());
        }
        Uni.join().all(racers).andFailFast().await().atMost(WAIT);

        assertThat(winners).hasSize(1);
        assertThat(store.readStream(shared, 1).await().atMost(WAIT)).hasSize(2);
        for (String own : owns) {
            assertThat(store.readStream(own, 1).await().atMost(WAIT)).hasSize(own.equals(winners.getFirst()) ? 1 : 0);
        }
    }

    private static String newStream() {
        return "test-" + UUID.randomUUID();
    }

    private static NewEvent event(String type) {
        return new NewEvent(UUID.randomUUID(), type, 1, JsonNodeFactory.instance.objectNode().put("at", "now"),
                EventMetadata.system("test"));
    }
}
