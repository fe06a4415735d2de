package com.uplift.application;

import com.uplift.testing.Api;
import com.uplift.testing.OwnDatabase;
import com.uplift.testing.PackagedInstance;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static com.uplift.testing.Management.management;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two running instances of the service on one database: this test's application, and the packaged service started as
 * a process of its own on the same database. With every schedule at 2 s, each scheduled job runs once per interval
 * across the two (whichever ticks first), both tick, and each projection runs on one of them.
 * <p>
 * What each instance did is counted twice, independently: by the instance, in {@code uplift.scheduled.runs} on its
 * management port, and by the database, where triggers (in this test's own database only) record every claim that
 * reaches {@code scheduled_runs} and every claim that won.
 */
@QuarkusTest
@Tag("integration")
@TestProfile(TwoInstancesOneDatabaseTest.ShortSchedules.class)
class TwoInstancesOneDatabaseTest {

    /** Every schedule at 2 s; this application's scheduler waits for the test (halted) until the records are in place. */
    public static class ShortSchedules extends OwnDatabase {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(SCHEDULES);
            config.put("quarkus.scheduler.start-mode", "halted");
            return config;
        }
    }

    private static final Logger LOG = Logger.getLogger(TwoInstancesOneDatabaseTest.class);
    private static final Map<String, String> SCHEDULES = Map.of(
            "uplift.reassessment.interval", "2s", "uplift.reassessment.delay", "1s",
            "uplift.audit.anchor-interval", "2s", "uplift.audit.anchor-delay", "1s",
            "uplift.idempotency.purge-interval", "2s", "uplift.idempotency.purge-delay", "1s");
    private static final List<String> JOBS = List.of("reassessment", "audit-anchor", "idempotency-purge");
    private static final Duration INTERVAL = Duration.ofSeconds(2);
    /** Ticks of every job each instance must have made before the counts are compared (about 10 s of running). */
    private static final int TICKS = 5;
    private static final String RUNS = "uplift_scheduled_runs_total";
    /** A claim (row a of claim_attempts) that reached the database while its interval lasted. */
    private static final String IN_TIME = "a.arrived_at < a.interval_start + interval '%d milliseconds'".formatted(INTERVAL.toMillis());
    private static final String WON_BY_SOMEONE = "SELECT 1 FROM claims_won w WHERE w.job = a.job AND w.interval_start = a.interval_start";
    /** See {@link #intervalsTicked}. */
    private static final String INTERVALS_TICKED = """
            SELECT count(DISTINCT a.interval_start) FROM claim_attempts a
            WHERE a.job = $1 AND (%s OR EXISTS (%s))""".formatted(IN_TIME, WON_BY_SOMEONE);

    /** Records each claim as it reaches scheduled_runs (BEFORE INSERT fires for every proposed row) and each one that won. */
    private static final String RECORD_CLAIMS = """
            CREATE TABLE claim_attempts (job TEXT, interval_start TIMESTAMPTZ, claimed_by TEXT,
                                         arrived_at TIMESTAMPTZ DEFAULT clock_timestamp());
            CREATE TABLE claims_won (job TEXT, interval_start TIMESTAMPTZ, claimed_by TEXT);
            CREATE FUNCTION record_attempt() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO claim_attempts (job, interval_start, claimed_by) VALUES (NEW.job, NEW.interval_start, NEW.claimed_by);
                RETURN NEW;
            END $$;
            CREATE FUNCTION record_win() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO claims_won (job, interval_start, claimed_by) VALUES (NEW.job, NEW.interval_start, NEW.claimed_by);
                RETURN NULL;
            END $$;
            CREATE TRIGGER record_attempt BEFORE INSERT ON scheduled_runs FOR EACH ROW EXECUTE FUNCTION record_attempt();
            -- an ON CONFLICT update whose WHERE is false updates no row, so this fires for the winning claims only
            CREATE TRIGGER record_win AFTER INSERT OR UPDATE ON scheduled_runs FOR EACH ROW EXECUTE FUNCTION record_win()""";

    @Inject
    Pool pool;
    @Inject
    Scheduler scheduler;
    @Inject
    ScheduledRuns thisInstance;

    @Test
    void eachScheduledJobRunsOncePerIntervalAcrossTwoRunningInstances() {
        assertThat(scheduler.isRunning()).as("this instance waits for the claim records (start-mode halted)").isFalse();
        pool.query(RECORD_CLAIMS).execute().await().atMost(Duration.ofSeconds(30));

        try (PackagedInstance other = PackagedInstance.start("two-instances-other", otherInstanceConfig(), Duration.ofSeconds(120))) {
            scheduler.resume();
            String here = thisInstance.instance();
            String there = other.pid() + "@%";

            projectionsRunOnExactlyOneInstance(other);

            // a bounded run: until both instances have ticked every job a few times
            await("both instances ticking every job " + TICKS + " times (other instance's log: " + other.log() + ")")
                    .atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .until(() -> JOBS.stream().allMatch(job -> attempts(job, here) >= TICKS && attempts(job, there) >= TICKS));
            scheduler.pause();

            // The instances' counters agree with the database's record, at a moment no claim is under way (the other
            // instance keeps ticking: compared again until the two readings meet, which they do between its ticks).
            await("each instance's uplift.scheduled.runs equals the claims the database recorded from it")
                    .atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> {
                        Map<Map<String, String>, Double> hereCounted = PackagedInstance.metric(
                                management().get("/q/metrics").then().statusCode(200).extract().asString(), RUNS);
                        Map<Map<String, String>, Double> thereCounted = other.metric(RUNS);
                        for (String job : JOBS) {
                            assertThat(counted(hereCounted, job, "won")).as("%s won here", job).isEqualTo(won(job, here));
                            assertThat(counted(hereCounted, job, "skipped")).as("%s skipped here", job)
                                    .isEqualTo(attempts(job, here) - won(job, here));
                            assertThat(counted(thereCounted, job, "won")).as("%s won on the other instance", job)
                                    .isEqualTo(won(job, there));
                            assertThat(counted(thereCounted, job, "skipped")).as("%s skipped on the other instance", job)
                                    .isEqualTo(attempts(job, there) - won(job, there));
                            // the headline: runs summed over both instances == intervals in which either ticked
                            assertThat(counted(hereCounted, job, "won") + counted(thereCounted, job, "won"))
                                    .as("%s: runs on both instances together == intervals ticked", job)
                                    .isEqualTo(intervalsTicked(job));
                        }
                    });

            for (String job : JOBS) {
                LOG.infof("%s: ticks here %d, on the other instance %d; runs here %d, on the other instance %d; intervals ticked %d",
                        job, attempts(job, here), attempts(job, there), won(job, here), won(job, there), intervalsTicked(job));
                assertThat(intervalsWonTwice(job)).as("%s: intervals won more than once", job).isEmpty();
                assertThat(intervalsTickedButNotRun(job)).as("%s: intervals ticked in time but run by nobody", job).isEmpty();
                // one statement, one snapshot: the other instance is still ticking
                long[] runsAndIntervals = runsAndIntervalsTicked(job);
                assertThat(runsAndIntervals[0]).as("%s: runs", job).isEqualTo(runsAndIntervals[1]).isGreaterThanOrEqualTo(TICKS);
            }
        }
    }

    /**
     * Both instances list every projection, and each runs on exactly one of them (it holds the projection's advisory
     * lock). Waited for: the other instance asks for the locks as it starts, and a lock can change hands in between.
     */
    private void projectionsRunOnExactlyOneInstance(PackagedInstance other) {
        await("each projection running on exactly one of the two instances").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                    Map<String, Boolean> here = runsHere(Api.as("admin").get("/api/admin/projections")
                            .then().statusCode(200).extract().asString());
                    Map<String, Boolean> there = runsHere(other.as("admin").get("/api/admin/projections")
                            .then().statusCode(200).extract().asString());
                    assertThat(here).isNotEmpty();
                    assertThat(there.keySet()).isEqualTo(here.keySet());
                    here.forEach((projection, runsHere) -> assertThat(runsHere ^ there.get(projection))
                            .as("%s runs on exactly one instance (here: %s, other: %s)", projection, runsHere, there.get(projection))
                            .isTrue());
                });
    }

    private static Map<String, Boolean> runsHere(String projections) {
        List<Map<String, Object>> all = JsonPath.from(projections).getList("");
        return all.stream().collect(Collectors.toMap(p -> (String) p.get("name"), p -> (Boolean) p.get("runsHere")));
    }

    /** The same database as this application, the same short schedules, demo users for the admin endpoint. */
    private static Map<String, String> otherInstanceConfig() {
        Config config = ConfigProvider.getConfig();
        Map<String, String> other = new HashMap<>(SCHEDULES);
        for (String key : List.of("quarkus.datasource.reactive.url", "quarkus.datasource.jdbc.url",
                "quarkus.datasource.username", "quarkus.datasource.password")) {
            other.put(key, config.getValue(key, String.class));
        }
        other.put("uplift.demo-users.enabled", "true");
        return other;
    }

    private static long counted(Map<Map<String, String>, Double> samples, String job, String outcome) {
        Double value = samples.get(Map.of("schedule", job, "outcome", outcome));
        return value == null ? 0 : value.longValue();
    }

    private long attempts(String job, String claimedBy) {
        return count("SELECT count(*) FROM claim_attempts WHERE job = $1 AND claimed_by LIKE $2", job, claimedBy);
    }

    private long won(String job, String claimedBy) {
        return count("SELECT count(*) FROM claims_won WHERE job = $1 AND claimed_by LIKE $2", job, claimedBy);
    }

    /**
     * Intervals in which an instance ticked, leaving out an interval whose every claim reached the database only after
     * the interval had ended and that nobody ran: such a claim is stale on arrival, and refused by design when a later
     * interval already ran (it would take a stall of about an interval to happen here).
     */
    private long intervalsTicked(String job) {
        return count(INTERVALS_TICKED, job);
    }

    private long[] runsAndIntervalsTicked(String job) {
        Row row = pool.preparedQuery("SELECT (SELECT count(*) FROM claims_won WHERE job = $1) AS runs, ("
                        + INTERVALS_TICKED + ") AS intervals")
                .execute(Tuple.of(job)).await().atMost(Duration.ofSeconds(30)).iterator().next();
        return new long[]{row.getLong("runs"), row.getLong("intervals")};
    }

    private List<String> intervalsWonTwice(String job) {
        return strings("""
                SELECT interval_start || ' by ' || string_agg(claimed_by, ', ') FROM claims_won WHERE job = $1
                GROUP BY interval_start HAVING count(*) > 1""", job);
    }

    private List<String> intervalsTickedButNotRun(String job) {
        return strings("""
                SELECT DISTINCT a.interval_start::text FROM claim_attempts a
                WHERE a.job = $1 AND %s AND NOT EXISTS (%s)""".formatted(IN_TIME, WON_BY_SOMEONE), job);
    }

    private long count(String sql, Object... parameters) {
        return pool.preparedQuery(sql).execute(Tuple.from(List.of(parameters)))
                .await().atMost(Duration.ofSeconds(30)).iterator().next().getLong(0);
    }

    private List<String> strings(String sql, Object... parameters) {
        List<String> found = new ArrayList<>();
        for (Row row : pool.preparedQuery(sql).execute(Tuple.from(List.of(parameters)))
                .await().atMost(Duration.ofSeconds(30))) {
            found.add(row.getString(0));
        }
        return found;
    }
}
