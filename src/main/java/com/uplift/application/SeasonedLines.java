package com.uplift.application;

import com.uplift.domain.creditline.CreditLineCommand;
import com.uplift.domain.history.IncomeSource;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;

/**
 * Demo lines with a past: each asked for an increase 400 to 600 days ago and was then watched for a year, so a
 * scorecard can be fitted on their outcomes (docs/scorecard.md). Every command carries its own business time in the
 * past; the decider reads no clock, so the history decides exactly as if it had been recorded as it happened.
 * <p>
 * <b>The known relationship.</b> At the decision date D a line has: 0 late instalments in the 12 before D (70% of
 * lines) or 1 to 4 (each 5 to 25 days late, never 30+); a utilization drawn uniformly from 10% to 95%; a bureau score
 * drawn uniformly from 520 to 819; and, carrying no information, income stability and trend, and 13 to 40 months on
 * book. Whether the line goes 30+ days past due in the 12 months after D is then drawn with
 * <pre>
 *   log-odds(bad) = -2.2 + 1.0 * lateInstalments + 1.1 * [utilization >= 70%] - 0.012 * (bureauScore - 650)
 * </pre>
 * that is: each late instalment multiplies the odds of going bad by e^1.0 = 2.72, a utilization of 70% or more by
 * e^1.1 = 3.0, and every 100 bureau points by e^-1.2 = 0.30; a line with none of these at a bureau score of 650 goes
 * bad with probability 10%. A bad line gets a servicing report of 30 to 75 days past due dated 1 to 11 months after D,
 * and a report of 0 three weeks later. Every line then repays monthly up to last month and has fresh income and
 * bureau data today, so it is also part of today's population. Seeded: the same seed gives the same lines.
 */
public final class SeasonedLines {

    /** The relationship's coefficients, as stated above (the test that recovers them reads these). */
    public static final double INTERCEPT = -2.2;
    public static final double PER_LATE_INSTALMENT = 1.0;
    public static final double HIGH_UTILIZATION = 1.1;
    public static final double PER_BUREAU_POINT = -0.012;

    private static final BigDecimal INSTALMENT = new BigDecimal("25.00");

    private SeasonedLines() {
    }

    /** The line id of the {@code index}th seasoned line of a seed: apart from the demo portfolio's own ids. */
    public static String id(long seed, int index) {
        return new UUID(~seed, index).toString();
    }

    /** Probability of going 30+ days past due within 12 months, by the stated relationship. */
    public static double badProbability(int lateInstalments, int utilizationPct, int bureauScore) {
        double logOdds = INTERCEPT + PER_LATE_INSTALMENT * lateInstalments + (utilizationPct >= 70 ? HIGH_UTILIZATION : 0)
                + PER_BUREAU_POINT * (bureauScore - 650);
        return 1 / (1 + Math.exp(-logOdds));
    }

    /** The line's commands in business-time order; each ignores the instant it is given and carries its own. */
    public static List<Function<Instant, CreditLineCommand>> plan(String id, int index, Random random, LocalDate today) {
        LocalDate decidedOn = today.minusDays(400 + random.nextInt(201));
        LocalDate openedOn = decidedOn.minusMonths(13 + random.nextInt(28));
        BigDecimal limit = BigDecimal.valueOf(10_000 + 1_000L * random.nextInt(41)).setScale(2, RoundingMode.UNNECESSARY);
        int utilization = 10 + random.nextInt(86);
        int lateInstalments = random.nextInt(10) < 7 ? 0 : 1 + random.nextInt(4);
        int bureauScore = 520 + random.nextInt(300);
        BigDecimal income = BigDecimal.valueOf(8_000 + 500L * random.nextInt(50)).setScale(2, RoundingMode.UNNECESSARY);
        boolean bad = random.nextDouble() < badProbability(lateInstalments, utilization, bureauScore);

        List<Function<Instant, CreditLineCommand>> steps = new ArrayList<>();
        steps.add(at -> new CreditLineCommand.OpenCreditLine(id, "SEASONED-" + (10_000 + index), "XM-CASH", limit,
                Currency.getInstance("CNY"), "STANDARD", openedOn, instant(openedOn)));
        // drawn so that after the twelve instalments before D the utilization is the one drawn above
        BigDecimal drawn = limit.multiply(BigDecimal.valueOf(utilization)).divide(BigDecimal.valueOf(100), 0, RoundingMode.DOWN)
                .add(INSTALMENT.multiply(BigDecimal.valueOf(12))).setScale(2, RoundingMode.UNNECESSARY);
        LocalDate drawnOn = decidedOn.minusMonths(13);
        steps.add(at -> new CreditLineCommand.RecordDrawdown(drawn, instant(drawnOn)));
        List<Integer> late = new ArrayList<>();
        while (late.size() < lateInstalments) {
            int month = 1 + random.nextInt(12);
            if (!late.contains(month)) {
                late.add(month);
            }
        }
        for (int m = 12; m >= 1; m--) {
            LocalDate due = decidedOn.minusMonths(m);
            LocalDate paid = due.plusDays(late.contains(m) ? 5 + random.nextInt(21) : 0);
            steps.add(at -> new CreditLineCommand.RecordRepayment(INSTALMENT, due, paid, instant(paid)));
        }
        verifiedIncome(steps, income, YearMonth.from(decidedOn).minusMonths(3), decidedOn.minusDays(5), random);
        LocalDate pulledOn = decidedOn.minusDays(2);
        steps.add(at -> new CreditLineCommand.ReceiveBureauReport("PBOC", "R-S-" + index, bureauScore, List.of(),
                instant(pulledOn), instant(pulledOn)));
        steps.add(at -> new CreditLineCommand.RequestLimitIncrease("IR-S-" + UUID.nameUUIDFromBytes(id.getBytes()), null,
                "APP", "seasoned-borrower-" + index, instant(decidedOn)));

        LocalDate lateOn = decidedOn.plusDays(30 + random.nextInt(300));
        int daysPastDue = 30 + random.nextInt(46);
        boolean reported = false;
        for (LocalDate due = decidedOn.plusMonths(1); due.isBefore(today.minusDays(10)); due = due.plusMonths(1)) {
            if (bad && !reported && due.isAfter(lateOn)) {
                steps.add(at -> new CreditLineCommand.ReportDelinquency(daysPastDue, lateOn, instant(lateOn)));
                LocalDate curedOn = lateOn.plusDays(21);
                steps.add(at -> new CreditLineCommand.ReportDelinquency(0, curedOn, instant(curedOn)));
                reported = true;
            }
            LocalDate paid = due;
            steps.add(at -> new CreditLineCommand.RecordRepayment(INSTALMENT, paid, paid, instant(paid)));
        }
        verifiedIncome(steps, income, YearMonth.from(today).minusMonths(3), today.minusDays(10), random);
        LocalDate pulledLately = today.minusDays(5);
        steps.add(at -> new CreditLineCommand.ReceiveBureauReport("PBOC", "R-S2-" + index, bureauScore, List.of(),
                instant(pulledLately), instant(pulledLately)));
        return steps;
    }

    /** Two months of verified income, each within 8% of the usual amount: no information in stability or trend. */
    private static void verifiedIncome(List<Function<Instant, CreditLineCommand>> steps, BigDecimal income,
                                       YearMonth first, LocalDate verifiedOn, Random random) {
        for (int k = 0; k < 2; k++) {
            BigDecimal amount = income.multiply(BigDecimal.valueOf(92 + random.nextInt(17)))
                    .divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_EVEN);
            YearMonth period = first.plusMonths(k);
            IncomeSource source = k == 0 ? IncomeSource.SALARY_SLIP : IncomeSource.BANK_STATEMENT;
            steps.add(at -> new CreditLineCommand.VerifyIncome(amount, source, period, instant(verifiedOn)));
        }
    }

    /** Noon in Shanghai (04:00 UTC): the same business date in the policy's calendar. */
    static Instant instant(LocalDate date) {
        return date.atTime(4, 0).toInstant(ZoneOffset.UTC);
    }
}
