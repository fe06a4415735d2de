package com.uplift.domain.pricing;

import com.uplift.domain.policy.GradeBand;
import com.uplift.domain.policy.Policy;

import java.math.BigDecimal;
import java.util.Comparator;

/** 差异化定价: the grade (A-E) a score falls in, and the APR (percent, 2 decimals) that grade carries. */
public record PricingTier(String grade, BigDecimal aprPercent) {

    /** The band with the highest minimum score that the score reaches; the policy's lowest band must start at 0. */
    public static PricingTier forScore(int score, Policy policy) {
        GradeBand band = policy.grades().stream()
                .filter(g -> score >= g.minScore())
                .max(Comparator.comparingInt(GradeBand::minScore))
                .orElseThrow(() -> new IllegalStateException("no grade band covers score " + score));
        return new PricingTier(band.grade(), band.aprPercent().setScale(2, java.math.RoundingMode.HALF_EVEN));
    }
}
