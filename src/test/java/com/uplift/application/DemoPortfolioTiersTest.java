package com.uplift.application;

import com.uplift.domain.creditline.CreditLineCommand;
import com.uplift.domain.creditline.CreditLineDecider;
import com.uplift.domain.creditline.CreditLineEvent;
import com.uplift.domain.creditline.CreditLineEvent.IncreaseDecided;
import com.uplift.domain.creditline.CreditLineEvent.TierChanged;
import com.uplift.domain.creditline.CreditLineState;
import com.uplift.domain.creditline.Decision;
import com.uplift.domain.history.IncomeSource;
import com.uplift.domain.increase.IncreaseOutcome;
import com.uplift.domain.policy.Policy;
import com.uplift.domain.policy.PolicyVersion;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tiers move by rule on the dev demo (issue 14's "a line moves tier with an event"): the demo's 60 lines decided under
 * policy v1 as the demo generates them, then the servicing schedule's pass under the demo's policy v2 (offers,
 * decreases and the demo's tiering, {@code policies/sections/demo-tiering.json}) moves the lines whose score fell under
 * 65 to the thin-file scheme; and the README walk-through's line, run under that same v2, keeps its tier and the
 * figures the README shows. Without infrastructure: the commands go straight through the decider (the integration
 * lane's {@code OffersOverHttpTest} runs the demo through the service and re-verifies the moves).
 */
class DemoPortfolioTiersTest {

    private static final Policy V1 = PolicyCatalog.readShipped();
    private static final Policy DEMO = DemoPortfolio.policyOf(V1);
    private static final PolicyVersion SHIPPED = new PolicyVersion(1, PolicyCatalog.hash(V1), V1);
    private static final PolicyVersion DEMO_V2 = new PolicyVersion(2, PolicyCatalog.hash(DEMO), DEMO);
    private static final Pattern SCORE_AT_MOST = Pattern.compile("score (\\d+) <= 64");

    /** The move the README shows ("A tier that moves"): DEMO-10010's line (dev seed 20261128), as its event says it. */
    private static final String README_MOVE = "DEMO-10010 STANDARD->NEW_TO_CREDIT [tiering rule 1 (NEW_TO_CREDIT), score 47 <= 64]";

    @Test
    void underTheDemoPolicyTheServicingPassMovesTheLinesWhoseScoreFellUnder65ToTheThinFileScheme() {
        Instant now = Clock.systemUTC().instant();
        List<String> moved = new ArrayList<>();
        for (List<Function<Instant, CreditLineCommand>> plan : DemoPortfolio.plans(20261128L, 60)) {
            CreditLineState state = CreditLineDecider.initialState();
            for (Function<Instant, CreditLineCommand> step : plan) {
                state = apply(state, CreditLineDecider.decide(step.apply(now), state, SHIPPED));
            }
            Decision pass = CreditLineDecider.decide(new CreditLineCommand.ReassessOverTime(now), state, DEMO_V2);
            List<TierChanged> tiers = ((Decision.Accepted) pass).events().stream()
                    .filter(TierChanged.class::isInstance).map(TierChanged.class::cast).toList();
            if (tiers.isEmpty()) {
                continue;
            }
            TierChanged move = tiers.getFirst();
            assertThat(tiers).hasSize(1);
            assertThat(move.cause()).isEqualTo(TierChanged.BY_RULES);
            assertThat(move.fromTier()).isEqualTo(state.tier()).isNotEqualTo("NEW_TO_CREDIT");
            assertThat(move.toTier()).isEqualTo("NEW_TO_CREDIT");
            assertThat(move.policyVersion()).isEqualTo(2);
            assertThat(move.reasons()).first().isEqualTo("tiering rule 1 (NEW_TO_CREDIT)");
            Matcher score = SCORE_AT_MOST.matcher(String.join("; ", move.reasons()));
            assertThat(score.find()).as("the condition with its measured score: %s", move.reasons()).isTrue();
            assertThat(Integer.parseInt(score.group(1))).isLessThanOrEqualTo(64);
            moved.add(state.borrowerId() + " " + move.fromTier() + "->" + move.toTier() + " " + move.reasons());
        }
        assertThat(moved).as("lines the demo's tiering moves: 13 of 60, as the README says").contains(README_MOVE).hasSize(13);
    }

    @Test
    void theReadmeWalkThroughsLineKeepsItsTierAndFiguresUnderTheDemoPolicy() {
        Instant now = Clock.systemUTC().instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneId.of(DEMO.timeZone()));
        YearMonth m1 = YearMonth.from(today.withDayOfMonth(15).minusMonths(1));
        YearMonth m2 = m1.minusMonths(1);
        CreditLineState line = CreditLineDecider.initialState();
        List<CreditLineEvent> recorded = new ArrayList<>();
        for (CreditLineCommand command : List.<CreditLineCommand>of(
                new CreditLineCommand.OpenCreditLine("readme-line", "B-100234", "XM-CASH", new BigDecimal("80000.00"),
                        Currency.getInstance("CNY"), "STANDARD", LocalDate.of(2024, 10, 1), now),
                new CreditLineCommand.RecordRepayment(new BigDecimal("850.00"), m1.atDay(15), m1.atDay(15), now),
                new CreditLineCommand.VerifyIncome(new BigDecimal("40000.00"), IncomeSource.SALARY_SLIP, m2, now),
                new CreditLineCommand.VerifyIncome(new BigDecimal("40000.00"), IncomeSource.BANK_STATEMENT, m1, now),
                new CreditLineCommand.ReceiveBureauReport("PBOC", "R-1", 720, List.of(), now.minusSeconds(1), now))) {
            Decision decision = CreditLineDecider.decide(command, line, DEMO_V2);
            recorded.addAll(((Decision.Accepted) decision).events());
            line = apply(line, decision);
        }
        assertThat(line.risk().score()).isEqualTo(96);
        assertThat(recorded).as("version 10, as the README shows").hasSize(10);

        Decision increase = CreditLineDecider.decide(new CreditLineCommand.RequestLimitIncrease("IR-README", null, "APP",
                "channel", BigDecimal.ZERO.setScale(2), now), line, DEMO_V2);
        IncreaseDecided decided = ((Decision.Accepted) increase).events().stream().filter(IncreaseDecided.class::isInstance)
                .map(IncreaseDecided.class::cast).findFirst().orElseThrow();
        assertThat(decided.outcome()).isEqualTo(IncreaseOutcome.REFERRED);
        assertThat(decided.proposedLimit()).isEqualByComparingTo("117800.00");
        assertThat(decided.reviewLevelsRequired()).isEqualTo(2);
        line = apply(line, increase);
        recorded.addAll(((Decision.Accepted) increase).events());

        Decision pass = CreditLineDecider.decide(new CreditLineCommand.ReassessOverTime(now), line, DEMO_V2);
        recorded.addAll(((Decision.Accepted) pass).events());
        assertThat(recorded).noneMatch(TierChanged.class::isInstance);
        assertThat(apply(line, pass).tier()).isEqualTo("STANDARD");
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
