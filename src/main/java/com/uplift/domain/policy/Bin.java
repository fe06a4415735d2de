package com.uplift.domain.policy;

import java.math.BigDecimal;

/**
 * One bin of a scorecard characteristic: values in {@code [from, to)} earn {@code points}.
 * A null bound is open (minus or plus infinity).
 */
public record Bin(BigDecimal from, BigDecimal to, int points, String label) {

    public boolean contains(BigDecimal value) {
        return (from == null || value.compareTo(from) >= 0) && (to == null || value.compareTo(to) < 0);
    }
}
