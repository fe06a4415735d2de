package com.uplift.domain.risk;

import com.uplift.domain.DeciderRules;
import com.uplift.domain.history.CreditFacts;
import com.uplift.domain.policy.Bin;
import com.uplift.domain.policy.Characteristic;
import com.uplift.domain.policy.Policy;
import com.uplift.domain.policy.Scorecard;
import com.uplift.domain.pricing.PricingTier;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The points scorecard: every characteristic scored from {@link RiskInputs} by the policy's bins, the principal reasons
 * ranked by points lost against each characteristic's best bin, the knock-out for a negative bureau record, and the
 * pricing tier that follows.
 */
public final class RiskAssessor {

    /** Adverse-action notices quote at most four principal reasons; a constant of the decider's rules. */
    public static final int MAX_PRINCIPAL_REASONS = DeciderRules.MAX_PRINCIPAL_REASONS;

    private RiskAssessor() {
    }

    public static RiskAssessment assess(CreditFacts line, Policy policy, LocalDate today, int rulesVersion) {
        return assess(RiskInputs.measure(line, policy, today, rulesVersion), policy);
    }

    public static RiskAssessment assess(RiskInputs in, Policy policy) {
        Scorecard card = policy.scorecard();
        List<CharacteristicScore> breakdown = List.of(
                score("REPAYMENT_ON_TIME", card.repaymentOnTime(), in.onTimeRatioPct(), in, RiskInputs.REPAYMENT_HISTORY),
                score("WORST_DAYS_PAST_DUE", card.worstDaysPastDue(), decimal(in.worstDaysPastDue()), in, RiskInputs.REPAYMENT_HISTORY),
                score("UTILIZATION", card.utilization(), in.utilizationPct(), in, null),
                score("INCOME_STABILITY", card.incomeStability(), in.incomeCvPct(), in, RiskInputs.INCOME),
                score("INCOME_TREND", card.incomeTrend(), in.incomeTrendPct(), in, RiskInputs.INCOME),
                score("ASSET_CHANGES", card.assetChanges(), in.netAssetChange(), in, null),
                score("MONTHS_ON_BOOK", card.monthsOnBook(), BigDecimal.valueOf(in.monthsOnBook()), in, null),
                score("BUREAU_SCORE", card.bureauScore(), decimal(in.bureauScore()), in, RiskInputs.BUREAU_REPORT));
        int total = breakdown.stream().mapToInt(CharacteristicScore::points).sum();
        // a negative record in the latest report knocks out whatever its age: bad news does not become good by waiting
        List<String> knockOuts = in.negativeBureauRecords().isEmpty() ? List.of() : List.of(card.knockOutReasonCode());
        int score = knockOuts.isEmpty() ? total : 0;
        PricingTier tier = PricingTier.forScore(score, policy);
        return new RiskAssessment(score, total, tier.grade(), tier.aprPercent(), breakdown,
                principalReasons(breakdown, knockOuts), knockOuts, in.dataQuality(), in.inputs());
    }

    /** Missing, stale or contradictory input scores zero: it never counts as good. */
    private static CharacteristicScore score(String name, Characteristic c, BigDecimal value, RiskInputs in, String input) {
        if (value == null || (input != null && !in.usable(input))) {
            String problem = in.dataQuality().stream().filter(i -> i.input().equals(input)).findFirst()
                    .map(i -> i.problem().name()).orElse("MISSING");
            return new CharacteristicScore(name, null, problem, 0, c.maxPoints(), c.reasonCode());
        }
        Bin bin = c.binFor(value);
        return new CharacteristicScore(name, value, bin.label(), bin.points(), c.maxPoints(), c.reasonCode());
    }

    private static List<String> principalReasons(List<CharacteristicScore> breakdown, List<String> knockOuts) {
        List<String> reasons = new ArrayList<>(knockOuts);
        // stable sort: ties keep the scorecard's order, so the same inputs always give the same reasons
        breakdown.stream()
                .filter(s -> s.pointsLost() > 0)
                .sorted(Comparator.comparingInt(CharacteristicScore::pointsLost).reversed())
                .map(CharacteristicScore::reasonCode)
                .forEach(reasons::add);
        return reasons.subList(0, Math.min(MAX_PRINCIPAL_REASONS, reasons.size()));
    }

    private static BigDecimal decimal(Integer value) {
        return value == null ? null : BigDecimal.valueOf(value);
    }
}
