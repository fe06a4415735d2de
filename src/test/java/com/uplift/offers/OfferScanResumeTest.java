package com.uplift.offers;

import com.uplift.application.OfferScans;
import com.uplift.domain.creditline.CreditLineStream;
import com.uplift.testing.Borrowers;
import com.uplift.testing.OwnDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.uplift.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A scan interrupted by its instance's death resumes after its checkpoint on another instance (here: this one, taking
 * over a run whose heartbeat went stale), and a run redone from the start offers nothing twice. Batches of 2 lines, so
 * the run has several checkpoints. Its own database: the policy it puts in force must not decide other tests' lines.
 */
@QuarkusTest
@TestProfile(OfferScanResumeTest.OwnStore.class)
@Tag("integration")
class OfferScanResumeTest {

    public static class OwnStore extends OwnDatabase {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new java.util.HashMap<>(super.getConfigOverrides());
            overrides.put("uplift.offers.scan.batch-size", "2");
            return overrides;
        }
    }

    private static final String RUN = "SCAN-interrupted";

    @Inject
    OfferScans scans;

    @Inject
    Pool pool;

    @Test
    void anInterruptedRunResumesAfterItsCheckpointAndARerunOffersNothingTwice() {
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            String path = Borrowers.goodBorrower("B-RESUME-" + i, "10000.00", "20000.00");
            lines.add(path.substring(path.lastIndexOf('/') + 1));
        }
        IncreaseList.enact();
        List<String> streams = lines.stream().map(CreditLineStream::of).sorted().toList();
        String checkpoint = streams.get(1); // the dead instance had finished the first two lines' batch

        plantInterruptedRun(checkpoint);
        assertThat(scans.resumeUnfinished().await().atMost(Duration.ofSeconds(30))).containsExactly(RUN);
        OfferScans.Run resumed = scans.completion(RUN).await().atMost(Duration.ofMinutes(2));
        assertThat(resumed.status()).isEqualTo("COMPLETED");
        assertThat(resumed.claimedBy()).isNotEqualTo("dead-instance");
        // the two lines the dead instance recorded, and the three after its checkpoint
        assertThat(resumed.linesScanned()).isEqualTo(5);
        assertThat(resumed.offered()).isEqualTo(3);
        for (String stream : streams) {
            int expected = stream.compareTo(checkpoint) > 0 ? 1 : 0;
            assertThat(offersBy(RUN, CreditLineStream.lineId(stream))).as(stream).isEqualTo(expected);
        }
        // a second take-over of the same run finds nothing stale: it is COMPLETED
        assertThat(scans.resumeUnfinished().await().atMost(Duration.ofSeconds(30))).isEmpty();

        // the run redone from its start: the first two lines are offered now, the other three nothing more
        restartFromScratch();
        assertThat(scans.resumeUnfinished().await().atMost(Duration.ofSeconds(30))).containsExactly(RUN);
        OfferScans.Run again = scans.completion(RUN).await().atMost(Duration.ofMinutes(2));
        assertThat(again.status()).isEqualTo("COMPLETED");
        for (String line : lines) {
            assertThat(offersBy(RUN, line)).as(line).isEqualTo(1);
        }
    }

    private static long offersBy(String run, String line) {
        return as("channel").get("/api/credit-lines/" + line + "/offers").then().statusCode(200).extract().jsonPath()
                .getList("scanRunId", String.class).stream().filter(run::equals).count();
    }

    private void plantInterruptedRun(String checkpoint) {
        Instant long_ago = Instant.now().minus(Duration.ofMinutes(10));
        LocalDate businessDate = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        pool.preparedQuery("""
                        INSERT INTO offer_scan_runs (id, trigger, requested_by, business_date, status, checkpoint,
                            lines_scanned, offered, claimed_by, heartbeat_at, started_at, updated_at)
                        VALUES ($1, 'ADMIN', 'admin', $2, 'RUNNING', $3, 2, 0, 'dead-instance', $4, $4, $4)""")
                .execute(Tuple.of(RUN, businessDate, checkpoint, long_ago.atOffset(ZoneOffset.UTC)))
                .await().atMost(Duration.ofSeconds(10));
    }

    private void restartFromScratch() {
        pool.preparedQuery("""
                        UPDATE offer_scan_runs SET status = 'RUNNING', checkpoint = '', lines_scanned = 0, offered = 0,
                            unchanged = 0, claimed_by = 'dead-instance', heartbeat_at = $2, finished_at = NULL
                        WHERE id = $1""")
                .execute(Tuple.of(RUN, Instant.now().minus(Duration.ofMinutes(10)).atOffset(ZoneOffset.UTC)))
                .await().atMost(Duration.ofSeconds(10));
    }
}
