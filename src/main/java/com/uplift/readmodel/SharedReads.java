package com.uplift.readmodel;

import com.uplift.eventstore.Checkpoint;
import com.uplift.eventstore.EventStore;
import com.uplift.eventstore.RecordedEvent;
import io.smallrye.mutiny.Uni;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Reads of the global log shared by the projections of one instance. A commit wakes every projection, and each would
 * read the same events: under the write benchmark six reads of every event, the largest share of the database's
 * statement time after the appends (docs/benchmarks.md). Two ways to share:
 * <ul>
 * <li><b>The tail.</b> The most recent contiguous run of events read, in log order: the checkpoint before its first
 * event, its events, and for its end when the read that brought it began and whether that read reached the head
 * (answered fewer than it asked for). A reader whose checkpoint is the tail's start or one of its events is answered
 * from it: with no read when the tail holds a whole batch after it, or when the tail's end is fresh enough for its
 * turn (below); otherwise with one read after the tail's end, which extends the tail. Spaced turns leave the
 * projections at checkpoints a few hundred events apart, all inside the tail, so each event is read about once
 * instead of once per projection. Bounded: at most {@code tailCapacity} events, the oldest dropped first.</li>
 * <li><b>Keyed reads.</b> Readers at the same checkpoint with the same limit take one read, also while it is in
 * flight: the projections that arrive together at the tail's end, and readers outside the tail (a lagging one, a
 * rebuild's catch-up). Only the last {@value #KEPT} are held.</li>
 * </ul>
 * Why an answer from the tail is correct: {@link EventStore#readAll} answers a prefix of the gap-safe log after its
 * checkpoint. A transaction still running when a read was made has a transaction id at or above the horizon, above
 * every id that read returned, so it sorts after all of them and can never land inside what the read returned. Hence
 * reads that each begin where the previous one ended (or inside it) concatenate into a prefix of the log after the
 * first one's checkpoint, and any stretch of that after a checkpoint within it is a correct batch for a reader at that
 * checkpoint; it may only be shorter than a read made later would be. That matters in one way: a runner that gets
 * fewer than a batch takes it that it has reached the head and waits to be woken, so it must not take an answer read
 * before the commit behind the last wake its turn answers for (a wake arrives after its commit; later wakes ask for
 * another turn). So a short answer is given only if the read that brought the tail's end (or the keyed read) began
 * at or after that wake arrived ({@code notStartedBefore}) and reached the head; a full batch needs no such freshness.
 * The runner starts the turns a commit woke on one grid of instants, so one read after the tail's end serves them all.
 * <p>
 * A failed read is not kept: the next turn reads again. Callers come from several event loops: the state is guarded by
 * one lock, held only to decide and to record, never while a read runs. Answers are immutable (projections share
 * them).
 */
final class SharedReads {

    static final int KEPT = 16;

    private record Key(Checkpoint from, int limit) {
    }

    private record Read(long startedAt, Uni<List<RecordedEvent>> events) {
    }

    private final EventStore store;
    private final LongSupplier nanoTime;
    private final int tailCapacity;
    /** Guards the keyed reads and the tail. */
    private final Object lock = new Object();
    private final Map<Key, Read> recent = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Read> eldest) {
            return size() > KEPT;
        }
    };
    /** The checkpoint before the tail's first event; null while there is no tail. */
    private Checkpoint tailStart;
    private final ArrayList<RecordedEvent> tail = new ArrayList<>();
    /** When the read that brought the tail's end began (nanoTime), and whether it reached the head. */
    private long tailEndReadAt;
    private boolean tailEndAtHead;

    /** {@code tailCapacity}: the most events the tail holds (a few batches: the projections' spread under load). */
    SharedReads(EventStore store, LongSupplier nanoTime, int tailCapacity) {
        if (tailCapacity < 1) {
            throw new IllegalArgumentException("the tail must hold at least one event: " + tailCapacity);
        }
        this.store = store;
        this.nanoTime = nanoTime;
        this.tailCapacity = tailCapacity;
    }

    /**
     * Up to {@code limit} events after {@code from}, as {@link EventStore#readAll} answers them; fewer than
     * {@code limit} only from a read begun at or after {@code notStartedBefore} (a {@link System#nanoTime} value: when
     * the last wake the caller's turn answers for arrived, so after the commit behind it), by this call or by another
     * caller's.
     */
    Uni<List<RecordedEvent>> readAll(Checkpoint from, int limit, long notStartedBefore) {
        List<RecordedEvent> available;
        Checkpoint tailEnd;
        synchronized (lock) {
            int first = firstAfter(from);
            if (first < 0) {
                return keyed(from, limit, notStartedBefore);
            }
            available = List.copyOf(tail.subList(first, Math.min(tail.size(), first + limit)));
            if (available.size() == limit || tailEndAtHead && tailEndReadAt >= notStartedBefore) {
                return Uni.createFrom().item(available);
            }
            tailEnd = tailEnd();
        }
        // what the tail holds after from, and the rest of the batch read after the tail's end (which it extends)
        return keyed(tailEnd, limit, notStartedBefore).map(fresh -> joined(available, fresh, limit));
    }

    /** How many events the tail holds. For tests. */
    int tailSize() {
        synchronized (lock) {
            return tail.size();
        }
    }

    private Uni<List<RecordedEvent>> keyed(Checkpoint from, int limit, long notStartedBefore) {
        Key key = new Key(from, limit);
        synchronized (lock) {
            Read earlier = recent.get(key);
            if (earlier != null && earlier.startedAt() >= notStartedBefore) {
                return earlier.events();
            }
            // read before the statement can be sent: whatever committed before startedAt is visible to it
            long startedAt = nanoTime.getAsLong();
            Read[] self = new Read[1];
            Uni<List<RecordedEvent>> events = store.readAll(from, limit)
                    .map(List::copyOf)
                    .invoke(read -> keep(from, limit, startedAt, read))
                    .onFailure().invoke(() -> forget(key, self[0]))
                    .memoize().indefinitely();
            self[0] = new Read(startedAt, events);
            recent.put(key, self[0]);
            return events;
        }
    }

    /**
     * Takes a read that came back into the tail: one that begins inside the tail (at its end, typically) and goes
     * beyond it extends it; one that ends where the tail ends refreshes what is known of the end; one that goes beyond
     * the tail from elsewhere (or the first read) starts a new tail; anything else (a lagging reader, a rebuild's
     * catch-up far behind) leaves it alone.
     */
    private void keep(Checkpoint from, int limit, long startedAt, List<RecordedEvent> read) {
        boolean atHead = read.size() < limit;
        Checkpoint readEnd = read.isEmpty() ? from : read.getLast().checkpoint();
        synchronized (lock) {
            if (tailStart == null) {
                startTail(from, read, startedAt, atHead);
                return;
            }
            int beyond = readEnd.compareTo(tailEnd());
            int first = firstAfter(from);
            if (first >= 0 && beyond > 0) {
                // the same events up to the tail's end (both are prefixes of the log after from), then new ones
                tail.subList(first, tail.size()).clear();
                tail.addAll(read);
                tailEndReadAt = startedAt;
                tailEndAtHead = atHead;
                bound();
            } else if (first >= 0 && beyond == 0) {
                if (atHead && (!tailEndAtHead || startedAt > tailEndReadAt)) {
                    tailEndReadAt = startedAt;
                    tailEndAtHead = true;
                }
            } else if (beyond > 0) {
                startTail(from, read, startedAt, atHead);
            }
        }
    }

    private void startTail(Checkpoint from, List<RecordedEvent> read, long startedAt, boolean atHead) {
        tailStart = from;
        tail.clear();
        tail.addAll(read);
        tailEndReadAt = startedAt;
        tailEndAtHead = atHead;
        bound();
    }

    /** Drops the oldest events beyond the capacity; the tail then starts at the last one dropped. */
    private void bound() {
        int drop = tail.size() - tailCapacity;
        if (drop > 0) {
            tailStart = tail.get(drop - 1).checkpoint();
            tail.subList(0, drop).clear();
        }
    }

    private Checkpoint tailEnd() {
        return tail.isEmpty() ? tailStart : tail.getLast().checkpoint();
    }

    /**
     * The index in the tail of the first event after {@code from}, if {@code from} is the tail's start or the place of
     * one of its events (then possibly the tail's size: nothing after it yet); -1 otherwise.
     */
    private int firstAfter(Checkpoint from) {
        if (tailStart == null) {
            return -1;
        }
        if (from.equals(tailStart)) {
            return 0;
        }
        int low = 0;
        int high = tail.size() - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            RecordedEvent event = tail.get(middle);
            int order = Long.compare(event.transactionId(), from.transactionId());
            if (order == 0) {
                order = Long.compare(event.globalPosition(), from.position());
            }
            if (order < 0) {
                low = middle + 1;
            } else if (order > 0) {
                high = middle - 1;
            } else {
                return middle + 1;
            }
        }
        return -1;
    }

    private static List<RecordedEvent> joined(List<RecordedEvent> available, List<RecordedEvent> fresh, int limit) {
        if (available.isEmpty()) {
            return fresh;
        }
        List<RecordedEvent> batch = new ArrayList<>(Math.min(limit, available.size() + fresh.size()));
        batch.addAll(available);
        batch.addAll(fresh.subList(0, Math.min(fresh.size(), limit - available.size())));
        return List.copyOf(batch);
    }

    private void forget(Key key, Read read) {
        synchronized (lock) {
            recent.remove(key, read);
        }
    }
}
