package com.uplift.domain.tiering;

import com.uplift.domain.policy.TierRule;
import com.uplift.domain.policy.Tiering;
import com.uplift.domain.risk.RiskInputs;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * 客户分层: the tier a line's behaviour earns under the policy's tiering rules, the first rule whose every condition
 * holds; empty when none does (the line keeps its tier). Reads the measured inputs ({@link RiskInputs}) and the
 * latest score; a condition on a measure the line cannot give reliably is not met, so missing data never moves a
 * line into a better tier.
 */
public final class TierRules {

    private TierRules() {
    }

    /**
     * @param score the latest score, or null when the latest assessment had data-quality issues (not reliable)
     */
    public static Optional<TierMatch> evaluate(Tiering tiering, RiskInputs in, Integer score) {
        for (int i = 0; i < tiering.rules().size(); i++) {
            TierRule rule = tiering.rules().get(i);
            Optional<List<String>> met = met(rule, in, score);
            if (met.isPresent()) {
                List<String> reasons = new ArrayList<>();
                reasons.add("tiering rule " + (i + 1) + " (" + rule.tier() + ")");
                reasons.addAll(met.get());
                return Optional.of(new TierMatch(rule.tier(), reasons));
            }
        }
        return Optional.empty();
    }

    /** The conditions as they were met, in words; empty when any is not met. */
    private static Optional<List<String>> met(TierRule rule, RiskInputs in, Integer score) {
        List<String> met = new ArrayList<>();
        if (rule.minMonthsOnBook() != null && !holds(met, "monthsOnBook", BigDecimal.valueOf(in.monthsOnBook()),
                ">=", BigDecimal.valueOf(rule.minMonthsOnBook()))) {
            return Optional.empty();
        }
        if (rule.minOnTimePct() != null && !holds(met, "onTimePct", reliable(in, RiskInputs.REPAYMENT_HISTORY,
                in.onTimeRatioPct()), ">=", rule.minOnTimePct())) {
            return Optional.empty();
        }
        if (rule.maxWorstDaysPastDue() != null && !holds(met, "worstDaysPastDue", in.worstDaysPastDue() == null ? null
                : BigDecimal.valueOf(in.worstDaysPastDue()), "<=", BigDecimal.valueOf(rule.maxWorstDaysPastDue()))) {
            return Optional.empty();
        }
        BigDecimal scored = score == null ? null : BigDecimal.valueOf(score);
        if (rule.minScore() != null && !holds(met, "score", scored, ">=", BigDecimal.valueOf(rule.minScore()))) {
            return Optional.empty();
        }
        if (rule.maxScore() != null && !holds(met, "score", scored, "<=", BigDecimal.valueOf(rule.maxScore()))) {
            return Optional.empty();
        }
        if (rule.minMonthlyIncome() != null && !holds(met, "monthlyIncome",
                reliable(in, RiskInputs.INCOME, in.affordabilityIncome()), ">=", rule.minMonthlyIncome())) {
            return Optional.empty();
        }
        return Optional.of(met);
    }

    private static BigDecimal reliable(RiskInputs in, String input, BigDecimal value) {
        return in.usable(input) ? value : null;
    }

    private static boolean holds(List<String> met, String measure, BigDecimal value, String op, BigDecimal bound) {
        if (value == null) {
            return false;
        }
        boolean holds = op.equals(">=") ? value.compareTo(bound) >= 0 : value.compareTo(bound) <= 0;
        if (holds) {
            met.add(measure + " " + value.stripTrailingZeros().toPlainString() + " " + op + " "
                    + bound.stripTrailingZeros().toPlainString());
        }
        return holds;
    }
}
