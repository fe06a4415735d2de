package com.uplift.domain;

import com.uplift.domain.policy.PolicyVersion;

/** Policy v1 with an {@code offers} section, as a version of its own: the increase list's tests decide under it. */
public final class OfferPolicies {

    private OfferPolicies() {
    }

    /** Offers to every segment and arm, for 30 days, with no band or score of their own. */
    public static PolicyVersion offering() {
        return offering(30, null, null, null);
    }

    /**
     * @param minScore  the offers' own minimum score (null: none)
     * @param minPct    the smallest increase offered, percent (null: any)
     * @param maxPct    the largest increase offered, percent (null: the sizing's)
     * @param segments  the segments offered to (none: every segment)
     */
    public static PolicyVersion offering(int expiryDays, Integer minScore, String minPct, String maxPct, String... segments) {
        return TestPolicies.variant(tree -> {
            var offers = tree.putObject("offers");
            offers.put("enabled", true).put("expiryDays", expiryDays);
            var list = offers.putArray("segments");
            for (String segment : segments) {
                list.add(segment);
            }
            offers.putArray("arms");
            if (minScore != null) {
                offers.put("minScore", minScore);
            }
            if (minPct != null) {
                offers.put("minIncreasePct", new java.math.BigDecimal(minPct));
            }
            if (maxPct != null) {
                offers.put("maxIncreasePct", new java.math.BigDecimal(maxPct));
            }
            return tree;
        });
    }
}
