package com.uplift.readmodel;

import com.uplift.eventstore.Checkpoint;
import com.uplift.eventstore.EventStore;
import com.uplift.eventstore.RecordedEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The projections of an instance share reads of the log only where that is a correct answer for each: an answer from
 * the most recent events read (the tail) or from a read at the same checkpoint and batch size, and fewer than a batch
 * only from a read begun no earlier than the turn that takes it.
 */
class SharedReadsTest {

    /**
     * A store with a log that grows, whose reads are counted. Like PostgreSQL's, its reads are gap-safe: they see the
     * committed events below the horizon (the oldest transaction still running), in (transaction id, position) order;
     * positions are handed out at commit, so a transaction begun earlier may commit later with higher positions and
     * still sort first. With {@link #deferAnswers} a read waits for {@link #deliver} and sees what is visible then.
     */
    static final class CountingStore extends EventStore {
        private static final Comparator<RecordedEvent> LOG_ORDER = Comparator.comparing(RecordedEvent::checkpoint);

        final List<Checkpoint> reads = new ArrayList<>();
        /** Every committed event, in log order. */
        final List<RecordedEvent> log = new ArrayList<>();
        final List<Pending> pending = new ArrayList<>();
        boolean failNext;
        boolean deferAnswers;
        private final TreeSet<Long> running = new TreeSet<>();
        private long nextTransaction = 7;
        private long nextPosition = 41;

        record Pending(Checkpoint after, int limit, UniEmitter<? super List<RecordedEvent>> emitter) {
        }

        CountingStore() {
            super(null, Clock.systemUTC());
        }

        long begin() {
            running.add(nextTransaction);
            return nextTransaction++;
        }

        void commit(long transaction, int events) {
            running.remove(transaction);
            for (int i = 0; i < events; i++) {
                long position = nextPosition++;
                log.add(new RecordedEvent(position, transaction, "credit-line-x", position, null, "RepaymentRecorded", 1,
                        "{}", "{}", Instant.EPOCH, null, null));
            }
            log.sort(LOG_ORDER);
        }

        /** One transaction of {@code events} events, begun and committed now. */
        void commit(int events) {
            commit(begin(), events);
        }

        List<Long> running() {
            return List.copyOf(running);
        }

        /** What a read after {@code after} would see now, at most {@code limit} events. */
        List<RecordedEvent> visibleAfter(Checkpoint after, int limit) {
            long horizon = running.isEmpty() ? Long.MAX_VALUE : running.first();
            return log.stream().filter(e -> e.transactionId() < horizon && e.checkpoint().compareTo(after) > 0)
                    .limit(limit).toList();
        }

        /** The checkpoint of the last visible event, or {@code otherwise} if none is. */
        Checkpoint head(Checkpoint otherwise) {
            List<RecordedEvent> visible = visibleAfter(Checkpoint.START, Integer.MAX_VALUE);
            return visible.isEmpty() ? otherwise : visible.getLast().checkpoint();
        }

        List<RecordedEvent> logAfter(Checkpoint after) {
            return log.stream().filter(e -> e.checkpoint().compareTo(after) > 0).toList();
        }

        @Override
        public Uni<List<RecordedEvent>> readAll(Checkpoint after, int limit) {
            return Uni.createFrom().emitter(emitter -> {
                reads.add(after);
                if (failNext) {
                    failNext = false;
                    emitter.fail(new IllegalStateException("connection lost"));
                } else if (deferAnswers) {
                    pending.add(new Pending(after, limit, emitter));
                } else {
                    emitter.complete(new ArrayList<>(visibleAfter(after, limit)));
                }
            });
        }

        void deliver(int index, boolean fail) {
            Pending read = pending.remove(index);
            if (fail) {
                read.emitter().fail(new IllegalStateException("connection lost"));
            } else {
                read.emitter().complete(new ArrayList<>(visibleAfter(read.after(), read.limit())));
            }
        }
    }

    private final CountingStore store = new CountingStore();
    private final AtomicLong now = new AtomicLong(1_000);
    private final SharedReads reads = new SharedReads(store, now::get, 64);
    private static final Checkpoint AT = new Checkpoint(7, 40);

    private List<RecordedEvent> read(SharedReads shared, Checkpoint from, int limit, long turnBegan) {
        return shared.readAll(from, limit, turnBegan).await().indefinitely();
    }

    private List<RecordedEvent> read(Checkpoint from, int limit, long turnBegan) {
        return read(reads, from, limit, turnBegan);
    }

    /** Ten transactions of three events; then one read of them all from {@link Checkpoint#START}, at the head. */
    private List<RecordedEvent> aTailOfThirty(long turnBegan) {
        for (int i = 0; i < 10; i++) {
            store.commit(3);
        }
        List<RecordedEvent> all = read(Checkpoint.START, 500, turnBegan);
        assertThat(all).hasSize(30);
        return all;
    }

    @Test
    void sixReadersAtStaggeredCheckpointsInsideTheTail_needNoRead() {
        long turnsBegan = now.get();
        now.addAndGet(5);
        List<RecordedEvent> all = aTailOfThirty(turnsBegan);

        List<Checkpoint> at = new ArrayList<>();
        List<List<RecordedEvent>> answers = new ArrayList<>();
        for (int k = 0; k < 6; k++) {
            at.add(k == 0 ? Checkpoint.START : all.get(5 * k - 1).checkpoint());
            answers.add(read(at.get(k), 500, turnsBegan));
        }

        assertThat(store.reads).as("the tail's own read only").containsExactly(Checkpoint.START);
        for (int k = 0; k < 6; k++) {
            List<RecordedEvent> answer = answers.get(k);
            assertThat(answer).as("reader %d at %s", k, at.get(k)).containsExactlyElementsOf(store.logAfter(at.get(k)));
            assertThatThrownBy(() -> answer.add(null)).as("shared answers cannot be changed")
                    .isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Test
    void sixReadersWhoseTurnsBeganAfterTheTailsRead_shareOneReadAfterItsEnd() {
        List<RecordedEvent> all = aTailOfThirty(now.get());
        store.commit(4);
        now.addAndGet(5);
        long turnsBegan = now.get();
        now.addAndGet(5);

        for (int k = 0; k < 6; k++) {
            Checkpoint at = all.get(5 * k + 4).checkpoint();
            assertThat(read(at, 500, turnsBegan)).as("reader %d at %s", k, at).hasSize(25 - 5 * k + 4)
                    .containsExactlyElementsOf(store.logAfter(at));
        }

        assertThat(store.reads).as("one read after the tail's end, shared by all six")
                .containsExactly(Checkpoint.START, all.getLast().checkpoint());
    }

    @Test
    void aTurnThatBeganAfterTheTailsLastRead_readsAfterItsEnd_andSeesTheEventsCommittedSince() {
        List<RecordedEvent> all = aTailOfThirty(now.get());
        long committedSince = store.begin();
        store.commit(committedSince, 2);
        now.addAndGet(1);
        long laterTurn = now.get();

        List<RecordedEvent> answer = read(all.get(19).checkpoint(), 500, laterTurn);

        assertThat(store.reads).containsExactly(Checkpoint.START, all.getLast().checkpoint());
        assertThat(answer).hasSize(12).containsExactlyElementsOf(store.logAfter(all.get(19).checkpoint()));
        assertThat(answer.subList(10, 12)).allMatch(e -> e.transactionId() == committedSince);
        // the tail now ends there, read within that turn: the next reader of the turn needs no read
        assertThat(read(all.get(25).checkpoint(), 500, laterTurn)).hasSize(6);
        assertThat(store.reads).hasSize(2);
    }

    @Test
    void aTurnThatBeganBeforeTheTailsLastRead_isAnsweredFromIt() {
        long turn = now.get();
        now.addAndGet(1);
        List<RecordedEvent> all = aTailOfThirty(turn);
        store.commit(2); // after the read: a turn begun before it need not see them (their wake asks for another turn)

        assertThat(read(all.get(9).checkpoint(), 500, turn)).hasSize(20);
        assertThat(store.reads).hasSize(1);
    }

    @Test
    void aFullBatchFromTheTail_needsNoRead_evenForALaterTurn() {
        List<RecordedEvent> all = aTailOfThirty(now.get());
        store.commit(3);
        now.addAndGet(1);
        long laterTurn = now.get();

        assertThat(read(Checkpoint.START, 10, laterTurn)).containsExactlyElementsOf(all.subList(0, 10));
        assertThat(read(all.get(9).checkpoint(), 10, laterTurn)).containsExactlyElementsOf(all.subList(10, 20));
        assertThat(read(all.get(19).checkpoint(), 10, laterTurn)).containsExactlyElementsOf(all.subList(20, 30));
        assertThat(store.reads).as("three whole batches from the tail").containsExactly(Checkpoint.START);

        // five left in the tail: not a whole batch, and the tail's end was read before this turn: the rest is read
        assertThat(read(all.get(24).checkpoint(), 10, laterTurn)).hasSize(8)
                .containsExactlyElementsOf(store.logAfter(all.get(24).checkpoint()));
        assertThat(store.reads).containsExactly(Checkpoint.START, all.getLast().checkpoint());
    }

    @Test
    void aReaderFarBehind_doesNotReplaceTheTail() {
        for (int i = 0; i < 100; i++) {
            store.commit(1);
        }
        long turn = now.get();
        Checkpoint ninetieth = store.log.get(89).checkpoint();
        assertThat(read(ninetieth, 500, turn)).hasSize(10);
        assertThat(reads.tailSize()).isEqualTo(10);

        assertThat(read(Checkpoint.START, 20, turn)).containsExactlyElementsOf(store.log.subList(0, 20));
        assertThat(read(store.log.get(19).checkpoint(), 20, turn)).containsExactlyElementsOf(store.log.subList(20, 40));

        assertThat(reads.tailSize()).isEqualTo(10);
        assertThat(read(store.log.get(94).checkpoint(), 500, turn)).containsExactlyElementsOf(store.log.subList(95, 100));
        assertThat(store.reads).as("the lagging reader's two reads, and the tail still answers")
                .containsExactly(ninetieth, Checkpoint.START, store.log.get(19).checkpoint());
    }

    @Test
    void theTailStaysBounded_droppingItsOldestEvents() {
        SharedReads small = new SharedReads(store, now::get, 8);
        Checkpoint reader = Checkpoint.START;
        for (int i = 0; i < 10; i++) {
            store.commit(3);
            long turn = now.incrementAndGet();
            List<RecordedEvent> answer = read(small, reader, 500, turn);
            assertThat(answer).hasSize(3);
            reader = answer.getLast().checkpoint();
            assertThat(small.tailSize()).isLessThanOrEqualTo(8);
        }
        assertThat(small.tailSize()).isEqualTo(8);
        int reads = store.reads.size();
        long turn = now.get();

        // the tail starts at the ninth event from the end: answered from it; one event earlier is gone: read
        assertThat(read(small, store.log.get(21).checkpoint(), 500, turn)).hasSize(8);
        assertThat(store.reads).hasSize(reads);
        assertThat(read(small, store.log.get(20).checkpoint(), 500, turn)).hasSize(9);
        assertThat(store.reads).hasSize(reads + 1).endsWith(store.log.get(20).checkpoint());
    }

    @Test
    void turnsThatBeganBeforeAKeyedRead_shareItsAnswer() {
        store.commit(1);
        long turnsBegan = now.get();
        now.addAndGet(5);
        List<RecordedEvent> first = read(AT, 500, turnsBegan);
        List<RecordedEvent> second = read(AT, 500, turnsBegan);
        List<RecordedEvent> third = read(AT, 500, turnsBegan + 2);

        assertThat(store.reads).hasSize(1);
        assertThat(first).hasSize(1);
        assertThat(second).isEqualTo(first);
        assertThat(third).isEqualTo(first);
    }

    @Test
    void aTurnThatBeganAfterARead_readsAfresh() {
        read(AT, 500, now.get());
        store.commit(1);
        now.addAndGet(1);
        long laterTurn = now.get();
        List<RecordedEvent> afresh = read(AT, 500, laterTurn);

        assertThat(store.reads).hasSize(2);
        assertThat(afresh).hasSize(1).containsExactlyElementsOf(store.log);
        // and that newer read is then the one shared with turns that began before it
        assertThat(read(AT, 500, laterTurn)).isEqualTo(afresh);
        assertThat(store.reads).hasSize(2);
    }

    @Test
    void readersOutsideTheTail_shareAReadOnlyAtTheSameCheckpointAndBatchSize() {
        for (int i = 0; i < 100; i++) {
            store.commit(1);
        }
        long turn = now.get();
        read(store.log.get(89).checkpoint(), 500, turn); // the tail: the last ten
        Checkpoint behind = store.log.get(9).checkpoint();

        read(behind, 20, turn);
        read(behind, 20, turn);
        read(store.log.get(10).checkpoint(), 20, turn);
        read(behind, 10, turn);

        assertThat(store.reads).containsExactly(store.log.get(89).checkpoint(), behind, store.log.get(10).checkpoint(), behind);
    }

    @Test
    void aFailedReadIsNotKept() {
        store.commit(1);
        long turn = now.get();
        store.failNext = true;
        assertThatThrownBy(() -> read(AT, 500, turn)).hasMessage("connection lost");

        List<RecordedEvent> retried = read(AT, 500, turn);

        assertThat(store.reads).hasSize(2);
        assertThat(retried).hasSize(1);
    }

    @Test
    void onlyTheLastKeyedReadsAreKept() {
        for (int i = 0; i < 100; i++) {
            store.commit(1);
        }
        long turn = now.get();
        read(store.log.get(89).checkpoint(), 500, turn); // the tail: the last ten; the readers below lag behind it
        for (int i = 0; i <= SharedReads.KEPT; i++) {
            read(store.log.get(i).checkpoint(), 5, turn);
        }
        read(store.log.get(SharedReads.KEPT).checkpoint(), 5, turn); // kept: shared
        read(store.log.getFirst().checkpoint(), 5, turn); // the eldest, dropped: read again

        assertThat(store.reads).hasSize(1 + SharedReads.KEPT + 2);
    }

    /** A projection as the runner drives it: turns of batches until one is shorter than asked for. */
    private static final class Reader {
        Checkpoint at = Checkpoint.START;
        final List<RecordedEvent> received = new ArrayList<>();
        boolean waiting;
        boolean inTurn;
        long turnBegan;
        /** The last event visible when the turn began: a short answer must have reached it. */
        Checkpoint headAtTurnStart;
        int limit;
        /** What went wrong in a callback: Mutiny would only log it, so it is thrown again by {@link #rethrow}. */
        AssertionError wrong;

        void check(Runnable assertions) {
            try {
                assertions.run();
            } catch (AssertionError e) {
                wrong = e;
            }
        }

        void rethrow() {
            if (wrong != null) {
                throw wrong;
            }
        }
    }

    /**
     * Seeded random histories: transactions begin and commit (some begun earlier commit later, and sort first), reads
     * are answered late and sometimes fail, readers (a small tail, so it is dropped from and replaced) start their
     * turns at random and ask for random batch sizes. Every answer continues the reader's log exactly, a short answer
     * comes only once the reader has everything visible when its turn began, and in the end every reader has the
     * whole log, once, in order.
     */
    @Test
    void randomHistories_giveEveryReaderExactlyTheLog() {
        for (long seed = 1; seed <= 300; seed++) {
            randomHistory(seed);
        }
    }

    private void randomHistory(long seed) {
        Random random = new Random(seed);
        CountingStore log = new CountingStore();
        log.deferAnswers = true;
        AtomicLong clock = new AtomicLong(1_000);
        SharedReads shared = new SharedReads(log, clock::get, 1 + random.nextInt(12));
        List<Reader> readers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            readers.add(new Reader());
        }
        for (int step = 0; step < 400; step++) {
            int action = random.nextInt(100);
            if (action < 15 && log.running().size() < 3) {
                log.begin();
            } else if (action < 35) {
                List<Long> running = log.running();
                long transaction = running.isEmpty() || random.nextBoolean() ? log.begin()
                        : running.get(random.nextInt(running.size()));
                log.commit(transaction, 1 + random.nextInt(4));
                clock.incrementAndGet();
            } else if (action < 70) {
                Reader reader = readers.get(random.nextInt(readers.size()));
                if (!reader.waiting) {
                    ask(seed, log, shared, reader, clock, random);
                }
            } else if (!log.pending.isEmpty()) {
                log.deliver(random.nextInt(log.pending.size()), random.nextInt(20) == 0);
            }
            readers.forEach(Reader::rethrow);
        }
        // the end: everything commits, every read is answered, and every reader catches up in a turn begun after
        for (long transaction : log.running()) {
            log.commit(transaction, 1);
        }
        clock.incrementAndGet();
        for (Reader reader : readers) {
            reader.inTurn = false;
        }
        for (int round = 0; round < 10_000 && (!log.pending.isEmpty() || readers.stream().anyMatch(r -> r.waiting || r.inTurn
                || !r.at.equals(log.head(Checkpoint.START)))); round++) {
            if (!log.pending.isEmpty()) {
                log.deliver(0, false);
            }
            for (Reader reader : readers) {
                if (!reader.waiting && (reader.inTurn || !reader.at.equals(log.head(Checkpoint.START)))) {
                    ask(seed, log, shared, reader, clock, random);
                }
            }
            readers.forEach(Reader::rethrow);
        }
        for (Reader reader : readers) {
            assertThat(reader.received).as("seed %d: a reader's events", seed).containsExactlyElementsOf(log.log);
        }
    }

    /** The reader's next read: a new turn if it is between turns, the next batch of its turn otherwise. */
    private static void ask(long seed, CountingStore log, SharedReads shared, Reader reader, AtomicLong clock, Random random) {
        if (!reader.inTurn) {
            reader.inTurn = true;
            reader.turnBegan = clock.incrementAndGet();
            reader.headAtTurnStart = log.head(Checkpoint.START);
        }
        reader.waiting = true;
        reader.limit = 1 + random.nextInt(6);
        Checkpoint from = reader.at;
        int limit = reader.limit;
        shared.readAll(from, limit, reader.turnBegan).subscribe().with(answer -> reader.check(() -> {
            assertThat(answer).as("seed %d: a batch of at most %d after %s", seed, limit, from).hasSizeLessThanOrEqualTo(limit);
            List<RecordedEvent> expected = log.logAfter(from);
            assertThat(answer).as("seed %d: the batch after %s continues the log", seed, from)
                    .containsExactlyElementsOf(expected.subList(0, Math.min(answer.size(), expected.size())));
            reader.received.addAll(answer);
            if (!answer.isEmpty()) {
                reader.at = answer.getLast().checkpoint();
            }
            if (answer.size() < limit) {
                assertThat(reader.at.compareTo(reader.headAtTurnStart)).as(
                        "seed %d: a short batch (%d of %d) after %s reaches %s, the head when its turn began",
                        seed, answer.size(), limit, from, reader.headAtTurnStart).isGreaterThanOrEqualTo(0);
                reader.inTurn = false;
            }
            reader.waiting = false;
        }), failure -> {
            reader.inTurn = false; // the turn fails; the next one starts from where it stood
            reader.waiting = false;
        });
    }
}
