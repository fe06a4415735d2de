package com.uplift.domain.decrease;

import com.uplift.domain.DeciderRules;
import com.uplift.domain.history.CreditFacts;
import com.uplift.domain.increase.AdverseActionReason;
import com.uplift.domain.policy.DecreaseMethod;
import com.uplift.domain.policy.DecreaseTrigger;
import com.uplift.domain.policy.LimitDecreases;
import com.uplift.domain.risk.RiskInputs;
import com.uplift.domain.warning.WarningFlag;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * 降额: which of the policy's decrease triggers hold on a line, and the limit they propose. Reads the same measures the
 * early warnings read ({@link RiskInputs}) and the warning flags active now; knows nothing of states or events, so
 * the decider calls it and a property test can drive it alone.
 * <p>
 * Every trigger that holds is recorded with its reason; the deepest cut of them wins (the line is as risky as its
 * worst sign), and the most review levels any of them asks for apply. The new limit is rounded UP to the policy's
 * rounding unit (rounding down could cut below the drawn balance) and is never below the drawn balance: a decrease
 * takes away headroom, never money already lent. When that leaves nothing to take (drawn at or above the limit), no
 * decrease is proposed.
 */
public final class DecreaseTriggers {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private DecreaseTriggers() {
    }

    public static Optional<DecreaseVerdict> evaluate(CreditFacts line, RiskInputs in, Collection<WarningFlag> flags,
                                                     LimitDecreases decreases, BigDecimal roundingUnit) {
        List<TriggerHit> hits = new ArrayList<>();
        BigDecimal deepest = null;
        int levels = 0;
        for (DecreaseTrigger trigger : decreases.triggers()) {
            Optional<String> measured = measured(trigger, in, flags);
            if (measured.isEmpty()) {
                continue;
            }
            hits.add(new TriggerHit(trigger.trigger(), measured.get(), reasonCode(trigger).name()));
            BigDecimal limit = sized(trigger, line.limit(), line.drawn(), roundingUnit);
            deepest = deepest == null ? limit : deepest.min(limit);
            levels = Math.max(levels, trigger.reviewLevels());
        }
        if (hits.isEmpty() || deepest.compareTo(line.limit()) >= 0) {
            return Optional.empty();
        }
        Set<String> reasons = new LinkedHashSet<>();
        hits.forEach(h -> reasons.add(h.reasonCode()));
        return Optional.of(new DecreaseVerdict(deepest, levels, hits,
                reasons.stream().limit(DeciderRules.MAX_PRINCIPAL_REASONS).toList()));
    }

    /**
     * The new limit a trigger asks for: the cut or drawn-plus-buffer, rounded up to the unit, never below the drawn
     * balance and never above the current limit.
     */
    public static BigDecimal sized(DecreaseTrigger trigger, BigDecimal limit, BigDecimal drawn, BigDecimal roundingUnit) {
        BigDecimal share = trigger.percent().divide(HUNDRED);
        BigDecimal raw = trigger.method() == DecreaseMethod.PERCENT_OF_LIMIT
                ? limit.subtract(limit.multiply(share))
                : drawn.add(limit.multiply(share));
        BigDecimal rounded = raw.divide(roundingUnit, 0, RoundingMode.CEILING).multiply(roundingUnit);
        return rounded.max(drawn).min(limit).setScale(2, RoundingMode.UNNECESSARY);
    }

    /** The customer-facing reason for a trigger: the same code a decline quotes for the same fact. */
    public static AdverseActionReason reasonCode(DecreaseTrigger trigger) {
        return switch (trigger.measure()) {
            case DAYS_PAST_DUE -> AdverseActionReason.PAST_DUE;
            case NEGATIVE_BUREAU_RECORDS -> AdverseActionReason.NEGATIVE_BUREAU_RECORD;
            case INCOME_DROP_PCT -> AdverseActionReason.INCOME_TREND;
            case WARNING_SEVERITY -> switch (trigger.severity()) {
                case SEVERE -> AdverseActionReason.SEVERE_WARNING;
                case WARNING -> AdverseActionReason.ACTIVE_WARNING;
                case WATCH -> AdverseActionReason.WATCH_FLAG;
            };
        };
    }

    /** What the trigger measured, in words, when it holds; empty when it does not (or cannot be measured). */
    private static Optional<String> measured(DecreaseTrigger trigger, RiskInputs in, Collection<WarningFlag> flags) {
        return switch (trigger.measure()) {
            case WARNING_SEVERITY -> flags.stream().filter(f -> f.severity().atLeast(trigger.severity()))
                    .map(f -> "warning " + f.flag() + " (" + f.severity() + ") active, at least " + trigger.severity())
                    .findFirst();
            case DAYS_PAST_DUE -> atLeast(trigger, BigDecimal.valueOf(in.currentDaysPastDue()));
            case NEGATIVE_BUREAU_RECORDS -> atLeast(trigger, BigDecimal.valueOf(in.negativeBureauRecords().size()));
            case INCOME_DROP_PCT -> in.incomeDropPct() == null ? Optional.empty() : atLeast(trigger, in.incomeDropPct());
        };
    }

    private static Optional<String> atLeast(DecreaseTrigger trigger, BigDecimal value) {
        return value.compareTo(trigger.threshold()) >= 0
                ? Optional.of(trigger.measure() + " " + value.stripTrailingZeros().toPlainString() + " >= "
                + trigger.threshold().stripTrailingZeros().toPlainString())
                : Optional.empty();
    }
}
