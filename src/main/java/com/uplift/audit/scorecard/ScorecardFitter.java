package com.uplift.audit.scorecard;

import com.uplift.audit.scorecard.DevelopmentSample.Observation;

import java.util.ArrayList;
import java.util.List;

/**
 * Fits a scorecard on a development sample: weight of evidence per bin of each characteristic (the base policy's
 * bins), a logistic regression of the outcome on the weights of evidence, and points scaled to 0..100
 * ({@link PointsScaling}). Pure: the same sample gives the same card.
 * <p>
 * A characteristic is left out of the regression when it cannot inform it: fewer than two bins hold observations,
 * its information value is below {@value #MIN_INFORMATION_VALUE} (the usual "not predictive" line), or its
 * coefficient comes out with the wrong sign (a better weight of evidence raising the odds of a bad: another
 * characteristic already carries its information, and points that reward the worse bin could not be explained to a
 * customer). The one with the most positive coefficient is dropped and the fit repeated until every sign is right.
 * A characteristic left out earns 0 points in every bin.
 */
public final class ScorecardFitter {

    static final double MIN_INFORMATION_VALUE = 0.02;

    /**
     * @param coefficients per characteristic (0 when left out); negative: a better WoE lowers the odds of a bad
     * @param leftOut      per characteristic why it was left out, null when it is in the card
     */
    public record Fitted(double intercept, double[] coefficients, double[][] woe, double[] informationValue,
                         long[][] goods, long[][] bads, String[] leftOut, PointsScaling.Scaled scaled) {

        public int score(int[] bins) {
            return ScorecardFitter.score(scaled.points(), bins);
        }
    }

    private ScorecardFitter() {
    }

    /** @param binCounts the number of bins of each characteristic, in scorecard order */
    public static Fitted fit(List<Observation> train, int[] binCounts) {
        int m = binCounts.length;
        long[][] goods = new long[m][];
        long[][] bads = new long[m][];
        for (int j = 0; j < m; j++) {
            goods[j] = new long[binCounts[j]];
            bads[j] = new long[binCounts[j]];
        }
        for (Observation o : train) {
            for (int j = 0; j < m; j++) {
                (o.bad() ? bads : goods)[j][o.bins()[j]]++;
            }
        }
        double[][] woe = new double[m][];
        double[] iv = new double[m];
        String[] leftOut = new String[m];
        List<Integer> included = new ArrayList<>();
        for (int j = 0; j < m; j++) {
            WeightOfEvidence w = WeightOfEvidence.of(goods[j], bads[j]);
            woe[j] = w.woe();
            iv[j] = w.informationValue();
            long populated = 0;
            for (int i = 0; i < binCounts[j]; i++) {
                populated += goods[j][i] + bads[j][i] > 0 ? 1 : 0;
            }
            if (populated < 2) {
                leftOut[j] = "ONE_BIN_POPULATED";
            } else if (iv[j] < MIN_INFORMATION_VALUE) {
                leftOut[j] = "INFORMATION_VALUE_BELOW_" + MIN_INFORMATION_VALUE;
            } else {
                included.add(j);
            }
        }
        int[] outcome = train.stream().mapToInt(o -> o.bad() ? 1 : 0).toArray();
        while (true) {
            if (included.isEmpty()) {
                throw new LogisticRegression.NotEstimable("no characteristic is predictive on this sample");
            }
            double[][] rows = new double[train.size()][included.size()];
            for (int r = 0; r < train.size(); r++) {
                for (int c = 0; c < included.size(); c++) {
                    int j = included.get(c);
                    rows[r][c] = woe[j][train.get(r).bins()[j]];
                }
            }
            LogisticRegression.Fit fit = LogisticRegression.fit(rows, outcome);
            int reversed = -1;
            for (int c = 0; c < included.size(); c++) {
                if (fit.coefficients()[c] >= 0 && (reversed < 0 || fit.coefficients()[c] > fit.coefficients()[reversed])) {
                    reversed = c;
                }
            }
            if (reversed >= 0) {
                leftOut[included.remove(reversed)] = "WRONG_SIGN";
                continue;
            }
            double[] coefficients = new double[m];
            for (int c = 0; c < included.size(); c++) {
                coefficients[included.get(c)] = fit.coefficients()[c];
            }
            return new Fitted(fit.intercept(), coefficients, woe, iv, goods, bads, leftOut,
                    PointsScaling.scale(fit.intercept(), coefficients, woe));
        }
    }

    public static int score(int[][] points, int[] bins) {
        int total = 0;
        for (int j = 0; j < bins.length; j++) {
            total += points[j][bins[j]];
        }
        return total;
    }

    /** Scores of observations under a points table, with their outcomes (1 = bad). */
    static int[][] scoresAndOutcomes(List<Observation> observations, int[][] points) {
        int[] scores = observations.stream().mapToInt(o -> score(points, o.bins())).toArray();
        int[] bad = observations.stream().mapToInt(o -> o.bad() ? 1 : 0).toArray();
        return new int[][]{scores, bad};
    }
}
