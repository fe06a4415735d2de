package com.uplift.audit.scorecard;

import java.util.Arrays;

/**
 * The measures a scorecard is validated and monitored with. Pure functions of scores and outcomes (higher score =
 * better risk; bad = 1), each written out so an auditor can check it by hand:
 * <ul>
 *     <li><b>AUC</b>: the probability that a random good scores above a random bad, a tie counting one half
 *     (Mann-Whitney); <b>Gini</b> = 2 AUC - 1.</li>
 *     <li><b>KS</b>: the largest gap between the cumulative score distributions of bads and goods,
 *     {@code max_s |F_bad(s) - F_good(s)|}, F the share scoring at most s.</li>
 *     <li><b>PSI</b> (population stability index) of an actual distribution against an expected one over the same
 *     bands: {@code sum_i (a_i - e_i) ln(a_i / e_i)}, an empty band counted as {@value #EMPTY_SHARE} so the sum stays
 *     finite. The same formula over a characteristic's bins is its <b>CSI</b>.</li>
 * </ul>
 */
public final class ValidationMetrics {

    /** The share an empty band counts as in PSI: small enough not to matter, large enough to keep ln finite. */
    public static final double EMPTY_SHARE = 0.0001;

    private ValidationMetrics() {
    }

    public static double auc(int[] scores, int[] bad) {
        long goods = 0;
        long bads = 0;
        double wins = 0;
        for (int i = 0; i < scores.length; i++) {
            if (bad[i] != 0) {
                continue;
            }
            goods++;
            for (int k = 0; k < scores.length; k++) {
                if (bad[k] != 0) {
                    wins += scores[i] > scores[k] ? 1 : scores[i] == scores[k] ? 0.5 : 0;
                }
            }
        }
        for (int b : bad) {
            bads += b != 0 ? 1 : 0;
        }
        if (goods == 0 || bads == 0) {
            throw new IllegalArgumentException("AUC needs goods and bads");
        }
        return wins / (goods * bads);
    }

    public static double gini(double auc) {
        return 2 * auc - 1;
    }

    public static double ks(int[] scores, int[] bad) {
        int[] distinct = Arrays.stream(scores).distinct().sorted().toArray();
        long goods = Arrays.stream(bad).filter(b -> b == 0).count();
        long bads = bad.length - goods;
        if (goods == 0 || bads == 0) {
            throw new IllegalArgumentException("KS needs goods and bads");
        }
        double best = 0;
        for (int threshold : distinct) {
            long goodsBelow = 0;
            long badsBelow = 0;
            for (int i = 0; i < scores.length; i++) {
                if (scores[i] <= threshold) {
                    if (bad[i] == 0) {
                        goodsBelow++;
                    } else {
                        badsBelow++;
                    }
                }
            }
            best = Math.max(best, Math.abs((double) badsBelow / bads - (double) goodsBelow / goods));
        }
        return best;
    }

    /** Shares of each band in counts (they add up to 1; all 0 when there are no counts). */
    public static double[] shares(long[] counts) {
        long total = Arrays.stream(counts).sum();
        double[] shares = new double[counts.length];
        for (int i = 0; i < counts.length && total > 0; i++) {
            shares[i] = (double) counts[i] / total;
        }
        return shares;
    }

    public static double psi(double[] expected, double[] actual) {
        if (expected.length != actual.length) {
            throw new IllegalArgumentException("PSI compares the same bands");
        }
        double psi = 0;
        for (int i = 0; i < expected.length; i++) {
            double e = Math.max(expected[i], EMPTY_SHARE);
            double a = Math.max(actual[i], EMPTY_SHARE);
            psi += (a - e) * Math.log(a / e);
        }
        return psi;
    }
}
