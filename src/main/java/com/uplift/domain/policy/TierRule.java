package com.uplift.domain.policy;

import java.math.BigDecimal;

/**
 * A tier and the conditions a line must meet for it; a null condition does not apply. A condition on a measure the
 * line cannot give reliably (no reliable score, no usable income, no repayment record) is not met: missing data never
 * counts as good.
 *
 * @param minOnTimePct         least share of instalments paid on time in the scorecard's lookback, percent
 * @param maxWorstDaysPastDue  most days past due at worst in the scorecard's lookback
 * @param minScore             least latest score, on an assessment without data-quality issues
 * @param maxScore             most latest score, on an assessment without data-quality issues
 * @param minMonthlyIncome     least verified monthly income (the affordability income)
 */
public record TierRule(String tier, Integer minMonthsOnBook, BigDecimal minOnTimePct, Integer maxWorstDaysPastDue,
                       Integer minScore, Integer maxScore, BigDecimal minMonthlyIncome, String description) {
}
