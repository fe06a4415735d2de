package com.uplift.readmodel;

import com.uplift.eventstore.Checkpoint;
import com.uplift.eventstore.EventStore;
import com.uplift.eventstore.RecordedEvent;
import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The projections of an instance share a read of the log only where that is a correct answer for each: same
 * checkpoint and batch size, and a read begun no earlier than the turn that takes it.
 */
class SharedReadsTest {

    /** A store whose reads are counted and answer one event per read, numbered, so that two answers can be told apart. */
    static final class CountingStore extends EventStore {
        final List<Checkpoint> reads = new ArrayList<>();
        boolean failNext;

        CountingStore() {
            super(null, Clock.systemUTC());
        }

        @Override
        public Uni<List<RecordedEvent>> readAll(Checkpoint after, int limit) {
            return Uni.createFrom().deferred(() -> {
                reads.add(after);
                if (failNext) {
                    failNext = false;
                    return Uni.createFrom().failure(new IllegalStateException("connection lost"));
                }
                return Uni.createFrom().item(List.of(new RecordedEvent(after.position() + reads.size(), 1, "credit-line-x",
                        reads.size(), null, "RepaymentRecorded", 1, "{}", "{}", Instant.EPOCH, null, null)));
            });
        }
    }

    private final CountingStore store = new CountingStore();
    private final AtomicLong now = new AtomicLong(1_000);
    private final SharedReads reads = new SharedReads(store, now::get);
    private static final Checkpoint AT = new Checkpoint(7, 40);

    @Test
    void turnsThatBeganBeforeARead_shareItsAnswer() {
        long turnsBegan = now.get();
        now.addAndGet(5);
        List<RecordedEvent> first = reads.readAll(AT, 500, turnsBegan).await().indefinitely();
        List<RecordedEvent> second = reads.readAll(AT, 500, turnsBegan).await().indefinitely();
        List<RecordedEvent> third = reads.readAll(AT, 500, turnsBegan + 2).await().indefinitely();

        assertThat(store.reads).hasSize(1);
        assertThat(second).isSameAs(first);
        assertThat(third).isSameAs(first);
    }

    @Test
    void aTurnThatBeganAfterARead_readsAfresh() {
        reads.readAll(AT, 500, now.get()).await().indefinitely();
        now.addAndGet(1);
        long laterTurn = now.get();
        List<RecordedEvent> afresh = reads.readAll(AT, 500, laterTurn).await().indefinitely();

        assertThat(store.reads).hasSize(2);
        assertThat(afresh.getFirst().streamVersion()).isEqualTo(2);
        // and that newer read is then the one shared with turns that began before it
        assertThat(reads.readAll(AT, 500, laterTurn).await().indefinitely()).isSameAs(afresh);
        assertThat(store.reads).hasSize(2);
    }

    @Test
    void anotherCheckpointOrBatchSize_isAnotherRead() {
        long turn = now.get();
        reads.readAll(AT, 500, turn).await().indefinitely();
        reads.readAll(new Checkpoint(7, 41), 500, turn).await().indefinitely();
        reads.readAll(AT, 100, turn).await().indefinitely();

        assertThat(store.reads).containsExactly(AT, new Checkpoint(7, 41), AT);
    }

    @Test
    void aFailedReadIsNotKept() {
        long turn = now.get();
        store.failNext = true;
        assertThatThrownBy(() -> reads.readAll(AT, 500, turn).await().indefinitely()).hasMessage("connection lost");

        List<RecordedEvent> retried = reads.readAll(AT, 500, turn).await().indefinitely();

        assertThat(store.reads).hasSize(2);
        assertThat(retried).hasSize(1);
    }

    @Test
    void onlyTheLastReadsAreKept() {
        long turn = now.get();
        for (int i = 0; i <= SharedReads.KEPT; i++) {
            reads.readAll(new Checkpoint(7, 100 + i), 500, turn).await().indefinitely();
        }
        reads.readAll(new Checkpoint(7, 100 + SharedReads.KEPT), 500, turn).await().indefinitely(); // kept: shared
        reads.readAll(new Checkpoint(7, 100), 500, turn).await().indefinitely(); // the eldest, dropped: read again

        assertThat(store.reads).hasSize(SharedReads.KEPT + 2);
    }
}
