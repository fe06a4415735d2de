package com.uplift.readmodel;

import com.uplift.eventstore.Checkpoint;
import com.uplift.eventstore.EventStore.Stretch;
import io.smallrye.mutiny.Uni;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * What a rebuild has cut and begun to read ahead of where its generation stands, kept from one turn of the runner to
 * the next. A turn applies a bounded number of stretches and ends so that the live generation can catch up; when each
 * turn cut its own stretches and began its reads, every turn started with the database cutting, then reading one
 * stretch, while nothing else ran (20 times over a million events). Here the reads go on across the end of a turn, and
 * the next stretches are cut while the last ones are still being read, so the readers never wait for a cut.
 * <p>
 * It only reads: every stretch lies below the horizon, so it holds the same events whenever it is read, and whoever
 * applies one still checks under lock that the generation's checkpoint is where the stretch begins. At most
 * {@code readers} stretches are being read or held read, the one about to be applied included. Not thread-safe: one
 * turn at a time uses it (the runner's turns of a projection never overlap); what runs elsewhere (a cut's answer)
 * only lands in a holder that the next call takes.
 *
 * @param <S> a stretch made ready to apply
 */
final class StretchesAhead<S> {

    /** A stretch whose read has begun, and what it will be once read and made ready (or why it could not). */
    record Reading<S>(Stretch stretch, Uni<S> prepared) {
    }

    /** A cut on its way: its answer or failure lands here whoever subscribed first. */
    private record Cut(Uni<List<Stretch>> answer, AtomicReference<List<Stretch>> stretches,
                       AtomicReference<Throwable> failure) {
    }

    private final int generation;
    private final Function<Checkpoint, Uni<List<Stretch>>> cutAfter;
    private final Function<Stretch, Uni<S>> read;
    private final int readers;
    private final ArrayDeque<Stretch> cut = new ArrayDeque<>();
    private final ArrayDeque<Reading<S>> reading = new ArrayDeque<>();
    /** Where the last cut ended: the next cut starts there. */
    private Checkpoint cutTo;
    private Cut cutting;
    /** A cut found nothing below the horizon after {@link #cutTo}: no further cut is made. */
    private boolean horizonReached;

    /**
     * @param cutAfter the next stretches after a checkpoint (empty when nothing is left below the horizon)
     * @param read     begins reading a stretch at once and makes it ready; the answer is kept for whoever asks
     */
    StretchesAhead(int generation, Checkpoint from, Function<Checkpoint, Uni<List<Stretch>>> cutAfter,
                   Function<Stretch, Uni<S>> read, int readers) {
        this.generation = generation;
        this.cutTo = from;
        this.cutAfter = cutAfter;
        this.read = read;
        this.readers = Math.max(1, readers);
    }

    int generation() {
        return generation;
    }

    /** Where the first stretch not applied yet begins: a turn takes up this object only where its checkpoint stands. */
    Checkpoint next() {
        if (!reading.isEmpty()) {
            return reading.peekFirst().stretch().after();
        }
        return cut.isEmpty() ? cutTo : cut.peekFirst().after();
    }

    /**
     * The next stretch to apply, its read begun, with up to {@code readers} reads begun in all and the next cut on its
     * way once every stretch cut is being read; a null item when a cut found nothing more below the horizon and
     * everything before it was applied ({@link #applied}).
     */
    Uni<Reading<S>> head() {
        Throwable failed = takeCut();
        if (failed != null) {
            return Uni.createFrom().failure(failed);
        }
        while (reading.size() < readers && !cut.isEmpty()) {
            Stretch stretch = cut.removeFirst();
            reading.addLast(new Reading<>(stretch, read.apply(stretch)));
        }
        if (cut.isEmpty() && cutting == null && !horizonReached) {
            cutting = startCut(cutTo);
        }
        if (!reading.isEmpty()) {
            return Uni.createFrom().item(reading.peekFirst());
        }
        if (cutting == null) {
            return Uni.createFrom().nullItem();
        }
        Cut awaited = cutting;
        return awaited.answer().onItemOrFailure().transformToUni((stretches, failure) -> {
            landed(awaited, stretches, failure);
            return head();
        });
    }

    /** The stretch {@link #head} gave was applied: it is no longer held. */
    void applied() {
        reading.removeFirst();
    }

    private Cut startCut(Checkpoint after) {
        Cut started = new Cut(cutAfter.apply(after).memoize().indefinitely(), new AtomicReference<>(),
                new AtomicReference<>());
        started.answer().subscribe().with(stretches -> landed(started, stretches, null), failure -> landed(started, null, failure));
        return started;
    }

    /** Whichever subscriber hears first (the answer is the same for both). */
    private static void landed(Cut cut, List<Stretch> stretches, Throwable failure) {
        if (failure != null) {
            cut.failure().compareAndSet(null, failure);
        } else {
            cut.stretches().compareAndSet(null, stretches);
        }
    }

    /** Takes in the cut on its way if its answer has come; its failure, if it failed. */
    private Throwable takeCut() {
        if (cutting == null) {
            return null;
        }
        if (cutting.failure().get() != null) {
            return cutting.failure().get();
        }
        List<Stretch> stretches = cutting.stretches().get();
        if (stretches == null) {
            return null;
        }
        cutting = null;
        if (stretches.isEmpty()) {
            horizonReached = true;
        } else {
            cut.addAll(stretches);
            cutTo = stretches.getLast().last();
        }
        return null;
    }
}
