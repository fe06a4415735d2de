package com.uplift.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.uplift.eventstore.HashChain;
import com.uplift.application.CommandAnswer;
import com.uplift.application.ScheduledRuns;
import com.uplift.eventstore.EventIdConflictException;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.pgclient.PgException;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Idempotency-Key handling for POST requests, stored in PostgreSQL so it survives restarts.
 * <p>
 * The key's answer is written in the transaction that appends the command's events ({@link #onceWithEvents}), so a
 * crash between the two cannot exist: either the command happened and its answer is stored, or neither. The same key
 * with the same request replays the stored response and appends nothing, also when that response was a refusal (a
 * 4xx answer is an answer, stored on its own since it appended nothing); with a different request it is refused (422).
 * An unexpected failure (5xx) stores nothing, so the client may retry at once.
 */
@ApplicationScoped
public class IdempotencyKeys {

    public static final String HEADER = "Idempotency-Key";
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private static final String FIND = """
            SELECT request_hash, status, response_body, location, etag, created_at FROM idempotency_keys
            WHERE actor = $1 AND idempotency_key = $2""";
    private static final String COMPLETE = """
            UPDATE idempotency_keys SET status = $3, response_body = $4, location = $5, etag = $6
            WHERE actor = $1 AND idempotency_key = $2 AND claim_token = $7""";
    private static final Duration LEASE = Duration.ofSeconds(60);
    /** Claims a key inside a command's append transaction: a concurrent duplicate's claim waits for it, then fails. */
    private static final String CLAIM_IN_APPEND = """
            INSERT INTO idempotency_keys (actor, idempotency_key, request_hash, created_at, claim_token) VALUES ($1, $2, $3, $4, $5)""";
    /** Stores an answer that appended nothing (a refusal, an unknown line, a command with nothing to record). */
    private static final String ANSWER = """
            INSERT INTO idempotency_keys (actor, idempotency_key, request_hash, created_at, claim_token, status, response_body,
                                          location, etag)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            ON CONFLICT (actor, idempotency_key) DO NOTHING""";
    /** A claim left by a request that died under the earlier claim-first scheme (rows from before an upgrade). */
    private static final String DROP_ABANDONED = """
            DELETE FROM idempotency_keys WHERE actor = $1 AND idempotency_key = $2 AND status IS NULL AND created_at < $3""";
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String PURGE = "DELETE FROM idempotency_keys WHERE created_at < $1";

    private final Pool pool;
    private final ObjectMapper json;
    private final Clock clock;
    private final Duration retention;
    private final ScheduledRuns runs;
    private final String purgeEvery;

    public IdempotencyKeys(Pool pool, ObjectMapper json, Clock clock, ScheduledRuns runs,
                           @ConfigProperty(name = "uplift.idempotency.retention", defaultValue = "PT48H") Duration retention,
                           @ConfigProperty(name = "uplift.idempotency.purge-interval", defaultValue = "1h") String purgeEvery) {
        this.pool = pool;
        this.runs = runs;
        this.purgeEvery = purgeEvery;
        this.json = json;
        this.clock = clock;
        this.retention = retention.compareTo(Duration.ofHours(24)) < 0 ? Duration.ofHours(24) : retention;
    }

    /** The answer to a key that is not one: 400 naming the header. */
    static Response malformed() {
        return Problem.invalid(HEADER, "malformed", "Idempotency-Key must be 1-128 characters of [A-Za-z0-9._:-]")
                .toResponse();
    }

    /**
     * Runs a credit-line command once per (actor, key), its answer written in the transaction that appends its events
     * (see {@link CommandAnswer}); without a key it simply runs it.
     * <p>
     * Nothing is looked up or claimed before the command runs. A retry runs it up to its claim inside the append (or
     * up to storing an answer that appended nothing), finds the key answered there, keeps nothing and replays the
     * stored answer; a duplicate running at the same time waits at the claim inside the first one's transaction and
     * then replays its answer; a request that died (crash, lost connection, outage) left nothing, so its retry runs
     * the command again at once. A command that appends nothing stores its answer on its own.
     *
     * @param request  what identifies the request's content: method, path and body (hashed)
     * @param answerOf the response for the line as it is after the command
     * @param action   runs the command, writing its answer through the given {@link CommandAnswer} (null without a key),
     *                 and gives what it left
     */
    public <T> Uni<Response> onceWithEvents(String actor, String key, String request, Function<T, Response> answerOf,
                                            Function<CommandAnswer<T>, Uni<T>> action) {
        if (key == null) {
            return action.apply(null).map(answerOf);
        }
        if (!KEY.matcher(key).matches()) {
            return Uni.createFrom().item(malformed());
        }
        // No lookup first: the common case, a key not seen before, then costs no round trip of its own. A key seen
        // before is found by its claim inside the append, or by storing an answer that appended nothing; either way
        // nothing of this run is kept and the stored answer is replayed.
        return runAlongside(actor, key, HashChain.sha256(request), answerOf, action);
    }

    private <T> Uni<Response> runAlongside(String actor, String key, String hash, Function<T, Response> answerOf,
                                           Function<CommandAnswer<T>, Uni<T>> action) {
        AnswerWithEvents<T> answer = new AnswerWithEvents<>(actor, key, hash, answerOf);
        // the answer written with the events is the response; only a command that appended nothing builds it here
        return Uni.createFrom().<T>deferred(() -> action.apply(answer))
                .map(after -> answer.stored != null ? Settled.answered(answer.stored) : Settled.toStore(answerOf.apply(after)))
                .onFailure(ProblemMappers::isOutcome).recoverWithItem(failure -> Settled.toStore(ProblemMappers.outcome(failure)))
                .onFailure(AlreadyAnswered.class).recoverWithUni(() -> replay(actor, key, hash,
                        () -> runAlongside(actor, key, hash, answerOf, action)).map(Settled::answered))
                .onFailure(EventIdConflictException.class).recoverWithItem(() -> Settled.answered(Problem.of(ProblemType.CONFLICT,
                        "this request was already applied under this Idempotency-Key, and its answer is no longer kept")
                        .toResponse()))
                .chain(settled -> settled.answered() || settled.response().getStatus() >= 500
                        ? Uni.createFrom().item(settled.response())
                        : storeAnswer(actor, key, hash, asStored(settled.response()),
                        () -> runAlongside(actor, key, hash, answerOf, action)));
    }

    /** A command's response, and whether it is already the key's stored answer (or must not be stored). */
    private record Settled(Response response, boolean answered) {
        static Settled answered(Response response) {
            return new Settled(response, true);
        }

        static Settled toStore(Response response) {
            return new Settled(response, false);
        }
    }

    private Uni<Response> storeAnswer(String actor, String key, String hash, Response response, Supplier<Uni<Response>> again) {
        String location = response.getLocation() == null ? null : response.getLocation().toString();
        String etag = response.getEntityTag() == null ? null : response.getEntityTag().getValue();
        return pool.preparedQuery(ANSWER).execute(Tuple.tuple(java.util.Arrays.asList(actor, key, hash,
                        clock.instant().atOffset(ZoneOffset.UTC), UUID.randomUUID(), response.getStatus(), body(response),
                        location, etag)))
                // another request with this key answered first: its answer is the key's answer
                .chain(rows -> rows.rowCount() == 1 ? Uni.createFrom().item(response) : replay(actor, key, hash, again));
    }

    /** The key was answered by a request that committed first: replay that answer. */
    static final class AlreadyAnswered extends RuntimeException {
        AlreadyAnswered() {
            super("this Idempotency-Key was answered by a concurrent request", null, false, false);
        }
    }

    /** The answer of one keyed command, claimed and written inside the command's append transaction. */
    private final class AnswerWithEvents<T> implements CommandAnswer<T> {
        private final String actor;
        private final String key;
        private final String hash;
        private final Function<T, Response> answerOf;
        private final UUID token = UUID.randomUUID();
        private volatile Response stored;

        AnswerWithEvents(String actor, String key, String hash, Function<T, Response> answerOf) {
            this.actor = actor;
            this.key = key;
            this.hash = hash;
            this.answerOf = answerOf;
        }

        @Override
        public UUID eventId(int index) {
            // The request's hash is part of the name: the same key reused for another request after its answer was
            // purged gets other ids, while the same request again gets the same ones (and the unique event id refuses it).
            return UUID.nameUUIDFromBytes((actor + "\n" + key + "\n" + hash + "\n" + index).getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public Uni<Void> claim(SqlConnection connection) {
            return connection.preparedQuery(CLAIM_IN_APPEND)
                    .execute(Tuple.of(actor, key, hash, clock.instant().atOffset(ZoneOffset.UTC), token))
                    .onFailure(failure -> failure instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState()))
                    .transform(failure -> new AlreadyAnswered())
                    .replaceWithVoid();
        }

        @Override
        public Uni<Void> record(SqlConnection connection, T after) {
            Response response = asStored(answerOf.apply(after));
            String location = response.getLocation() == null ? null : response.getLocation().toString();
            String etag = response.getEntityTag() == null ? null : response.getEntityTag().getValue();
            return connection.preparedQuery(COMPLETE)
                    .execute(Tuple.tuple(java.util.Arrays.asList(actor, key, response.getStatus(), body(response), location, etag, token)))
                    .invoke(() -> stored = response)
                    .replaceWithVoid();
        }
    }

    /**
     * The key's stored answer. A claim without an answer left by a request that died under the earlier claim-first
     * scheme (rows from before an upgrade) is void: it is dropped and the request runs {@code again}.
     */
    private Uni<Response> replay(String actor, String key, String hash, Supplier<Uni<Response>> again) {
        return pool.preparedQuery(FIND).execute(Tuple.of(actor, key)).chain(rows -> {
            Row row = rows.iterator().hasNext() ? rows.iterator().next() : null;
            var abandonedBefore = clock.instant().minus(LEASE).atOffset(ZoneOffset.UTC);
            if (row != null && row.getInteger("status") == null && row.getOffsetDateTime("created_at").isBefore(abandonedBefore)) {
                return pool.preparedQuery(DROP_ABANDONED).execute(Tuple.of(actor, key, abandonedBefore)).chain(ignored -> again.get());
            }
            return Uni.createFrom().item(answerIn(row, hash));
        });
    }

    private static Response answerIn(Row row, String hash) {
        if (row == null || row.getInteger("status") == null) {
            return Problem.of(ProblemType.CONFLICT, "a request with this Idempotency-Key is still being processed; retry shortly")
                    .toResponse();
        }
        if (!row.getString("request_hash").equals(hash)) {
            return Problem.of(ProblemType.IDEMPOTENCY_KEY_REUSED,
                    "this Idempotency-Key was first used with a different request").toResponse();
        }
        return rebuild(row.getInteger("status"), row.getString("response_body"), row.getString("location"), row.getString("etag"));
    }

    /** The response exactly as a replay will see it: same status, headers and bytes. */
    private Response asStored(Response response) {
        String location = response.getLocation() == null ? null : response.getLocation().toString();
        String etag = response.getEntityTag() == null ? null : response.getEntityTag().getValue();
        return rebuild(response.getStatus(), body(response), location, etag);
    }

    private static Response rebuild(int status, String body, String location, String etag) {
        Response.ResponseBuilder builder = Response.status(status);
        if (body != null) {
            builder.entity(body).type(status >= 400 ? Problem.MEDIA_TYPE : MediaType.APPLICATION_JSON);
        }
        if (location != null) {
            builder.header(HttpHeaders.LOCATION, URI.create(location));
        }
        if (etag != null) {
            builder.tag(new EntityTag(etag));
        }
        return builder.build();
    }

    private String body(Response response) {
        Object entity = response.getEntity();
        if (entity == null) {
            return null;
        }
        if (entity instanceof String text) {
            return text;
        }
        try {
            return json.writeValueAsString(entity);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot store the response of an idempotent request", e);
        }
    }

    // The interval is configurable so that a test can watch two instances share the purge within seconds.
    @Scheduled(every = "${uplift.idempotency.purge-interval:1h}", delayed = "${uplift.idempotency.purge-delay:1m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purgeExpired() {
        return ScheduledRuns.outageIsAWarning("idempotency-purge", runs.claim("idempotency-purge",
                ScheduledRuns.interval(purgeEvery)).chain(won -> !won ? Uni.createFrom().voidItem()
                : pool.preparedQuery(PURGE).execute(Tuple.of(clock.instant().minus(retention).atOffset(ZoneOffset.UTC)))
                        .replaceWithVoid()));
    }
}
