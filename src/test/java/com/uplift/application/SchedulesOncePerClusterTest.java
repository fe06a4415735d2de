package com.uplift.application;

import com.uplift.audit.StreamAnchors;
import com.uplift.api.IdempotencyKeys;
import com.uplift.eventstore.EventStore;
import com.uplift.testing.Api;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.arc.ClientProxy;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgPool;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two (and more) instances on one database: each scheduled job runs once per interval, whichever instance ticks
 * first. "Another instance" is a {@link ScheduledRuns} of its own, with its own connection pool and name, on the same
 * database as the running service.
 */
@QuarkusTest
@Tag("integration")
@TestProfile(SchedulesOncePerClusterTest.Hourly.class)
class SchedulesOncePerClusterTest {

    /** The schedules as in production (hourly), their first tick far away: the test ticks them itself. */
    public static class Hourly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("uplift.reassessment.interval", "1h", "uplift.reassessment.delay", "1000h",
                    "uplift.audit.anchor-interval", "1h", "uplift.audit.anchor-delay", "1000h");
        }
    }

    private static final Duration HOUR = Duration.ofHours(1);

    @Inject
    Pool pool;
    @Inject
    Vertx vertx;
    @Inject
    ScheduledRuns thisInstance;
    @Inject
    Reassessment reassessment;
    @Inject
    StreamAnchors anchors;
    @Inject
    IdempotencyKeys idempotencyKeys;
    @Inject
    EventStore store;

    private final List<Pool> otherPools = new ArrayList<>();

    @BeforeEach
    void noRunRecorded() {
        pool.query("DELETE FROM scheduled_runs").execute().await().indefinitely();
    }

    @AfterEach
    void closeOtherInstances() {
        otherPools.forEach(p -> p.close().await().indefinitely());
    }

    @Test
    void instancesTickingAtDifferentMomentsRunEachIntervalOnce() {
        long seed = 20261129L;
        Random random = new Random(seed);
        MovableClock clockA = new MovableClock(Instant.parse("2026-11-29T00:00:00Z"));
        MovableClock clockB = new MovableClock(clockA.instant());
        ScheduledRuns a = otherInstance("instance-a", clockA);
        ScheduledRuns b = otherInstance("instance-b", clockB);
        int hours = 24;
        int runs = 0;
        java.util.Set<String> winners = new java.util.HashSet<>();
        for (int hour = 0; hour < hours; hour++) {
            Instant start = Instant.parse("2026-11-29T00:00:00Z").plus(HOUR.multipliedBy(hour));
            // each instance ticks once an hour at a moment of its own; whichever ticks first runs
            Instant tickA = start.plusMillis(random.nextInt((int) HOUR.toMillis()));
            Instant tickB = start.plusMillis(random.nextInt((int) HOUR.toMillis()));
            clockA.set(tickA);
            clockB.set(tickB);
            boolean ranA;
            boolean ranB;
            if (tickA.isBefore(tickB)) {
                ranA = a.claim("test-job", HOUR).await().indefinitely();
                ranB = b.claim("test-job", HOUR).await().indefinitely();
            } else {
                ranB = b.claim("test-job", HOUR).await().indefinitely();
                ranA = a.claim("test-job", HOUR).await().indefinitely();
            }
            winners.add(ranA ? "a" : "b");
            assertThat(ranA ^ ranB).as("hour %d, seed %d: exactly one instance runs", hour, seed).isTrue();
            runs += (ranA ? 1 : 0) + (ranB ? 1 : 0);
        }
        assertThat(runs).isEqualTo(hours);
        assertThat(winners).as("both instances ran some hours").containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void instancesTickingAtTheSameMomentRunEachIntervalOnce() {
        MovableClock clock = new MovableClock(Instant.parse("2026-12-01T00:00:00Z"));
        List<ScheduledRuns> instances = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            instances.add(otherInstance("instance-" + i, clock));
        }
        for (int hour = 0; hour < 10; hour++) {
            clock.set(Instant.parse("2026-12-01T00:00:00Z").plus(HOUR.multipliedBy(hour)).plusSeconds(1));
            List<Uni<Boolean>> ticks = instances.stream().map(instance -> instance.claim("test-job", HOUR)).toList();
            List<?> results = Uni.join().all(ticks).andFailFast().await().indefinitely();
            assertThat(results.stream().filter(Boolean.TRUE::equals).count()).as("hour %d", hour).isEqualTo(1);
        }
    }

    @Test
    void eachScheduledJobOfTheServiceRunsOnlyWhenThisInstanceWinsTheInterval() throws Exception {
        ScheduledRuns other = otherInstance("other-instance", Clock.systemUTC());

        // anchoring: another instance took this hour, so this one anchors nothing
        Api.openLine("B-SCHEDULE", "1000");
        long anchorsBefore = anchorVersion();
        assertThat(other.claim("audit-anchor", HOUR).await().indefinitely()).isTrue();
        tick(anchors);
        assertThat(anchorVersion()).isEqualTo(anchorsBefore);
        assertThat(claimedBy("audit-anchor")).isEqualTo("other-instance");
        // the next hour (here: the recorded one moved back an hour) is this instance's if it ticks first
        previousHour("audit-anchor");
        tick(anchors);
        assertThat(anchorVersion()).isGreaterThan(anchorsBefore);
        assertThat(claimedBy("audit-anchor")).isEqualTo(thisInstance.instance());

        // the idempotency purge
        pool.preparedQuery("""
                        INSERT INTO idempotency_keys (actor, idempotency_key, request_hash, claim_token, status, created_at)
                        VALUES ('schedule-test', 'old-key', repeat('0', 64), gen_random_uuid(), 200, $1)""")
                .execute(Tuple.of(Instant.now().minus(Duration.ofDays(10)).atOffset(ZoneOffset.UTC))).await().indefinitely();
        assertThat(other.claim("idempotency-purge", HOUR).await().indefinitely()).isTrue();
        tickUni(idempotencyKeys, "purgeExpired");
        assertThat(oldKeyStored()).isTrue();
        previousHour("idempotency-purge");
        tickUni(idempotencyKeys, "purgeExpired");
        assertThat(oldKeyStored()).isFalse();

        // the re-evaluation over time
        assertThat(other.claim("reassessment", HOUR).await().indefinitely()).isTrue();
        tickUni(reassessment, "scheduled");
        assertThat(claimedBy("reassessment")).isEqualTo("other-instance");
        previousHour("reassessment");
        tickUni(reassessment, "scheduled");
        assertThat(claimedBy("reassessment")).isEqualTo(thisInstance.instance());
    }

    /** Runs a blocking @Scheduled method of a bean as its scheduler would. */
    private static void tick(Object bean) throws Exception {
        Object target = ClientProxy.unwrap(bean);
        Method scheduled = target.getClass().getDeclaredMethod("scheduled");
        scheduled.setAccessible(true);
        scheduled.invoke(target);
    }

    /** Runs a non-blocking @Scheduled method (returning Uni) of a bean as its scheduler would. */
    private static void tickUni(Object bean, String method) throws Exception {
        Object target = ClientProxy.unwrap(bean);
        Method scheduled = target.getClass().getDeclaredMethod(method);
        scheduled.setAccessible(true);
        ((Uni<?>) scheduled.invoke(target)).await().atMost(Duration.ofMinutes(1));
    }

    private ScheduledRuns otherInstance(String name, Clock clock) {
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.reactive.url", String.class);
        PgConnectOptions options = PgConnectOptions.fromUri(url)
                .setUser(ConfigProvider.getConfig().getValue("quarkus.datasource.username", String.class))
                .setPassword(ConfigProvider.getConfig().getValue("quarkus.datasource.password", String.class));
        Pool own = PgPool.pool(vertx, options, new PoolOptions().setMaxSize(2));
        otherPools.add(own);
        return new ScheduledRuns(own, clock, new SimpleMeterRegistry(), name);
    }

    private long anchorVersion() {
        var events = store.readStream(StreamAnchors.STREAM, 1).await().indefinitely();
        return events.isEmpty() ? 0 : events.getLast().streamVersion();
    }

    private String claimedBy(String job) {
        return pool.preparedQuery("SELECT claimed_by FROM scheduled_runs WHERE job = $1").execute(Tuple.of(job))
                .await().indefinitely().iterator().next().getString("claimed_by");
    }

    private void previousHour(String job) {
        pool.preparedQuery("UPDATE scheduled_runs SET interval_start = interval_start - interval '1 hour' WHERE job = $1")
                .execute(Tuple.of(job)).await().indefinitely();
    }

    private boolean oldKeyStored() {
        return pool.query("SELECT count(*) AS n FROM idempotency_keys WHERE actor = 'schedule-test'").execute()
                .await().indefinitely().iterator().next().getLong("n") == 1;
    }

    /** A clock a test moves by hand: each instance's own notion of now. */
    static final class MovableClock extends Clock {
        private final AtomicReference<Instant> now;

        MovableClock(Instant start) {
            now = new AtomicReference<>(start);
        }

        void set(Instant instant) {
            now.set(instant);
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
