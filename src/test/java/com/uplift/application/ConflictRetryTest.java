package com.uplift.application;

import com.uplift.domain.creditline.CreditLineCommand;
import com.uplift.testing.Api;
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

    @Inject
    CreditLineService lines;

    @Test
    void threeConcurrentDrawdownsAllLandAndNoneIsLost() {
        String id = Api.openLine("B-RETRY", "5000");
        CommandContext context = new CommandContext("ops", "SERVICING", "retry-test", null);
        List<Uni<CreditLineSnapshot>> racers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            racers.add(lines.handle(id, new CreditLineCommand.RecordDrawdown(new BigDecimal("100.00"), Instant.now()), context));
        }
        List<CreditLineSnapshot> results = Uni.join().all(racers).andFailFast().await().atMost(Duration.ofSeconds(30));

        assertThat(results).hasSize(3);
        CreditLineSnapshot now = lines.load(id).await().atMost(Duration.ofSeconds(30));
        assertThat(now.state().drawn()).isEqualByComparingTo("300.00");
    }
}
