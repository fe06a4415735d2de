package com.uplift.audit.scorecard;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The scorecard's arithmetic against small tables computed by hand (each test shows its working). */
class ScorecardMathsTest {

    private static final double EPS = 1e-5;

    @Test
    void weightOfEvidenceAndInformationValueOfTwoBins() {
        // goods 80 | 20 (G = 100), bads 5 | 15 (B = 20)
        // bin 0: (80/100) / (5/20)  = 0.80 / 0.25 = 3.2     ln 3.2     =  1.163151
        // bin 1: (20/100) / (15/20) = 0.20 / 0.75 = 0.26667 ln 0.26667 = -1.321756
        // IV = (0.80 - 0.25) * 1.163151 + (0.20 - 0.75) * -1.321756 = 0.639733 + 0.726966 = 1.366699
        WeightOfEvidence woe = WeightOfEvidence.of(new long[]{80, 20}, new long[]{5, 15});
        assertThat(woe.woe()[0]).isCloseTo(1.163151, within(EPS));
        assertThat(woe.woe()[1]).isCloseTo(-1.321756, within(EPS));
        assertThat(woe.informationValue()).isCloseTo(1.366699, within(EPS));
    }

    @Test
    void aBinWithoutBadsGetsHalfAnObservationAndAnEmptyBinTheLowestWeight() {
        // goods 10 | 10 | 0 (G = 20), bads 0 | 4 | 0 (B = 4)
        // bin 0: (10.5/20) / (0.5/4) = 0.525 / 0.125 = 4.2   ln 4.2 = 1.435085
        // bin 1: (10/20)   / (4/4)   = 0.5               ln 0.5 = -0.693147
        // bin 2: empty -> no evidence never counts as good: the lowest observed, -0.693147
        // IV = (0.525 - 0.125) * 1.435085 + (0.5 - 1) * -0.693147 = 0.574034 + 0.346574 = 0.920608
        WeightOfEvidence woe = WeightOfEvidence.of(new long[]{10, 10, 0}, new long[]{0, 4, 0});
        assertThat(woe.woe()[0]).isCloseTo(1.435085, within(EPS));
        assertThat(woe.woe()[1]).isCloseTo(-0.693147, within(EPS));
        assertThat(woe.woe()[2]).isCloseTo(-0.693147, within(EPS));
        assertThat(woe.informationValue()).isCloseTo(0.920608, within(EPS));
    }

    @Test
    void logisticRegressionOnOneBinaryColumnFindsTheGroupLogOdds() {
        // x = 0: 2 bads of 10 -> logit 0.2 = ln(0.25) = -1.386294 (the intercept)
        // x = 1: 6 bads of 10 -> logit 0.6 = ln(1.5)  =  0.405465; slope = 0.405465 + 1.386294 = 1.791759
        double[][] rows = new double[20][];
        int[] bad = new int[20];
        for (int i = 0; i < 20; i++) {
            rows[i] = new double[]{i < 10 ? 0 : 1};
            bad[i] = i < 2 || (i >= 10 && i < 16) ? 1 : 0;
        }
        LogisticRegression.Fit fit = LogisticRegression.fit(rows, bad);
        assertThat(fit.intercept()).isCloseTo(-1.386294, within(EPS));
        assertThat(fit.coefficients()[0]).isCloseTo(1.791759, within(EPS));
        assertThat(fit.probability(new double[]{1})).isCloseTo(0.6, within(EPS));
    }

    @Test
    void onOneCharacteristicsWeightOfEvidenceTheCoefficientIsMinusOneAndTheInterceptTheBadToGoodLogOdds() {
        // With WoE as the only column the model is saturated: logit(bad in bin i) = ln(b_i/g_i) = ln(B/G) - WoE_i,
        // so the coefficient is exactly -1 and the intercept ln(B/G) = ln(20/100) = -1.609438 (table of the first test).
        long[] goods = {80, 20};
        long[] bads = {5, 15};
        WeightOfEvidence woe = WeightOfEvidence.of(goods, bads);
        double[][] rows = new double[120][];
        int[] bad = new int[120];
        int r = 0;
        for (int bin = 0; bin < 2; bin++) {
            for (int i = 0; i < goods[bin] + bads[bin]; i++, r++) {
                rows[r] = new double[]{woe.woe()[bin]};
                bad[r] = i < bads[bin] ? 1 : 0;
            }
        }
        LogisticRegression.Fit fit = LogisticRegression.fit(rows, bad);
        assertThat(fit.coefficients()[0]).isCloseTo(-1.0, within(EPS));
        assertThat(fit.intercept()).isCloseTo(-1.609438, within(EPS));
    }

    @Test
    void aPerfectSeparationIsNotEstimated() {
        double[][] rows = {{0}, {0}, {1}, {1}};
        assertThatThrownBy(() -> LogisticRegression.fit(rows, new int[]{0, 0, 1, 1}))
                .isInstanceOf(LogisticRegression.NotEstimable.class);
    }

    @Test
    void pointsAreScaledSoTheBestBinsAddUpToAHundred() {
        // intercept -2 (log-odds of a bad); A: b = -1, WoE [1, -1] -> c = [1, -1], span 2
        //                                   B: b = -0.5, WoE [2, 0, -2] -> c = [1, 0, -1], span 2
        // factor = 100 / (2 + 2) = 25; A points [50, 0]; B points [50, 25, 0]
        // offset = 25 * (-2 - (-1 + -1)) = 0, so score = 25 ln(odds); PDO = 25 ln 2 = 17.328680
        // best bins: ln odds = 2 + 1 + 1 = 4 -> 25 * 4 = 100
        PointsScaling.Scaled scaled = PointsScaling.scale(-2, new double[]{-1, -0.5},
                new double[][]{{1, -1}, {2, 0, -2}});
        assertThat(scaled.points()[0]).containsExactly(50, 0);
        assertThat(scaled.points()[1]).containsExactly(50, 25, 0);
        assertThat(scaled.factor()).isCloseTo(25, within(EPS));
        assertThat(scaled.offset()).isCloseTo(0, within(EPS));
        assertThat(scaled.pointsToDoubleOdds()).isCloseTo(17.328680, within(EPS));
        assertThat(scaled.oddsAt(100)).isCloseTo(Math.exp(4), within(EPS));
        assertThat(scaled.badRateAt(0)).isCloseTo(0.5, within(EPS));
    }

    @Test
    void roundedMaximaStillAddUpToAHundredAndALeftOutCharacteristicEarnsNothing() {
        // spans 1, 1, 1 (third left out: coefficient 0) -> factor 50; spans x factor = 50, 50, 0
        // with three equal live spans 100/3 = 33.33 each: floors 33+33+33 = 99, the first largest remainder gets +1
        PointsScaling.Scaled thirds = PointsScaling.scale(0, new double[]{-1, -1, -1},
                new double[][]{{0.5, -0.5}, {0.5, -0.5}, {0.5, -0.5}});
        assertThat(Arrays.stream(thirds.points()).mapToInt(p -> Arrays.stream(p).max().orElseThrow()).sum()).isEqualTo(100);
        assertThat(thirds.points()[0]).containsExactly(34, 0);
        PointsScaling.Scaled leftOut = PointsScaling.scale(0, new double[]{-1, -1, 0},
                new double[][]{{0.5, -0.5}, {0.5, -0.5}, {0.5, -0.5}});
        assertThat(leftOut.points()[2]).containsExactly(0, 0);
        assertThat(leftOut.points()[0]).containsExactly(50, 0);
    }

    @Test
    void aucGiniAndKsOfFiveScores() {
        // goods 80, 60, 50; bads 70, 40
        // pairs good > bad: (80,70) (80,40) (60,40) (50,40) = 4 of 6 -> AUC 0.666667, Gini 0.333333
        // cumulative at <= 40: bads 1/2, goods 0/3 -> gap 0.5 (the largest); <= 50: 0.5 vs 0.333; <= 70: 1 vs 0.667
        int[] scores = {80, 70, 60, 50, 40};
        int[] bad = {0, 1, 0, 0, 1};
        double auc = ValidationMetrics.auc(scores, bad);
        assertThat(auc).isCloseTo(0.666667, within(EPS));
        assertThat(ValidationMetrics.gini(auc)).isCloseTo(0.333333, within(EPS));
        assertThat(ValidationMetrics.ks(scores, bad)).isCloseTo(0.5, within(EPS));
    }

    @Test
    void aTieBetweenAGoodAndABadCountsOneHalf() {
        // good 50 vs bad 50: 0.5; good 50 vs bad 40: 1 -> (0.5 + 1) / 2 = 0.75
        assertThat(ValidationMetrics.auc(new int[]{50, 50, 40}, new int[]{0, 1, 1})).isCloseTo(0.75, within(EPS));
    }

    @Test
    void populationStabilityIndex() {
        // expected 0.5 | 0.5, actual 0.6 | 0.4:
        // (0.6 - 0.5) ln(0.6/0.5) + (0.4 - 0.5) ln(0.4/0.5) = 0.1 * 0.182322 + 0.1 * 0.223144 = 0.040546
        assertThat(ValidationMetrics.psi(new double[]{0.5, 0.5}, new double[]{0.6, 0.4})).isCloseTo(0.040546, within(EPS));
        assertThat(ValidationMetrics.psi(new double[]{0.25, 0.75}, new double[]{0.25, 0.75})).isZero();
        // an empty band counts as 0.0001: (0.0001 - 0.5) ln(0.0001/0.5) + (1 - 0.5) ln(1/0.5)
        //                                = 0.4999 * 8.517193 + 0.5 * 0.693147 = 4.257745 + 0.346574 = 4.604319
        assertThat(ValidationMetrics.psi(new double[]{0.5, 0.5}, new double[]{0, 1})).isCloseTo(4.604319, within(1e-4));
        assertThat(ValidationMetrics.shares(new long[]{1, 3})).containsExactly(0.25, 0.75);
    }
}
