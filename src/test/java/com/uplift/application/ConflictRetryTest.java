package com.uplift.application;

import com.uplift.domain.creditline.CreditLineCommand;
import com.uplift.testing.Api;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Without If-Match, concurrent commands on one line are decided again on fresh state instead of failing. */
@QuarkusTest
@Tag("integration")
class ConflictRetryTest {

    /** As many racers as {@link CreditLineService#MAX_ATTEMPTS}: however they interleave, each lands within its attempts. */
    private static final int RACERS = CreditLineService.MAX_ATTEMPTS;
    private static final int MAX_ROUNDS = 10;

    @Inject
    CreditLineService lines;

    @Inject
    MeterRegistry meters;

    @Test
    void concurrentDrawdownsConflictAndAreRetriedUntilAllLandAndNoneIsLost() {
        double retriedBefore = retried();
        int rounds = 0;
        // A race is real only when the racers load the same version; on a slow machine they may happen to run one after
        // another. Race again on a fresh line until one round has conflicted (the first one does, nearly always).
        while (retried() == retriedBefore && rounds < MAX_ROUNDS) {
            rounds++;
            double before = retried();
            String id = Api.openLine("B-RETRY-" + rounds, "5000");
            CommandContext context = new CommandContext("ops", "SERVICING", "retry-test", null);
            List<Uni<CreditLineSnapshot>> racers = new ArrayList<>();
            for (int i = 0; i < RACERS; i++) {
                racers.add(lines.handle(id, new CreditLineCommand.RecordDrawdown(new BigDecimal("100.00"), Instant.now()), context));
            }
            List<CreditLineSnapshot> results = Uni.join().all(racers).andFailFast().await().atMost(Duration.ofSeconds(30));

            assertThat(results).extracting(CreditLineSnapshot::version).hasSize(RACERS).doesNotHaveDuplicates();
            CreditLineSnapshot now = lines.load(id).await().atMost(Duration.ofSeconds(30));
            assertThat(now.state().drawn()).isEqualByComparingTo("300.00");
            // the loser of each race retries once per win it lost to: at most 2 + 1 for three racers
            assertThat(retried() - before).isBetween(0.0, (double) RACERS * (RACERS - 1) / 2);
        }
        assertThat(retried() - retriedBefore).as("conflicts retried in %d round(s) of %d racers", rounds, RACERS)
                .isGreaterThanOrEqualTo(1.0);
    }

    private double retried() {
        return meters.get("uplift.commands.conflicts.retried").counter().count();
    }
}
