package com.uplift.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.uplift.eventstore.HashChain;
import com.uplift.application.CommandAnswer;
import com.uplift.application.CreditLineSnapshot;
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
 * Credit-line commands use {@link #onceWithEvents}: the key's answer is written in the transaction that appends the
 * command's events, so a crash between the two cannot exist. Policy commands use {@link #once}: the key is claimed
 * before the command runs (one INSERT, the primary key decides between concurrent retries); the
 * response is stored once it is known. The same key with the same request replays the stored response and appends
 * nothing, also when that response was a refusal (a 4xx answer is an answer); with a different request it is refused
 * (422). An unexpected failure (5xx) releases the key so the client may retry.
 */
@ApplicationScoped
public class IdempotencyKeys {

    public static final String HEADER = "Idempotency-Key";
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private static final String CLAIM = """
            INSERT INTO idempotency_keys (actor, idempotency_key, request_hash, created_at, claim_token) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (actor, idempotency_key) DO NOTHING""";
    private static final String FIND = """
            SELECT request_hash, status, response_body, location, etag, created_at FROM idempotency_keys
            WHERE actor = $1 AND idempotency_key = $2""";
    private static final String COMPLETE = """
            UPDATE idempotency_keys SET status = $3, response_body = $4, location = $5, etag = $6
            WHERE actor = $1 AND idempotency_key = $2 AND claim_token = $7""";
    private static final String RELEASE = "DELETE FROM idempotency_keys WHERE actor = $1 AND idempotency_key = $2 AND claim_token = $3";
    /** A claim whose request never finished (the instance died) is taken over after the lease, not stuck for days. */
    private static final String TAKE_OVER = """
            UPDATE idempotency_keys SET created_at = $4, claim_token = $6
            WHERE actor = $1 AND idempotency_key = $2 AND request_hash = $3 AND status IS NULL AND created_at < $5""";
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
    /** A claim left by a request that died under the claim-first scheme (policy requests, or before an upgrade). */
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

    /**
     * Runs {@code action} once per (actor, key); without a key it simply runs it.
     *
     * @param request what identifies the request's content: method, path and body (hashed)
     */
    public Uni<Response> once(String actor, String key, String request, Supplier<Uni<Response>> action) {
        if (key == null) {
            return action.get();
        }
        if (!KEY.matcher(key).matches()) {
            return Uni.createFrom().item(Problem.invalid(HEADER, "malformed",
                    "Idempotency-Key must be 1-128 characters of [A-Za-z0-9._:-]").toResponse());
        }
        String hash = HashChain.sha256(request);
        UUID token = UUID.randomUUID();
        return pool.preparedQuery(CLAIM).execute(Tuple.of(actor, key, hash, clock.instant().atOffset(ZoneOffset.UTC), token))
                .chain(claimed -> claimed.rowCount() == 1 ? Uni.createFrom().item(true) : takeOver(actor, key, hash, token))
                .chain(ours -> ours ? runAndStore(actor, key, token, action) : replay(actor, key, hash));
    }

    /**
     * Runs a credit-line command once per (actor, key), its answer written in the transaction that appends its events
     * (see {@link CommandAnswer}); without a key it simply runs it.
     * <p>
     * Nothing is claimed before the command runs. A retry finds the stored answer and replays it; a duplicate running
     * at the same time waits at the claim inside the first one's transaction and then replays its answer; a request
     * that died (crash, lost connection, outage) left nothing, so its retry runs the command again at once. A command
     * that appends nothing stores its answer on its own.
     *
     * @param request  what identifies the request's content: method, path and body (hashed)
     * @param answerOf the response for the line as it is after the command
     * @param action   runs the command, writing its answer through the given {@link CommandAnswer} (null without a key)
     */
    public Uni<Response> onceWithEvents(String actor, String key, String request,
                                        Function<CreditLineSnapshot, Response> answerOf,
                                        Function<CommandAnswer, Uni<Response>> action) {
        if (key == null) {
            return action.apply(null);
        }
        if (!KEY.matcher(key).matches()) {
            return Uni.createFrom().item(Problem.invalid(HEADER, "malformed",
                    "Idempotency-Key must be 1-128 characters of [A-Za-z0-9._:-]").toResponse());
        }
        String hash = HashChain.sha256(request);
        return pool.preparedQuery(FIND).execute(Tuple.of(actor, key)).chain(rows -> {
            if (rows.size() == 0) {
                return runAlongside(actor, key, hash, answerOf, action);
            }
            Row row = rows.iterator().next();
            var abandonedBefore = clock.instant().minus(LEASE).atOffset(ZoneOffset.UTC);
            if (row.getInteger("status") == null && row.getOffsetDateTime("created_at").isBefore(abandonedBefore)) {
                // a claim-first request (a policy command, or one from before answers were stored with events) died
                return pool.preparedQuery(DROP_ABANDONED).execute(Tuple.of(actor, key, abandonedBefore))
                        .chain(() -> runAlongside(actor, key, hash, answerOf, action));
            }
            return replay(actor, key, hash);
        });
    }

    private Uni<Response> runAlongside(String actor, String key, String hash, Function<CreditLineSnapshot, Response> answerOf,
                                       Function<CommandAnswer, Uni<Response>> action) {
        AnswerWithEvents answer = new AnswerWithEvents(actor, key, hash, answerOf);
        return Uni.createFrom().<Response>deferred(() -> action.apply(answer))
                .map(response -> answer.stored != null ? Settled.answered(answer.stored) : Settled.toStore(response))
                .onFailure(ProblemMappers::isOutcome).recoverWithItem(failure -> Settled.toStore(ProblemMappers.outcome(failure)))
                .onFailure(AlreadyAnswered.class).recoverWithUni(() -> replay(actor, key, hash).map(Settled::answered))
                .onFailure(EventIdConflictException.class).recoverWithItem(() -> Settled.answered(Problem.of(ProblemType.CONFLICT,
                        "this request was already applied under this Idempotency-Key, and its answer is no longer kept")
                        .toResponse()))
                .chain(settled -> settled.answered() || settled.response().getStatus() >= 500
                        ? Uni.createFrom().item(settled.response())
                        : storeAnswer(actor, key, hash, asStored(settled.response())));
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

    private Uni<Response> storeAnswer(String actor, String key, String hash, Response response) {
        String location = response.getLocation() == null ? null : response.getLocation().toString();
        String etag = response.getEntityTag() == null ? null : response.getEntityTag().getValue();
        return pool.preparedQuery(ANSWER).execute(Tuple.tuple(java.util.Arrays.asList(actor, key, hash,
                        clock.instant().atOffset(ZoneOffset.UTC), UUID.randomUUID(), response.getStatus(), body(response),
                        location, etag)))
                // another request with this key answered first: its answer is the key's answer
                .chain(rows -> rows.rowCount() == 1 ? Uni.createFrom().item(response) : replay(actor, key, hash));
    }

    /** The key was answered by a request that committed first: replay that answer. */
    static final class AlreadyAnswered extends RuntimeException {
        AlreadyAnswered() {
            super("this Idempotency-Key was answered by a concurrent request", null, false, false);
        }
    }

    /** The answer of one keyed command, claimed and written inside the command's append transaction. */
    private final class AnswerWithEvents implements CommandAnswer {
        private final String actor;
        private final String key;
        private final String hash;
        private final Function<CreditLineSnapshot, Response> answerOf;
        private final UUID token = UUID.randomUUID();
        private volatile Response stored;

        AnswerWithEvents(String actor, String key, String hash, Function<CreditLineSnapshot, Response> answerOf) {
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
        public Uni<Void> record(SqlConnection connection, CreditLineSnapshot after) {
            Response response = asStored(answerOf.apply(after));
            String location = response.getLocation() == null ? null : response.getLocation().toString();
            String etag = response.getEntityTag() == null ? null : response.getEntityTag().getValue();
            return connection.preparedQuery(COMPLETE)
                    .execute(Tuple.tuple(java.util.Arrays.asList(actor, key, response.getStatus(), body(response), location, etag, token)))
                    .invoke(() -> stored = response)
                    .replaceWithVoid();
        }
    }

    private Uni<Boolean> takeOver(String actor, String key, String hash, UUID token) {
        var now = clock.instant();
        return pool.preparedQuery(TAKE_OVER).execute(Tuple.tuple(List.of(actor, key, hash, now.atOffset(ZoneOffset.UTC),
                now.minus(LEASE).atOffset(ZoneOffset.UTC), token))).map(rows -> rows.rowCount() == 1);
    }

    private Uni<Response> runAndStore(String actor, String key, UUID token, Supplier<Uni<Response>> action) {
        return Uni.createFrom().<Response>deferred(action::get)
                // a refusal, an unknown line or a stale version is this request's answer: kept like a success
                .onFailure(ProblemMappers::isOutcome).recoverWithItem(ProblemMappers::outcome)
                .onFailure().call(failure -> release(actor, key, token))
                .call(response -> response.getStatus() >= 500 ? release(actor, key, token) : store(actor, key, token, response))
                .map(this::asStored);
    }

    private Uni<Void> store(String actor, String key, UUID token, Response response) {
        String location = response.getLocation() == null ? null : response.getLocation().toString();
        String etag = response.getEntityTag() == null ? null : response.getEntityTag().getValue();
        return pool.preparedQuery(COMPLETE)
                .execute(Tuple.tuple(java.util.Arrays.asList(actor, key, response.getStatus(), body(response), location, etag, token)))
                .replaceWithVoid();
    }

    private Uni<Void> release(String actor, String key, UUID token) {
        return pool.preparedQuery(RELEASE).execute(Tuple.of(actor, key, token)).replaceWithVoid();
    }

    private Uni<Response> replay(String actor, String key, String hash) {
        return pool.preparedQuery(FIND).execute(Tuple.of(actor, key)).map(rows -> {
            Row row = rows.iterator().hasNext() ? rows.iterator().next() : null;
            if (row == null || row.getInteger("status") == null) {
                return Problem.of(ProblemType.CONFLICT, "a request with this Idempotency-Key is still being processed; retry shortly")
                        .toResponse();
            }
            if (!row.getString("request_hash").equals(hash)) {
                return Problem.of(ProblemType.IDEMPOTENCY_KEY_REUSED,
                        "this Idempotency-Key was first used with a different request").toResponse();
            }
            return rebuild(row.getInteger("status"), row.getString("response_body"), row.getString("location"), row.getString("etag"));
        });
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
        return runs.claim("idempotency-purge", ScheduledRuns.interval(purgeEvery)).chain(won -> !won ? Uni.createFrom().voidItem()
                : pool.preparedQuery(PURGE).execute(Tuple.of(clock.instant().minus(retention).atOffset(ZoneOffset.UTC)))
                        .replaceWithVoid());
    }
}
