package com.uplift.application;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Commands on one credit line, in this instance, run one after another in arrival order. A hot line's commands then
 * wait for each other instead of racing to the append, where all but one would lose and be decided again: without the
 * queue, 24 concurrent repayments on one line ended in 19 refusals (issue 12).
 * <p>
 * Each line's queue is bounded ({@code uplift.lines.queue.capacity} waiting commands) and each command has a deadline
 * ({@code uplift.lines.queue.deadline}) to start by; a command refused for either fails with
 * {@link LineBusyException} and was never run. A command that started runs to its end: cutting it off mid-append
 * could answer "failed" for a command that was recorded. Nothing blocks: a waiting command is a callback, started on
 * its own request's Vert.x context when its turn comes.
 * <p>
 * Across instances nothing is queued: the append's optimistic concurrency decides, and {@link CreditLineService}
 * retries a lost race within the same deadline.
 */
@ApplicationScoped
public class LineQueue {

    /** When a command must have started (and, for retries after a conflict, when it must give up). */
    public record Deadline(long nanoTime) {
        public static Deadline after(Duration duration) {
            return new Deadline(System.nanoTime() + duration.toNanos());
        }

        public Duration remaining() {
            return Duration.ofNanos(Math.max(0, nanoTime - System.nanoTime()));
        }

        public boolean passed() {
            return nanoTime - System.nanoTime() <= 0;
        }
    }

    /** How long a refused client should wait before trying again: the line is busy for moments, not minutes. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private static final int WAITING = 0;
    private static final int STARTED = 1;
    private static final int GIVEN_UP = 2;

    private final int capacity;
    private final Duration deadline;
    private final Counter refusedFull;
    private final Counter refusedDeadline;
    /** Lines with a command running; a line without one has no entry. */
    private final ConcurrentHashMap<String, Lane> lanes = new ConcurrentHashMap<>();

    public LineQueue(@ConfigProperty(name = "uplift.lines.queue.capacity", defaultValue = "256") int capacity,
                     @ConfigProperty(name = "uplift.lines.queue.deadline", defaultValue = "PT10S") Duration deadline,
                     MeterRegistry meters) {
        this.capacity = capacity;
        this.deadline = deadline;
        this.refusedFull = refused(meters, "queue-full");
        this.refusedDeadline = refused(meters, "deadline");
    }

    private static Counter refused(MeterRegistry meters, String reason) {
        return Counter.builder("uplift.commands.queue.refused").tag("reason", reason)
                .description("commands refused (503) because their line's queue was full or their deadline passed")
                .register(meters);
    }

    /** A fresh deadline for a command that arrives now. */
    public Deadline deadline() {
        return Deadline.after(deadline);
    }

    /** Commands waiting behind the running one on a line (0 when it is idle or only one runs). */
    public int waiting(String lineId) {
        Lane lane = lanes.get(lineId);
        if (lane == null) {
            return 0;
        }
        synchronized (lane) {
            return lane.waiting.size();
        }
    }

    /**
     * Runs {@code work} when every command submitted for the line before it has finished, or fails with
     * {@link LineBusyException} when the line already has {@code capacity} waiting or {@code deadline} passes first.
     */
    public <T> Uni<T> submit(String lineId, Deadline deadline, Supplier<Uni<T>> work) {
        return Uni.createFrom().emitter(emitter -> enter(lineId, new Turn<>(work, emitter, Vertx.currentContext()), deadline));
    }

    private <T> void enter(String lineId, Turn<T> turn, Deadline deadline) {
        boolean[] runsNow = {false};
        boolean[] full = {false};
        lanes.compute(lineId, (id, lane) -> {
            if (lane == null) {
                runsNow[0] = true;
                return new Lane();
            }
            synchronized (lane) {
                if (lane.waiting.size() >= capacity) {
                    full[0] = true;
                } else {
                    lane.waiting.add(turn);
                }
            }
            return lane;
        });
        if (runsNow[0]) {
            turn.state.set(STARTED);
            start(lineId, turn);
        } else if (full[0]) {
            refusedFull.increment();
            turn.emitter.fail(new LineBusyException(lineId, capacity + " commands are already waiting", RETRY_AFTER));
        } else {
            turn.timeout = Infrastructure.getDefaultWorkerPool().schedule(() -> giveUp(lineId, turn),
                    Math.max(0, deadline.remaining().toNanos()), TimeUnit.NANOSECONDS);
            turn.emitter.onTermination(() -> {
                // the caller went away (e.g. the HTTP client disconnected): a command still waiting need not run
                if (turn.state.compareAndSet(WAITING, GIVEN_UP)) {
                    leave(lineId, turn);
                }
            });
        }
    }

    private void giveUp(String lineId, Turn<?> turn) {
        if (turn.state.compareAndSet(WAITING, GIVEN_UP)) {
            leave(lineId, turn);
            refusedDeadline.increment();
            turn.emitter.fail(new LineBusyException(lineId, "its queue did not reach this command within " + deadline,
                    RETRY_AFTER));
        }
    }

    private void leave(String lineId, Turn<?> turn) {
        Lane lane = lanes.get(lineId);
        if (lane != null) {
            synchronized (lane) {
                lane.waiting.remove(turn);
            }
        }
    }

    private <T> void start(String lineId, Turn<T> turn) {
        if (turn.timeout != null) {
            turn.timeout.cancel(false);
        }
        Runnable run = () -> {
            Uni<T> work;
            try {
                work = turn.work.get();
            } catch (RuntimeException e) {
                work = Uni.createFrom().failure(e);
            }
            work.subscribe().with(item -> {
                next(lineId);
                turn.emitter.complete(item);
            }, failure -> {
                next(lineId);
                turn.emitter.fail(failure);
            });
        };
        if (turn.context != null) {
            turn.context.runOnContext(ignored -> run.run());
        } else {
            run.run();
        }
    }

    /** The running command finished: start the first one still waiting, or retire the lane. */
    private void next(String lineId) {
        Turn<?>[] next = {null};
        lanes.compute(lineId, (id, lane) -> {
            synchronized (lane) {
                Turn<?> candidate;
                while ((candidate = lane.waiting.poll()) != null) {
                    if (candidate.state.compareAndSet(WAITING, STARTED)) {
                        next[0] = candidate;
                        return lane;
                    }
                }
            }
            return null;
        });
        if (next[0] != null) {
            start(lineId, next[0]);
        }
    }

    /** One line's waiting commands (the running one is not in it). Guarded by its own monitor. */
    private static final class Lane {
        final ArrayDeque<Turn<?>> waiting = new ArrayDeque<>();
    }

    private static final class Turn<T> {
        final Supplier<Uni<T>> work;
        final UniEmitter<? super T> emitter;
        /** The submitter's Vert.x context: its work runs there, as it would have without the queue. */
        final Context context;
        final AtomicInteger state = new AtomicInteger(WAITING);
        volatile ScheduledFuture<?> timeout;

        Turn(Supplier<Uni<T>> work, UniEmitter<? super T> emitter, Context context) {
            this.work = work;
            this.emitter = emitter;
            this.context = context;
        }
    }
}
