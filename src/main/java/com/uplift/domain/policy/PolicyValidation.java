package com.uplift.domain.policy;

import com.uplift.domain.DeciderRules;

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

    /**
     * The most days past due a bad-record threshold may name: open-end consumer credit is charged off at 180 days past
     * due (FFIEC Uniform Retail Credit Classification policy), so a higher threshold would catch nothing the write-off
     * knock-out does not already catch.
     */
    public static final int MAX_BAD_RECORD_DAYS_PAST_DUE = 180;

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
        policy.ownBookKnockout().ifPresent(k -> check(problems, k));
        policy.offers().ifPresent(o -> check(problems, o));
        policy.grades().forEach(g -> {
            if (g.aprPercent() == null || g.aprPercent().signum() <= 0 || g.aprPercent().compareTo(new BigDecimal("36")) > 0) {
                problems.add("grade " + g.grade() + " APR must lie in (0, 36] percent");
            }
        });
        return problems;
    }

    /**
     * A threshold of 0 days would make every line a bad record (every increase declined); the lookback cannot reach
     * further back than the history a line's state keeps ({@link DeciderRules#HISTORY_HORIZON_MONTHS}), or lateness
     * older than that would silently not count.
     */
    private static void check(List<String> problems, OwnBookKnockout k) {
        if (k.daysPastDue() < 1 || k.daysPastDue() > MAX_BAD_RECORD_DAYS_PAST_DUE) {
            problems.add("ownBookKnockout.daysPastDue must lie in 1.." + MAX_BAD_RECORD_DAYS_PAST_DUE);
        }
        if (k.lookbackMonths() < 1 || k.lookbackMonths() > DeciderRules.HISTORY_HORIZON_MONTHS) {
            problems.add("ownBookKnockout.lookbackMonths must lie in 1.." + DeciderRules.HISTORY_HORIZON_MONTHS
                    + " (the history a line keeps)");
        }
        if (k.anyWriteOff() == null) {
            problems.add("ownBookKnockout.anyWriteOff is required (true: any write-off is a bad record)");
        }
    }

    /** The longest an offer may stay open: a bureau report is fresh for 30 days, so a longer offer rests on old data. */
    public static final int MAX_OFFER_EXPIRY_DAYS = 90;

    /**
     * An offer must expire (an open-ended promise would be honoured on facts of any age) and its band must be a band:
     * 0 <= min <= max <= 100 percent of the current limit.
     */
    private static void check(List<String> problems, OfferRules o) {
        if (o.expiryDays() < 1 || o.expiryDays() > MAX_OFFER_EXPIRY_DAYS) {
            problems.add("offers.expiryDays must lie in 1.." + MAX_OFFER_EXPIRY_DAYS);
        }
        if (o.minScore() != null && (o.minScore() < 0 || o.minScore() > 100)) {
            problems.add("offers.minScore must lie in 0..100");
        }
        BigDecimal hundred = BigDecimal.valueOf(100);
        if (o.minIncreasePct() != null && (o.minIncreasePct().signum() < 0 || o.minIncreasePct().compareTo(hundred) > 0)) {
            problems.add("offers.minIncreasePct must lie in 0..100");
        }
        if (o.maxIncreasePct() != null && (o.maxIncreasePct().signum() <= 0 || o.maxIncreasePct().compareTo(hundred) > 0)) {
            problems.add("offers.maxIncreasePct must lie in (0, 100]");
        }
        if (o.minIncreasePct() != null && o.maxIncreasePct() != null && o.minIncreasePct().compareTo(o.maxIncreasePct()) > 0) {
            problems.add("offers: minIncreasePct must not exceed maxIncreasePct");
        }
        if (o.segments().stream().anyMatch(s -> s == null || s.isBlank())) {
            problems.add("offers.segments must name segments (no blank entry)");
        }
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
