package com.uplift.domain.policy;

import java.util.Objects;

/**
 * The points scorecard (0..100: the best bins of all characteristics add up to 100).
 * Values fed to the bins: percentages for ratios (on-time, utilization, coefficient of variation, trend),
 * days for days past due, CNY for net asset change, months for months on book, the bureau's own score.
 *
 * @param lookbackMonths     window for repayment behaviour, worst DPD and asset changes
 * @param incomeWindowMonths income stability and trend are measured over this many months, ending with the newest verified month
 * @param minIncomePeriods   fewest verified months needed to measure stability and trend
 * @param onTimeGraceDays    a repayment this many days late still counts as on time
 */
public record Scorecard(int lookbackMonths,
                        int incomeWindowMonths,
                        int minIncomePeriods,
                        int onTimeGraceDays,
                        Characteristic repaymentOnTime,
                        Characteristic worstDaysPastDue,
                        Characteristic utilization,
                        Characteristic incomeStability,
                        Characteristic incomeTrend,
                        Characteristic assetChanges,
                        Characteristic monthsOnBook,
                        Characteristic bureauScore,
                        String knockOutReasonCode) {

    public Scorecard {
        Objects.requireNonNull(repaymentOnTime);
        Objects.requireNonNull(worstDaysPastDue);
        Objects.requireNonNull(utilization);
        Objects.requireNonNull(incomeStability);
        Objects.requireNonNull(incomeTrend);
        Objects.requireNonNull(assetChanges);
        Objects.requireNonNull(monthsOnBook);
        Objects.requireNonNull(bureauScore);
        Objects.requireNonNull(knockOutReasonCode);
    }

    public int maxTotal() {
        return repaymentOnTime.maxPoints() + worstDaysPastDue.maxPoints() + utilization.maxPoints()
                + incomeStability.maxPoints() + incomeTrend.maxPoints() + assetChanges.maxPoints()
                + monthsOnBook.maxPoints() + bureauScore.maxPoints();
    }
}
