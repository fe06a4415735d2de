package com.uplift.domain.warning;

import com.uplift.domain.history.CreditFacts;
import com.uplift.domain.history.ScorePoint;
import com.uplift.domain.policy.Policy;
import com.uplift.domain.policy.WarningRule;
import com.uplift.domain.risk.RiskInputs;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * 智能预警: evaluates every warning rule of the policy against the line as it stands, giving the set of flags whose
 * condition holds now. The decider compares it with the flags already raised and emits WarningRaised / WarningCleared
 * for the difference, so a flag is raised once and cleared once its condition ends.
 */
public final class EarlyWarnings {

    private EarlyWarnings() {
    }

    public static SortedMap<String, WarningFlag> evaluate(CreditFacts line, RiskInputs in, Policy policy, Instant now) {
        SortedMap<String, WarningFlag> active = new TreeMap<>();
        for (WarningRule rule : policy.warnings()) {
            measure(rule, line, in, now)
                    .filter(value -> value.compareTo(rule.threshold()) >= 0)
                    .ifPresent(value -> active.put(rule.flag(), new WarningFlag(rule.flag(), rule.severity(),
                            rule.trigger() + " " + value.stripTrailingZeros().toPlainString() + " >= "
                                    + rule.threshold().stripTrailingZeros().toPlainString())));
        }
        return active;
    }

    /** The rule's measure now; empty when it cannot be measured (no data never raises a flag; data quality is the scorecard's job). */
    private static Optional<BigDecimal> measure(WarningRule rule, CreditFacts line, RiskInputs in, Instant now) {
        return switch (rule.trigger()) {
            case DAYS_PAST_DUE -> Optional.of(BigDecimal.valueOf(in.currentDaysPastDue()));
            case UTILIZATION_PCT -> Optional.of(in.utilizationPct());
            case SCORE_DROP_POINTS -> scoreDrop(line.recentScores(), window(rule, now)).map(BigDecimal::valueOf);
            case INCOME_DROP_PCT -> Optional.ofNullable(in.incomeDropPct());
            case NEGATIVE_BUREAU_RECORDS -> Optional.of(BigDecimal.valueOf(in.negativeBureauRecords().size()));
            case NOTE_SIGNAL -> Optional.of(BigDecimal.valueOf(line.history().noteSignals().stream()
                    .filter(n -> n.code().equals(rule.signal()) && !n.recordedAt().isBefore(window(rule, now)))
                    .count()));
        };
    }

    /**
     * Highest reliable score assessed since {@code since}, minus the latest score. Only scores made on complete data
     * count: a score that fell because an input went stale is a data-quality matter (referral), not a warning.
     */
    private static Optional<Integer> scoreDrop(List<ScorePoint> points, Instant since) {
        if (points.isEmpty() || !points.get(points.size() - 1).reliable()) {
            return Optional.empty();
        }
        int current = points.get(points.size() - 1).score();
        return points.stream().filter(p -> p.reliable() && !p.at().isBefore(since))
                .map(ScorePoint::score).max(Integer::compare).map(best -> Math.max(0, best - current));
    }

    private static Instant window(WarningRule rule, Instant now) {
        int days = rule.windowDays() == null ? 90 : rule.windowDays();
        return now.minus(Duration.ofDays(days));
    }
}
