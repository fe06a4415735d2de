package com.uplift.application;

import com.uplift.domain.creditline.CreditLineCommand;
import com.uplift.domain.creditline.CreditLineDecider;
import com.uplift.domain.creditline.CreditLineEvent;
import com.uplift.domain.creditline.CreditLineState;
import com.uplift.domain.creditline.Decision;
import com.uplift.domain.policy.Policy;
import com.uplift.domain.policy.PolicyVersion;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dev demo yields offers (issue 14's "the scan produces offers" on the demo portfolio): its 60 lines, decided as
 * the demo decides them, then scanned under the demo's policy v2 (v1 with the shipped offers and decreases
 * sections). Without infrastructure: the
 * plan's commands go straight through the decider.
 */
class DemoPortfolioOffersTest {

    @Test
    void aScanOfTheDemoPortfolioOffersIncreasesToSomeOfTheBorrowersWhoDidNotAsk() {
        Policy withOffers = DemoPortfolio.policyOf(PolicyCatalog.readShipped());
        PolicyVersion policy = new PolicyVersion(2, PolicyCatalog.hash(withOffers), withOffers);
        Instant now = Clock.systemUTC().instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneId.of(withOffers.timeZone()));
        int offered = 0;
        int offeredToAskers = 0;
        List<List<Function<Instant, CreditLineCommand>>> plans = DemoPortfolio.plans(20261128L, 60);
        for (int i = 0; i < 60; i++) {
            CreditLineState state = CreditLineDecider.initialState();
            for (Function<Instant, CreditLineCommand> step : plans.get(i)) {
                state = apply(state, CreditLineDecider.decide(step.apply(now), state, policy));
            }
            Decision scan = CreditLineDecider.decide(new CreditLineCommand.ScanForOffer("SCAN-DEMO", today, now), state, policy);
            boolean offer = ((Decision.Accepted) scan).events().stream().anyMatch(CreditLineEvent.IncreaseOffered.class::isInstance);
            offered += offer ? 1 : 0;
            offeredToAskers += offer && i % 5 != 4 ? 1 : 0;
        }
        assertThat(offered).as("offers on the demo portfolio").isPositive();
        assertThat(offeredToAskers).as("a borrower who asked is decided or cooling off, not offered").isZero();
    }

    private static CreditLineState apply(CreditLineState state, Decision decision) {
        if (decision instanceof Decision.Accepted accepted) {
            for (CreditLineEvent event : accepted.events()) {
                state = CreditLineDecider.evolve(state, event);
            }
        }
        return state;
    }
}
