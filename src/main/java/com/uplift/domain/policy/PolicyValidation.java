package com.uplift.domain.policy;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * What a policy must satisfy before anyone may approve it: a version that would make every increase request fail,
 * or break the regulatory cap, is refused at proposal rather than discovered in production.
 */
public final class PolicyValidation {

    /** China's cap on an internet consumer credit line (2020 interim measures for internet loans). */
    public static final BigDecimal REGULATORY_MAX_LIMIT = new BigDecimal("200000");

    private PolicyValidation() {
    }

    /** Every problem found; empty when the policy is usable. */
    public static List<String> problems(Policy policy) {
        List<String> problems = new ArrayList<>();
        try {
            ZoneId.of(policy.timeZone());
        } catch (DateTimeException e) {
            problems.add("timeZone " + policy.timeZone() + " is not a time zone");
        }
        check(problems, "increase", policy.increase());
        policy.segments().forEach((segment, override) -> check(problems, "segments." + segment, override.applyTo(policy.increase())));
        if (policy.grades().isEmpty() || policy.grades().stream().noneMatch(g -> g.minScore() <= 0)) {
            problems.add("grades must cover every score down to 0");
        }
        policy.grades().forEach(g -> {
            if (g.aprPercent() == null || g.aprPercent().signum() <= 0 || g.aprPercent().compareTo(new BigDecimal("36")) > 0) {
                problems.add("grade " + g.grade() + " APR must lie in (0, 36] percent");
            }
        });
        return problems;
    }

    private static void check(List<String> problems, String where, IncreaseRules r) {
        if (r.minScore() < 0 || r.minScore() > 100) {
            problems.add(where + ".minScore must lie in 0..100");
        }
        if (r.minIncreasePct().signum() < 0 || r.minIncreasePct().compareTo(r.maxIncreasePct()) > 0) {
            problems.add(where + ": 0 <= minIncreasePct <= maxIncreasePct");
        }
        if (r.scoreAtMinPct() >= r.scoreAtMaxPct()) {
            problems.add(where + ": scoreAtMinPct must be below scoreAtMaxPct");
        }
        if (r.roundingUnit().signum() <= 0) {
            problems.add(where + ".roundingUnit must be positive");
        }
        if (r.affordabilityMultiple().signum() <= 0) {
            problems.add(where + ".affordabilityMultiple must be positive");
        }
        if (r.productMaxLimit().signum() <= 0 || r.productMaxLimit().compareTo(REGULATORY_MAX_LIMIT) > 0) {
            problems.add(where + ".productMaxLimit must lie in (0, " + REGULATORY_MAX_LIMIT + "]");
        }
        if (r.autoApproveCeiling().compareTo(r.level1Ceiling()) > 0) {
            problems.add(where + ": autoApproveCeiling must not exceed level1Ceiling");
        }
        if (r.minMonthsOnBook() < 0 || r.coolingOffDays() < 0) {
            problems.add(where + ": minMonthsOnBook and coolingOffDays must not be negative");
        }
    }
}
