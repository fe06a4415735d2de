package com.uplift.readmodel;

import com.uplift.testing.Api;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static com.uplift.readmodel.ReadModelProbe.WAIT;
import static com.uplift.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A projection's live turns are spaced ({@code uplift.projections.live-turn-spacing-ms}): the first commit after a
 * quiet spell is applied at once, and a commit that follows within the spacing waits for the next instant of the
 * projections' shared grid at least half a spacing after the last turn began ({@link ProjectionRunner#alignedTurnAt}),
 * so that under load commits gather into fewer turns. The spacing is made long here (2 s) so that the bounds hold on a
 * slow machine: slowness can only make the second commit's turn later, never earlier.
 */
@QuarkusTest
@Tag("integration")
@TestProfile(LiveTurnSpacingTest.Spaced.class)
class LiveTurnSpacingTest {

    /** Two seconds between turns; no poll to wake a projection in between (commits' notifications only). */
    public static class Spaced implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("uplift.projections.live-turn-spacing-ms", "2000",
                    "uplift.projections.poll-interval-ms", "600000",
                    "quarkus.scheduler.start-mode", "halted");
        }
    }

    private static final long SPACING_MILLIS = 2000;

    @Inject
    AgroalDataSource jdbc;

    @Inject
    ProjectionRunner runner;

    @Test
    void aCommitAfterAQuietSpellIsAppliedAtOnceAndTheNextWithinTheSpacingWaitsForIt() throws Exception {
        ReadModelProbe probe = new ReadModelProbe(jdbc, runner);
        String line = Api.openLine("B-SPACED-TURNS", "5000");
        await().atMost(WAIT).until(() -> probe.caughtUp(line));
        Thread.sleep(SPACING_MILLIS + 200); // a quiet spell: the last turn of credit-lines began more than 2 s ago

        long started = System.nanoTime();
        as("ops").body("{\"amount\":10.00}").post("/api/credit-lines/" + line + "/drawdowns").then().statusCode(200);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(10)).until(() -> probe.caughtUp(line));
        long first = millisSince(started);

        as("ops").body("{\"amount\":10.00}").post("/api/credit-lines/" + line + "/drawdowns").then().statusCode(200);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(10)).until(() -> probe.caughtUp(line));
        long second = millisSince(started);

        assertThat(first).as("the first commit after a quiet spell is applied without waiting for the spacing")
                .isLessThan(SPACING_MILLIS);
        // The first drawdown's turn began after `started`; the next turn begins no sooner than half the spacing after it.
        assertThat(second).as("the next commit's turn waits for the next instant of the grid")
                .isGreaterThanOrEqualTo(SPACING_MILLIS / 2);
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
