package com.uplift.readmodel;

import com.uplift.eventstore.Checkpoint;
import com.uplift.eventstore.EventStore;
import com.uplift.eventstore.RecordedEvent;
import io.smallrye.mutiny.Uni;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Reads of the global log shared by the projections of one instance. A commit wakes every projection at once, and
 * those at the same checkpoint (all of them, while they keep up) would each read the same events: six reads of the
 * same rows per commit, the second largest item of the database's work under load after the appends themselves
 * (docs/benchmarks.md). Here the first of them reads, and the others at that checkpoint take its answer.
 * <p>
 * Why an answer read for another projection is a correct one: {@link EventStore#readAll} answers a prefix of the
 * gap-safe log after the checkpoint, and any such prefix is a correct batch for any reader at that checkpoint; it may
 * only be shorter than a read made later would be. That matters in one way: a runner that reads fewer than a batch
 * takes it that it has reached the head and waits to be woken, so it must not take an answer read before its turn
 * began, which could miss a commit whose wake began this very turn. So an answer is shared only with turns that began
 * before its read did ({@code notStartedBefore}); a later turn reads afresh.
 * <p>
 * A failed read is not kept: the next turn reads again. Only the last {@value #KEPT} reads are held, so memory is
 * bounded by that many batches, most of them the same events.
 */
final class SharedReads {

    static final int KEPT = 16;

    private record Key(Checkpoint from, int limit) {
    }

    private record Read(long startedAt, Uni<List<RecordedEvent>> events) {
    }

    private final EventStore store;
    private final LongSupplier nanoTime;
    private final Map<Key, Read> recent = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Read> eldest) {
            return size() > KEPT;
        }
    };

    SharedReads(EventStore store, LongSupplier nanoTime) {
        this.store = store;
        this.nanoTime = nanoTime;
    }

    /**
     * Up to {@code limit} events after {@code from}, as {@link EventStore#readAll} answers them, from a read begun at or
     * after {@code notStartedBefore} (a {@link System#nanoTime} value: the start of the caller's turn), by this call or
     * by another caller's.
     */
    Uni<List<RecordedEvent>> readAll(Checkpoint from, int limit, long notStartedBefore) {
        Key key = new Key(from, limit);
        synchronized (recent) {
            Read earlier = recent.get(key);
            if (earlier != null && earlier.startedAt() >= notStartedBefore) {
                return earlier.events();
            }
            // read before the statement can be sent: whatever committed before startedAt is visible to it
            long startedAt = nanoTime.getAsLong();
            Read[] self = new Read[1];
            Uni<List<RecordedEvent>> events = store.readAll(from, limit)
                    .onFailure().invoke(() -> forget(key, self[0]))
                    .memoize().indefinitely();
            self[0] = new Read(startedAt, events);
            recent.put(key, self[0]);
            return events;
        }
    }

    private void forget(Key key, Read read) {
        synchronized (recent) {
            recent.remove(key, read);
        }
    }
}
