package com.uplift.audit.scorecard;

/**
 * Turns a logistic fit on weights of evidence into integer scorecard points in the policy's 0..100 range.
 * <p>
 * The fit gives the log-odds of a bad, {@code a + sum_j b_j WoE_j}; its negative is the log-odds of a good, and each
 * characteristic j in bin i contributes {@code c_ij = -b_j WoE_ij} to it. Points are that contribution on a linear
 * scale, shifted so each characteristic's worst bin earns 0 (as in every hand-set card: a missing input, which scores
 * 0, is never better than the worst bin):
 * <pre>
 *   factor   = 100 / sum_j (max_i c_ij - min_i c_ij)        the best bins add up to exactly 100
 *   points_ij = factor * (c_ij - min_i c_ij)
 *   score    = offset + factor * ln(odds of a good)          offset = factor * (a - sum_j min_i c_ij)
 *   PDO      = factor * ln 2                                  points that double the odds
 * </pre>
 * So the scaling is fixed by the range, not chosen: the base odds follow as {@code exp((s - offset) / factor)} at any
 * score s. Points are rounded to integers: each characteristic's maximum by largest remainder (so the maxima still add
 * up to 100), every other bin to the nearest integer within 0..its maximum.
 */
public final class PointsScaling {

    /**
     * @param points per characteristic, per bin: integer points (a characteristic left out of the fit earns 0 in every bin)
     * @param factor points per unit of log-odds
     * @param offset the score at even odds (1:1)
     */
    public record Scaled(int[][] points, double factor, double offset) {

        public double pointsToDoubleOdds() {
            return factor * Math.log(2);
        }

        /** The odds of a good (goods per bad) the fit puts at a score. */
        public double oddsAt(double score) {
            return Math.exp((score - offset) / factor);
        }

        /** The probability of a bad the fit puts at a score. */
        public double badRateAt(double score) {
            return 1 / (1 + oddsAt(score));
        }
    }

    public static final int RANGE = 100;

    private PointsScaling() {
    }

    /**
     * @param intercept    the fit's intercept (log-odds of a bad)
     * @param coefficients per characteristic its coefficient, or 0 for one left out
     * @param woe          per characteristic the weight of evidence of each bin
     */
    public static Scaled scale(double intercept, double[] coefficients, double[][] woe) {
        int characteristics = woe.length;
        double[][] contribution = new double[characteristics][];
        double[] low = new double[characteristics];
        double[] span = new double[characteristics];
        double totalSpan = 0;
        double lowSum = 0;
        for (int j = 0; j < characteristics; j++) {
            contribution[j] = new double[woe[j].length];
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < woe[j].length; i++) {
                contribution[j][i] = -coefficients[j] * woe[j][i];
                min = Math.min(min, contribution[j][i]);
                max = Math.max(max, contribution[j][i]);
            }
            low[j] = min;
            span[j] = max - min;
            totalSpan += span[j];
            lowSum += min;
        }
        if (totalSpan <= 0) {
            throw new IllegalArgumentException("no characteristic separates goods from bads");
        }
        double factor = RANGE / totalSpan;
        int[] maxima = largestRemainder(span, factor);
        int[][] points = new int[characteristics][];
        for (int j = 0; j < characteristics; j++) {
            points[j] = new int[woe[j].length];
            for (int i = 0; i < woe[j].length; i++) {
                double exact = factor * (contribution[j][i] - low[j]);
                boolean best = span[j] > 0 && contribution[j][i] - low[j] == span[j];
                points[j][i] = best ? maxima[j] : Math.max(0, Math.min(maxima[j], (int) Math.round(exact)));
            }
        }
        return new Scaled(points, factor, factor * (intercept - lowSum));
    }

    /** Each characteristic's maximum, rounded so that the maxima add up to exactly {@link #RANGE}. */
    static int[] largestRemainder(double[] span, double factor) {
        int[] maxima = new int[span.length];
        double[] remainder = new double[span.length];
        int sum = 0;
        for (int j = 0; j < span.length; j++) {
            double exact = span[j] * factor;
            maxima[j] = (int) Math.floor(exact);
            remainder[j] = exact - maxima[j];
            sum += maxima[j];
        }
        while (sum < RANGE) {
            int largest = 0;
            for (int j = 1; j < span.length; j++) {
                if (remainder[j] > remainder[largest]) {
                    largest = j;
                }
            }
            maxima[largest]++;
            remainder[largest] = -1;
            sum++;
        }
        return maxima;
    }
}
