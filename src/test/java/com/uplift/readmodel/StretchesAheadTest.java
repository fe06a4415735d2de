package com.uplift.readmodel;

import com.uplift.eventstore.Checkpoint;
import com.uplift.eventstore.EventStore.Stretch;
import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A rebuild's reads ahead, kept from one turn to the next: every stretch comes once and in log order, no more than
 * the readers are read at once, and the next stretches are cut while the last ones cut are still being read, so the
 * reads never wait for a cut.
 */
class StretchesAheadTest {

    /** A log of {@code n} stretches of 10 events, cut {@code perCut} at a time, each read answered when the test says. */
    static final class Log {
        final List<Stretch> stretches = new ArrayList<>();
        final int perCut;
        final List<Checkpoint> cuts = new ArrayList<>();
        final Map<Stretch, CompletableFuture<String>> reads = new LinkedHashMap<>();
        boolean failCuts;

        Log(int n, int perCut) {
            this.perCut = perCut;
            Checkpoint after = Checkpoint.START;
            for (int i = 1; i <= n; i++) {
                Checkpoint last = new Checkpoint(100 + i, i * 10L);
                stretches.add(new Stretch(after, last, 10, Instant.EPOCH.plusSeconds(i)));
                after = last;
            }
        }

        Uni<List<Stretch>> cut(Checkpoint after) {
            cuts.add(after);
            if (failCuts) {
                return Uni.createFrom().failure(new IllegalStateException("connection lost"));
            }
            int from = 0;
            while (from < stretches.size() && !stretches.get(from).after().equals(after)) {
                from++;
            }
            return Uni.createFrom().item(List.copyOf(stretches.subList(from, Math.min(stretches.size(), from + perCut))));
        }

        Uni<String> read(Stretch stretch) {
            CompletableFuture<String> read = new CompletableFuture<>();
            reads.put(stretch, read);
            return Uni.createFrom().completionStage(read).memoize().indefinitely();
        }

        void answer(Stretch stretch) {
            reads.get(stretch).complete("stretch up to " + stretch.last().position());
        }
    }

    @Test
    void everyStretchComesOnceInLogOrder_andTheEndIsWhereACutFindsNothing() {
        Log log = new Log(7, 3);
        StretchesAhead<String> ahead = new StretchesAhead<>(2, Checkpoint.START, log::cut, log::read, 2);
        List<String> applied = new ArrayList<>();

        for (StretchesAhead.Reading<String> head = ahead.head().await().indefinitely(); head != null;
             head = ahead.head().await().indefinitely()) {
            log.reads.values().forEach(read -> read.complete("read"));
            applied.add(head.stretch().last().position() + ": " + head.prepared().await().indefinitely());
            ahead.applied();
        }

        assertThat(applied).containsExactly("10: read", "20: read", "30: read", "40: read", "50: read", "60: read",
                "70: read");
        assertThat(log.reads).hasSize(7); // each read once
        // cut 3 by 3; the fourth cut, after the last stretch, found nothing
        assertThat(log.cuts).containsExactly(Checkpoint.START, log.stretches.get(2).last(), log.stretches.get(5).last(),
                log.stretches.get(6).last());
        assertThat(ahead.next()).isEqualTo(log.stretches.get(6).last());
        assertThat(ahead.generation()).isEqualTo(2);
    }

    @Test
    void theNextCutIsMadeWhileTheLastStretchesCutAreRead_andNoMoreThanTheReadersAreRead() {
        Log log = new Log(9, 3);
        StretchesAhead<String> ahead = new StretchesAhead<>(2, Checkpoint.START, log::cut, log::read, 2);

        StretchesAhead.Reading<String> first = ahead.head().await().indefinitely();
        assertThat(first.stretch()).isEqualTo(log.stretches.get(0));
        assertThat(log.reads.keySet()).containsExactly(log.stretches.get(0), log.stretches.get(1));
        assertThat(log.cuts).hasSize(1);

        log.answer(log.stretches.get(0));
        ahead.applied();
        StretchesAhead.Reading<String> second = ahead.head().await().indefinitely();
        assertThat(second.stretch()).isEqualTo(log.stretches.get(1));
        // the third and last stretch of the first cut is being read, so the next cut is made now, not when it is applied
        assertThat(log.reads.keySet()).containsExactly(log.stretches.get(0), log.stretches.get(1), log.stretches.get(2));
        assertThat(log.cuts).containsExactly(Checkpoint.START, log.stretches.get(2).last());
        // two reads unanswered and not applied: the readers' number, and no more
        assertThat(log.reads.values().stream().filter(read -> !read.isDone())).hasSize(2);

        // a turn ends here: the reads go on, and the next turn takes them up where its checkpoint stands
        assertThat(ahead.next()).isEqualTo(log.stretches.get(1).after());
        log.answer(log.stretches.get(1));
        assertThat(second.prepared().await().indefinitely()).isEqualTo("stretch up to 20");
        ahead.applied();
        assertThat(ahead.head().await().indefinitely().stretch()).isEqualTo(log.stretches.get(2));
        // the second cut had come: its first stretch is read beside the third
        assertThat(log.reads).hasSize(4);
        assertThat(log.cuts).hasSize(2);
    }

    @Test
    void aCutThatFails_failsTheTurn() {
        Log log = new Log(3, 3);
        log.failCuts = true;
        StretchesAhead<String> ahead = new StretchesAhead<>(2, Checkpoint.START, log::cut, log::read, 2);

        assertThatThrownBy(() -> ahead.head().await().indefinitely()).hasMessageContaining("connection lost");
        assertThat(log.reads).isEmpty();
    }
}
