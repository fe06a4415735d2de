package com.uplift.readmodel;

import com.uplift.eventstore.Checkpoint;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Readers waiting until a projection's live generation has read past a position (read-your-writes). A projection's
 * waiters share one read of its live checkpoint, made when one of them arrives and whenever the runner moved one of
 * its checkpoints on this instance ({@link #moved}); while any wait, a slow fallback poll
 * ({@code uplift.read-your-writes.fallback-poll}) reads it too, for a projection another instance runs. Each waiter
 * used to read it on its own every 25 ms: 64 waiters made 815 reads a second (docs/read-models.md, "Read-your-writes").
 * The fallback's timer runs only while someone waits: armed by the first waiter, cancelled by its first tick that finds
 * none left, armed again by the next.
 * <p>
 * A waiter is answered true by the first read that shows its position reached, and false at its deadline when the
 * last read had not (at most one fallback interval old, or fresher: any arrival or move reads again).
 */
@ApplicationScoped
public class PositionWaiters {

    private static final String LIVE_CHECKPOINT = """
            SELECT c.transaction_id, c.position FROM projections p
            JOIN projection_checkpoints c ON c.projection = p.name AND c.generation = p.live_generation
            WHERE p.name = $1""";

    private final Pool pool;
    private final Vertx vertx;
    private final long fallbackMillis;
    private final Map<String, Watch> watches = new ConcurrentHashMap<>();
    /** Guards {@link #fallbackTimer}: arming and disarming are decided under it, never by a stale look. */
    private final Object fallback = new Object();
    /** The fallback poll's periodic timer while it runs, null while it does not. */
    private Long fallbackTimer;
    private final AtomicLong reads = new AtomicLong();

    public PositionWaiters(Pool pool, Vertx vertx,
                           @ConfigProperty(name = "uplift.read-your-writes.fallback-poll", defaultValue = "PT0.25S") Duration fallback) {
        this.pool = pool;
        this.vertx = vertx;
        this.fallbackMillis = Math.max(1, fallback.toMillis());
    }

    /** True once the projection's live generation has read past {@code position}; false if not within {@code max}. */
    public Uni<Boolean> await(String projection, Checkpoint position, Duration max) {
        Watch watch = watches.computeIfAbsent(projection, Watch::new);
        Waiter waiter = new Waiter(position, Vertx.currentContext() == null ? null : Vertx.currentContext().getDelegate());
        watch.waiters.add(waiter); // before arming: see disarmWhenIdle
        armFallback();
        long deadline = vertx.setTimer(Math.max(1, max.toMillis()), id -> watch.expire(waiter));
        watch.read();
        return Uni.createFrom().completionStage(waiter.answer).invoke(() -> vertx.cancelTimer(deadline));
    }

    /** The runner moved a checkpoint of this projection on this instance: read its live one if anyone waits. */
    public void moved(String projection) {
        Watch watch = watches.get(projection);
        if (watch != null && !watch.waiters.isEmpty()) {
            watch.read();
        }
    }

    /** Reads of live checkpoints made for waiters on this instance since it started. */
    public long reads() {
        return reads.get();
    }

    /** Whether the fallback poll's timer runs (it should exactly while someone waits, give or take one tick). */
    boolean fallbackArmed() {
        synchronized (fallback) {
            return fallbackTimer != null;
        }
    }

    private void armFallback() {
        synchronized (fallback) {
            if (fallbackTimer == null) {
                fallbackTimer = vertx.setPeriodic(fallbackMillis, id -> fallbackTick());
            }
        }
    }

    private void fallbackTick() {
        boolean anyWaiting = false;
        for (Watch watch : watches.values()) {
            if (!watch.waiters.isEmpty()) {
                anyWaiting = true;
                watch.read();
            }
        }
        if (!anyWaiting) {
            disarmWhenIdle();
        }
    }

    /**
     * Cancels the fallback poll's timer if no reader waits, looking again under the lock that arming takes. A reader
     * joins its watch before it arms, so either this look sees it (and the timer stays), or the cancel comes first and
     * the reader's arming, after it under the same lock, finds no timer and starts one: no reader is left unpolled.
     */
    private void disarmWhenIdle() {
        synchronized (fallback) {
            if (fallbackTimer != null && watches.values().stream().allMatch(watch -> watch.waiters.isEmpty())) {
                vertx.cancelTimer(fallbackTimer);
                fallbackTimer = null;
            }
        }
    }

    /** One reader, answered on the Vert.x context it waited on (the request's, which its query goes on with). */
    private record Waiter(Checkpoint position, Context context, CompletableFuture<Boolean> answer) {
        Waiter(Checkpoint position, Context context) {
            this(position, context, new CompletableFuture<>());
        }

        void answer(boolean reached) {
            if (context == null) {
                answer.complete(reached);
            } else {
                context.runOnContext(ignored -> answer.complete(reached));
            }
        }
    }

    /** A projection's waiters and its one read at a time: a read asked for while one runs is made once after it. */
    private final class Watch {
        final String projection;
        final Set<Waiter> waiters = ConcurrentHashMap.newKeySet();
        private Checkpoint lastRead;
        private boolean reading;
        private boolean readAgain;

        Watch(String projection) {
            this.projection = projection;
        }

        void read() {
            synchronized (this) {
                if (reading) {
                    readAgain = true;
                    return;
                }
                reading = true;
                readAgain = false;
            }
            reads.incrementAndGet();
            pool.preparedQuery(LIVE_CHECKPOINT).execute(Tuple.of(projection))
                    .map(rows -> rows.iterator().hasNext() ? checkpoint(rows.iterator().next()) : null)
                    .subscribe().with(this::readAt, failure -> readAt(null));
        }

        private void readAt(Checkpoint live) {
            boolean again;
            synchronized (this) {
                if (live != null) {
                    lastRead = live;
                }
                reading = false;
                again = readAgain && !waiters.isEmpty();
            }
            if (live != null) {
                for (Waiter waiter : waiters) {
                    if (live.isAtOrAfter(waiter.position()) && waiters.remove(waiter)) {
                        waiter.answer(true);
                    }
                }
            }
            if (again) {
                read();
            }
        }

        void expire(Waiter waiter) {
            if (waiters.remove(waiter)) {
                Checkpoint last;
                synchronized (this) {
                    last = lastRead;
                }
                waiter.answer(last != null && last.isAtOrAfter(waiter.position()));
            }
        }
    }

    private static Checkpoint checkpoint(Row row) {
        return new Checkpoint(row.getLong("transaction_id"), row.getLong("position"));
    }
}
