package com.uplift.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.uplift.eventstore.HashChain;
import com.uplift.application.ScheduledRuns;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Idempotency-Key handling for POST requests, stored in PostgreSQL so it survives restarts.
 * <p>
 * The key is claimed before the command runs (one INSERT, the primary key decides between concurrent retries); the
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
            SELECT request_hash, status, response_body, location, etag FROM idempotency_keys
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
