package com.uplift.eventstore;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * Items that arrive while earlier sends are in flight, gathered and sent together: group commit. At most
 * {@code inFlight} sends run at once; an item that finds one free goes at once, alone or with whatever waits, so a
 * quiet service adds no wait to a lone item, and a busy one sends many items in one round trip and one commit instead
 * of one each. A group takes the oldest waiting item and then, in arrival order, the others that {@code fits} it (at
 * most {@code maxGroup}); the rest wait for the next send, so an item is never overtaken by one that could have gone
 * with it.
 * <p>
 * Each item's outcome is delivered on the Vert.x context it was submitted from (a request's own), not on the thread
 * that completed the group's send.
 *
 * @param <T> an item
 * @param <R> an item's result
 */
final class GroupedSends<T, R> {

    /** One item's outcome in a group: its result, or its own failure (the group's send may still have succeeded). */
    record Outcome<R>(R result, Throwable failure) {

        static <R> Outcome<R> of(R result) {
            return new Outcome<>(result, null);
        }

        static <R> Outcome<R> failed(Throwable failure) {
            return new Outcome<>(null, failure);
        }
    }

    private record Waiting<T, R>(T item, CompletableFuture<R> answer, Context context) {
    }

    private final int inFlight;
    private final int maxGroup;
    private final BiPredicate<T, List<T>> fits;
    private final Function<List<T>, Uni<List<Outcome<R>>>> send;
    private final ArrayDeque<Waiting<T, R>> waiting = new ArrayDeque<>();
    private int sending;
    private long groups;
    private long items;

    /**
     * @param fits whether an item may join a group (its first items given), e.g. not a second item for the same stream
     * @param send sends a group; answers one outcome per item, in order, or fails for all of them
     */
    GroupedSends(int inFlight, int maxGroup, BiPredicate<T, List<T>> fits, Function<List<T>, Uni<List<Outcome<R>>>> send) {
        if (inFlight < 1 || maxGroup < 1) {
            throw new IllegalArgumentException("at least one send in flight and one item per group");
        }
        this.inFlight = inFlight;
        this.maxGroup = maxGroup;
        this.fits = fits;
        this.send = send;
    }

    /** Sends {@code item} in the next group that has room; its outcome when that group's send ends. */
    Uni<R> submit(T item) {
        return Uni.createFrom().deferred(() -> {
            CompletableFuture<R> answer = new CompletableFuture<>();
            List<Waiting<T, R>> group;
            synchronized (this) {
                waiting.add(new Waiting<>(item, answer, Vertx.currentContext()));
                group = sending < inFlight ? take() : null;
            }
            if (group != null) {
                start(group);
            }
            return Uni.createFrom().completionStage(answer);
        });
    }

    /** Groups sent and items in them so far: their ratio is the mean group. */
    synchronized long[] sent() {
        return new long[]{groups, items};
    }

    /** The next group out of the waiting items, counted as in flight; null when none waits. Under the lock. */
    private List<Waiting<T, R>> take() {
        if (waiting.isEmpty()) {
            return null;
        }
        List<Waiting<T, R>> group = new ArrayList<>();
        List<T> taken = new ArrayList<>();
        Iterator<Waiting<T, R>> them = waiting.iterator();
        while (them.hasNext() && group.size() < maxGroup) {
            Waiting<T, R> next = them.next();
            if (group.isEmpty() || fits.test(next.item(), taken)) {
                group.add(next);
                taken.add(next.item());
                them.remove();
            }
        }
        sending++;
        groups++;
        items += group.size();
        return group;
    }

    private void start(List<Waiting<T, R>> group) {
        Uni<List<Outcome<R>>> sent;
        try {
            sent = send.apply(group.stream().map(Waiting::item).toList());
        } catch (RuntimeException e) {
            sent = Uni.createFrom().failure(e);
        }
        sent.subscribe().with(outcomes -> {
            finished();
            for (int i = 0; i < group.size(); i++) {
                Outcome<R> outcome = i < outcomes.size() ? outcomes.get(i)
                        : Outcome.failed(new IllegalStateException("a group's send answered " + outcomes.size()
                        + " outcomes for " + group.size() + " items"));
                deliver(group.get(i), outcome);
            }
        }, failure -> {
            finished();
            group.forEach(w -> deliver(w, Outcome.failed(failure)));
        });
    }

    /** One send ended: the next group goes out on the slot it freed, if any waits. */
    private void finished() {
        List<Waiting<T, R>> next;
        synchronized (this) {
            sending--;
            next = take();
        }
        if (next != null) {
            start(next);
        }
    }

    private static <T, R> void deliver(Waiting<T, R> w, Outcome<R> outcome) {
        Runnable complete = outcome.failure() == null ? () -> w.answer().complete(outcome.result())
                : () -> w.answer().completeExceptionally(outcome.failure());
        if (w.context() == null || w.context() == Vertx.currentContext()) {
            complete.run();
        } else {
            w.context().runOnContext(ignored -> complete.run());
        }
    }
}
