package com.uplift.domain.risk;

import com.uplift.domain.DeciderRules;
import com.uplift.domain.TestPolicies;
import com.uplift.domain.history.CreditFacts;
import com.uplift.domain.history.ScorePoint;
import com.uplift.domain.policy.Policy;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RiskInputs#measuresAlike} lets a decision measure a line once where its assessment left the facts the measure
 * reads untouched (the warning flags then reuse the assessment's measures). That is right only while
 * {@link RiskInputs#measure} reads nothing of a line's facts beyond its limit, drawn amount, opening date and history:
 * these seeded cases give the measure facts that agree on those and differ in everything else (recent scores, the last
 * increase, a write-off), and require the same measures under every rules version. A measure that starts reading
 * another fact fails here, and {@code measuresAlike} must then compare that fact too.
 */
class RiskInputsMeasuresAlikeTest {

    private static final Policy POLICY = TestPolicies.policy();
    private static final int CASES = 2_000;

    @Test
    void factsAlikeInWhatTheMeasureReadsMeasureAlike() {
        for (int seed = 1; seed <= CASES; seed++) {
            Random random = new Random(seed);
            LocalDate today = LocalDate.of(2026, 11, 30).minusDays(random.nextInt(400));
            CreditFacts measured = RiskInputsLoopsPropertiesTest.facts(random, today);
            CreditFacts otherwise = new CreditFacts(measured.limit(), measured.drawn(), measured.openedOn(),
                    measured.history(), scores(random, today), Instant.parse("2026-01-01T00:00:00Z").plusSeconds(random.nextInt(30_000_000)),
                    random.nextBoolean() ? null : today.minusDays(random.nextInt(90)));

            assertThat(RiskInputs.measuresAlike(measured, otherwise)).as("seed %d", seed).isTrue();
            for (int rules = DeciderRules.OLDEST_SUPPORTED; rules <= DeciderRules.CURRENT; rules++) {
                assertThat(RiskInputs.measure(otherwise, POLICY, today, rules)).as("seed %d, rules v%d", seed, rules)
                        .isEqualTo(RiskInputs.measure(measured, POLICY, today, rules));
            }
        }
    }

    @Test
    void factsThatDifferInWhatTheMeasureReadsAreMeasuredAgain() {
        Random random = new Random(7);
        LocalDate today = LocalDate.of(2026, 11, 30);
        CreditFacts facts = RiskInputsLoopsPropertiesTest.facts(random, today);
        // equal values, other objects: not taken for alike (a fresh measure is always right, a wrong reuse is not)
        CreditFacts copied = new CreditFacts(new BigDecimal(facts.limit().toPlainString()), facts.drawn(), facts.openedOn(),
                facts.history(), facts.recentScores(), facts.lastIncreaseAt(), facts.writtenOffOn());
        CreditFacts drawnMore = new CreditFacts(facts.limit(), facts.drawn().add(BigDecimal.ONE), facts.openedOn(),
                facts.history(), facts.recentScores(), facts.lastIncreaseAt(), facts.writtenOffOn());

        assertThat(RiskInputs.measuresAlike(facts, facts)).isTrue();
        assertThat(RiskInputs.measuresAlike(facts, copied)).isFalse();
        assertThat(RiskInputs.measuresAlike(facts, drawnMore)).isFalse();
    }

    private static List<ScorePoint> scores(Random random, LocalDate today) {
        List<ScorePoint> scores = new ArrayList<>();
        for (int i = random.nextInt(6); i > 0; i--) {
            scores.add(new ScorePoint(today.minusDays(random.nextInt(90)).atStartOfDay(java.time.ZoneOffset.UTC).toInstant(),
                    random.nextInt(101), random.nextBoolean()));
        }
        return scores;
    }
}
