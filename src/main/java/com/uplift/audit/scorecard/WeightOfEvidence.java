package com.uplift.audit.scorecard;

/**
 * Weight of evidence of each bin of one characteristic, and its information value. With {@code g_i}, {@code b_i} the
 * goods and bads in bin i and {@code G}, {@code B} the totals:
 * <pre>
 *   WoE_i = ln( (g_i / G) / (b_i / B) )          positive: the bin holds more than its share of goods
 *   IV    = sum_i (g_i / G - b_i / B) * WoE_i
 * </pre>
 * A bin with goods but no bads (or the reverse) would have an infinite WoE: half an observation is added to both of
 * its counts (the usual correction), so one lucky bin cannot dominate the fit. An empty bin (no observation in the
 * sample: 60+ days past due among lines that were never that late, say) has no evidence, and no evidence never counts
 * as good, as a missing input scores 0: it gets the characteristic's lowest weight of evidence, so it earns no more
 * than the worst bin that was observed. Pure arithmetic: no randomness, no I/O.
 */
public record WeightOfEvidence(double[] woe, double informationValue) {

    public static WeightOfEvidence of(long[] goods, long[] bads) {
        if (goods.length != bads.length) {
            throw new IllegalArgumentException("goods and bads per bin differ in length");
        }
        double totalGoods = 0;
        double totalBads = 0;
        for (int i = 0; i < goods.length; i++) {
            totalGoods += goods[i];
            totalBads += bads[i];
        }
        if (totalGoods == 0 || totalBads == 0) {
            throw new IllegalArgumentException("a weight of evidence needs both goods and bads");
        }
        double[] woe = new double[goods.length];
        double iv = 0;
        double lowest = Double.POSITIVE_INFINITY;
        for (int i = 0; i < goods.length; i++) {
            if (goods[i] + bads[i] == 0) {
                continue;
            }
            double g = goods[i];
            double b = bads[i];
            if (g == 0 || b == 0) {
                g += 0.5;
                b += 0.5;
            }
            double goodShare = g / totalGoods;
            double badShare = b / totalBads;
            woe[i] = Math.log(goodShare / badShare);
            iv += (goodShare - badShare) * woe[i];
            lowest = Math.min(lowest, woe[i]);
        }
        for (int i = 0; i < goods.length; i++) {
            if (goods[i] + bads[i] == 0) {
                woe[i] = lowest;
            }
        }
        return new WeightOfEvidence(woe, iv);
    }
}
