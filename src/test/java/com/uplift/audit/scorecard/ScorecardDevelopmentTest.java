package com.uplift.audit.scorecard;

import com.uplift.audit.scorecard.DevelopmentSample.Observation;
import com.uplift.audit.scorecard.DevelopmentSample.Settings;
import com.uplift.domain.TestPolicies;
import com.uplift.domain.policy.Characteristic;
import com.uplift.domain.policy.Policy;
import com.uplift.domain.policy.PolicyValidation;
import com.uplift.domain.policy.PolicyVersion;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole development on seasoned lines whose outcomes follow a stated relationship ({@code SeasonedLines}):
 * 600 lines, seed 20261130, decided in memory. The fitted card must recover the relationship: discriminate on the
 * hold-out (AUC above 0.70, where the relationship itself reaches about 0.78), reward on-time repayment, low
 * utilization and a high bureau score, and give nothing to characteristics that carry no information.
 */
class ScorecardDevelopmentTest {

    static final long SEED = 20261130L;
    static final LocalDate TODAY = LocalDate.of(2026, 11, 30);
    static final PolicyVersion V1 = TestPolicies.v1();
    static final Settings SETTINGS = Settings.DEFAULT;

    static List<SeasonedBook.Line> lines;
    static SampleBuilder.Built built;
    static ScorecardFitter.Fitted fitted;

    @BeforeAll
    static void develop() {
        lines = SeasonedBook.generate(600, SEED, V1, TODAY, SETTINGS);
        built = SeasonedBook.sample(lines, V1, TODAY, SETTINGS);
        ScorecardDevelopment.checkSize(built.observations());
        fitted = ScorecardFitter.fit(ScorecardDevelopment.train(built.observations()),
                ScorecardDevelopment.binCounts(V1.rules().scorecard()));
    }

    @Test
    void everyDecisionIsInTheSampleWithTheOutcomeTheHistoryShows() {
        // each seasoned line asked once, 400-600 days ago, with complete inputs: none is excluded
        assertThat(built.observations()).hasSize(600);
        assertThat(built.excluded()).isEmpty();
        Map<String, Boolean> reported = lines.stream().collect(Collectors.toMap(SeasonedBook.Line::id, SeasonedBook.Line::reported30Plus));
        assertThat(built.observations()).allSatisfy(o -> assertThat(o.bad()).as(o.creditLineId()).isEqualTo(reported.get(o.creditLineId())));
        long bads = built.observations().stream().filter(Observation::bad).count();
        assertThat(bads).isBetween(60L, 200L);
        // the seeded split holds out about 30% of the lines
        assertThat(ScorecardDevelopment.holdout(built.observations()).size()).isBetween(150, 210);
        // and today's population is every line (fresh income and bureau data, repaid up to last month)
        assertThat(built.population()).hasSize(600);
    }

    @Test
    void aDecisionWhoseOutcomeWindowHasNotClosedIsExcludedAndCounted() {
        // eight months earlier, the decisions made less than twelve months before are not yet observable
        LocalDate earlier = TODAY.minusMonths(8);
        SampleBuilder.Built early = SeasonedBook.sample(lines, V1, earlier, SETTINGS);
        long open = lines.stream().flatMap(l -> l.decisions().stream())
                .filter(m -> m.decidedOn().plusMonths(12).isAfter(earlier)).count();
        assertThat(open).isPositive();
        assertThat(early.excluded().get(DevelopmentSample.Exclusion.OUTCOME_WINDOW_TOO_SHORT)).isEqualTo(open);
        assertThat(early.observations()).hasSize((int) (600 - open));
    }

    @Test
    void theFittedCardRecoversTheRelationshipsDirection() {
        Policy policy = ScorecardDevelopment.fittedPolicy(V1.rules(), fitted, "fitted");
        List<Characteristic> c = DevelopmentSample.characteristics(policy.scorecard());
        // late payments: all on time earns more than any late record (R01), and 'never late' more than 1-29 days (R02)
        Characteristic onTime = c.get(0);
        assertThat(points(onTime, "ALL_ON_TIME")).isGreaterThan(points(onTime, "80_TO_89"));
        assertThat(points(onTime, "ALL_ON_TIME")).isGreaterThan(points(onTime, "BELOW_80"));
        // utilization: below 70% earns more than 70% or more (R03)
        Characteristic utilization = c.get(2);
        assertThat(points(utilization, "BELOW_30")).isGreaterThan(points(utilization, "90_PLUS"));
        assertThat(points(utilization, "50_TO_69")).isGreaterThan(points(utilization, "70_TO_89"));
        // bureau score: 750+ earns more than below 600 (R08)
        Characteristic bureau = c.get(7);
        assertThat(points(bureau, "750_PLUS")).isGreaterThan(points(bureau, "550_TO_599"));
        assertThat(points(bureau, "700_TO_749")).isGreaterThan(points(bureau, "BELOW_550"));
        // every coefficient in the card has the expected (negative) sign on WoE
        for (int j = 0; j < 8; j++) {
            assertThat(fitted.coefficients()[j]).as(DevelopmentSample.CHARACTERISTICS.get(j)).isLessThanOrEqualTo(0);
        }
        // the characteristics the relationship does not use carry (almost) nothing: income stability and trend,
        // months on book and asset changes together earn at most 15 of the 100 points
        int noise = c.get(3).maxPoints() + c.get(4).maxPoints() + c.get(5).maxPoints() + c.get(6).maxPoints();
        assertThat(noise).isLessThanOrEqualTo(15);
        assertThat(c.stream().mapToInt(Characteristic::maxPoints).sum()).isEqualTo(100);
        assertThat(PolicyValidation.problems(policy)).isEmpty();
    }

    @Test
    void theFittedCardDiscriminatesOnTheHoldOutAndBeatsTheHandSetCard() {
        DevelopmentReport.Validation v = ScorecardDevelopment.validate(built.observations(), built.population(), fitted, V1.rules());
        System.out.printf("hold-out AUC %s Gini %s KS %s (current card AUC %s); train AUC %s; PSI %s; bads %d of %d%n",
                v.holdout().auc(), v.holdout().gini(), v.holdout().ks(), v.currentCardOnHoldout().auc(), v.train().auc(),
                v.population().psi(), built.observations().stream().filter(Observation::bad).count(), built.observations().size());
        ScorecardDevelopment.characteristics(V1.rules().scorecard(), fitted).forEach(c -> System.out.printf("%s IV %s b %s %s %s%n",
                c.characteristic(), c.informationValue(), c.coefficient(), c.leftOutBecause(),
                c.bins().stream().map(b -> b.label() + ":" + b.goods() + "/" + b.bads() + "=" + b.points() + "(" + b.currentPoints() + ")").toList()));
        System.out.println(v.calibration());
        System.out.println(v.population());
        System.out.println(ScorecardDevelopment.scaling(fitted.scaled()));
        assertThat(v.holdout().auc().doubleValue()).isGreaterThan(0.70);
        assertThat(v.holdout().auc()).isGreaterThan(v.currentCardOnHoldout().auc());
        assertThat(v.holdout().gini().doubleValue()).isEqualTo(2 * v.holdout().auc().doubleValue() - 1, org.assertj.core.api.Assertions.within(1e-5));
        // calibration: the bands together hold the whole hold-out, and the worst band has the highest observed bad rate
        assertThat(v.calibration().stream().mapToLong(DevelopmentReport.CalibrationBand::observations).sum())
                .isEqualTo(v.holdout().observations());
        // the development sample and today's population are the same lines a year apart: the score distribution moved
        // little, and each characteristic's stability is measured
        assertThat(v.population().populationSize()).isEqualTo(600);
        assertThat(v.characteristicStability()).hasSize(8);
    }

    @Test
    void theSameSeedGivesTheSameCard() {
        List<SeasonedBook.Line> again = SeasonedBook.generate(600, SEED, V1, TODAY, SETTINGS);
        ScorecardFitter.Fitted refit = ScorecardFitter.fit(ScorecardDevelopment.train(SeasonedBook.sample(again, V1, TODAY, SETTINGS).observations()),
                ScorecardDevelopment.binCounts(V1.rules().scorecard()));
        assertThat(refit.scaled().points()).isDeepEqualTo(fitted.scaled().points());
    }

    private static int points(Characteristic c, String label) {
        return c.bins().stream().filter(b -> b.label().equals(label)).findFirst().orElseThrow().points();
    }
}
