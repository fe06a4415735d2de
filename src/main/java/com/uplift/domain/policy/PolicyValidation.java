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

    /** A decrease's cooling-off longer than a year would outlast the scorecard's own lookback. */
    public static final int MAX_DECREASE_COOLING_OFF_DAYS = 365;

    /** The share of the lines a challenger may decide; the policy book's rollouts use the same bounds. */
    public static final int MIN_CHALLENGER_SHARE = 1;
    public static final int MAX_CHALLENGER_SHARE = 50;

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

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
        check(problems, policy.championChallenger());
        policy.ownBookKnockout().ifPresent(k -> check(problems, k));
        policy.offers().ifPresent(o -> check(problems, o));
        policy.decreases().ifPresent(d -> check(problems, d));
        policy.tiering().ifPresent(t -> check(problems, t, policy));
        policy.grades().forEach(g -> {
            if (g.aprPercent() == null || g.aprPercent().signum() <= 0 || g.aprPercent().compareTo(new BigDecimal("36")) > 0) {
                problems.add("grade " + g.grade() + " APR must lie in (0, 36] percent");
            }
        });
        return problems;
    }

    /**
     * A challenger the policy names itself obeys the limit a challenger rolled out through the policy book does: a
     * larger share is a promotion in all but name, which the champion/challenger comparison cannot measure. Without a challenger version the share assigns no line to anything, so 0 (or the shipped 10,
     * kept for its recorded content hash) stays valid there.
     */
    private static void check(List<String> problems, ChampionChallenger split) {
        if (split != null && split.challengerPolicyVersion() != null
                && (split.challengerSharePercent() < MIN_CHALLENGER_SHARE || split.challengerSharePercent() > MAX_CHALLENGER_SHARE)) {
            problems.add("championChallenger.challengerSharePercent must lie in " + MIN_CHALLENGER_SHARE + ".."
                    + MAX_CHALLENGER_SHARE + " when challengerPolicyVersion is set (a larger share is a promotion)");
        }
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

    /**
     * A decrease section that could never fire, or could cut a limit to nothing, is refused: every trigger names what it
     * measures and how it cuts, a percent cut lies strictly between 0 and 100 (0 is no decrease, 100 a closure, which
     * is not a decrease), a buffer lies in 0..100, and review levels are those the review flow has (0, 1, 2).
     */
    private static void check(List<String> problems, LimitDecreases d) {
        if (d.coolingOffDays() < 0 || d.coolingOffDays() > MAX_DECREASE_COOLING_OFF_DAYS) {
            problems.add("decreases.coolingOffDays must lie in 0.." + MAX_DECREASE_COOLING_OFF_DAYS);
        }
        if (d.triggers().isEmpty()) {
            problems.add("decreases.triggers must name at least one trigger (leave the section out for no decreases)");
        }
        d.referralExpiry().filter(e -> e.afterDays() < 1 || e.afterDays() > DecreaseReferralExpiry.MAX_DAYS).ifPresent(e ->
                problems.add("decreases.referralExpiry.afterDays must lie in 1.." + DecreaseReferralExpiry.MAX_DAYS));
        java.util.Set<String> names = new java.util.HashSet<>();
        for (int i = 0; i < d.triggers().size(); i++) {
            DecreaseTrigger t = d.triggers().get(i);
            String where = "decreases.triggers[" + i + "]";
            if (t.trigger() == null || t.trigger().isBlank() || !names.add(t.trigger())) {
                problems.add(where + ".trigger must be a name no other trigger has");
            }
            if (t.measure() == null) {
                problems.add(where + ".measure is required");
            } else if (t.measure() == DecreaseMeasure.WARNING_SEVERITY) {
                if (t.severity() == null) {
                    problems.add(where + ".severity is required for WARNING_SEVERITY");
                }
            } else if (t.threshold() == null || t.threshold().signum() <= 0) {
                problems.add(where + ".threshold must be positive");
            }
            if (t.method() == null || t.percent() == null) {
                problems.add(where + ": method and percent are required");
            } else if (t.method() == DecreaseMethod.PERCENT_OF_LIMIT
                    ? t.percent().signum() <= 0 || t.percent().compareTo(HUNDRED) >= 0
                    : t.percent().signum() < 0 || t.percent().compareTo(HUNDRED) > 0) {
                problems.add(where + ".percent must lie in " + (t.method() == DecreaseMethod.PERCENT_OF_LIMIT
                        ? "(0, 100) for PERCENT_OF_LIMIT" : "[0, 100] for DRAWN_PLUS_BUFFER"));
            }
            if (t.reviewLevels() < 0 || t.reviewLevels() > 2) {
                problems.add(where + ".reviewLevels must be 0 (automatic), 1 or 2");
            }
        }
    }

    /** Every tier a rule names must be one the policy prices increases for; a score band must lie in 0..100. */
    private static void check(List<String> problems, Tiering t, Policy policy) {
        if (t.manualHoldDays() < 0) {
            problems.add("tiering.manualHoldDays must not be negative");
        }
        if (t.rules().isEmpty()) {
            problems.add("tiering.rules must name at least one rule (leave the section out for tiers set by hand only)");
        }
        for (int i = 0; i < t.rules().size(); i++) {
            TierRule r = t.rules().get(i);
            String where = "tiering.rules[" + i + "]";
            if (r.tier() == null || !policy.knowsTier(r.tier())) {
                problems.add(where + ".tier must be " + Tiering.STANDARD + " or one of the segments " + policy.segments().keySet());
            }
            if (r.minScore() != null && (r.minScore() < 0 || r.minScore() > 100)
                    || r.maxScore() != null && (r.maxScore() < 0 || r.maxScore() > 100)
                    || r.minScore() != null && r.maxScore() != null && r.minScore() > r.maxScore()) {
                problems.add(where + ": 0 <= minScore <= maxScore <= 100");
            }
            if (r.minMonthsOnBook() != null && r.minMonthsOnBook() < 0
                    || r.maxWorstDaysPastDue() != null && r.maxWorstDaysPastDue() < 0
                    || r.minOnTimePct() != null && (r.minOnTimePct().signum() < 0 || r.minOnTimePct().compareTo(HUNDRED) > 0)
                    || r.minMonthlyIncome() != null && r.minMonthlyIncome().signum() < 0) {
                problems.add(where + ": conditions must not be negative (minOnTimePct at most 100)");
            }
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
