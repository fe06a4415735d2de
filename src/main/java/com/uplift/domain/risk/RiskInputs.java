package com.uplift.domain.risk;

import com.uplift.domain.DeciderRules;
import com.uplift.domain.history.AssetDirection;
import com.uplift.domain.history.CreditFacts;
import com.uplift.domain.history.CreditHistory.BureauRecord;
import com.uplift.domain.history.CreditHistory.IncomeRecord;
import com.uplift.domain.history.CreditHistory;
import com.uplift.domain.policy.DataQualityLimits;
import com.uplift.domain.policy.Policy;
import com.uplift.domain.policy.Scorecard;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The measured inputs of a credit line on a business date, each with its data-quality verdict. One place computes
 * them, so the scorecard, the warnings and the increase sizing can never disagree on, say, what "the income" is.
 * A measure whose input is missing, stale or contradictory is null here and never counts as good downstream.
 */
public record RiskInputs(LocalDate today,
                         BigDecimal onTimeRatioPct,
                         Integer worstDaysPastDue,
                         int currentDaysPastDue,
                         BigDecimal utilizationPct,
                         BigDecimal incomeCvPct,
                         BigDecimal incomeTrendPct,
                         BigDecimal incomeDropPct,
                         BigDecimal affordabilityIncome,
                         BigDecimal netAssetChange,
                         int monthsOnBook,
                         Integer bureauScore,
                         List<String> negativeBureauRecords,
                         List<DataQualityIssue> dataQuality,
                         List<InputUsed> inputs) {

    public static final String REPAYMENT_HISTORY = "REPAYMENT_HISTORY";
    public static final String INCOME = "INCOME";
    public static final String BUREAU_REPORT = "BUREAU_REPORT";

    private static final MathContext MC = MathContext.DECIMAL64;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /**
     * Two dates of lateness this close (half a monthly cycle) are one instalment: reports age day by day and a cure
     * repeats the episode's start, so one missed instalment must not count twice.
     */
    private static final int SAME_INSTALMENT_DAYS = 15;

    public RiskInputs {
        negativeBureauRecords = List.copyOf(negativeBureauRecords);
        dataQuality = List.copyOf(dataQuality);
        inputs = List.copyOf(inputs);
    }

    public boolean usable(String input) {
        return dataQuality.stream().noneMatch(issue -> issue.input().equals(input));
    }

    /** The business date of an instant in the policy's time zone: due dates and ages are counted in it. */
    public static LocalDate businessDate(Instant instant, Policy policy) {
        return LocalDate.ofInstant(instant, policy.zone());
    }

    /**
     * The inputs on {@code today} as the decider's rules of that version measure them: from rules v3 an instalment
     * known to be late only from a servicing delinquency report counts in the repayment record too.
     */
    /**
     * True when {@link #measure} must answer the same for both on the same day under the same policy and rules: it reads
     * a line's limit, drawn amount, opening date and history and nothing else of its facts (not its recent scores, nor
     * its last increase or write-off), so facts holding the very same values of those (the same objects: a state's
     * fields are carried over unchanged by an event that does not touch them) measure alike. A change to what
     * {@code measure} reads must change this too ({@code RiskInputsMeasuresAlikeTest}).
     */
    public static boolean measuresAlike(CreditFacts a, CreditFacts b) {
        return a.limit() == b.limit() && a.drawn() == b.drawn() && a.openedOn() == b.openedOn() && a.history() == b.history();
    }

    public static RiskInputs measure(CreditFacts line, Policy policy, LocalDate today, int rulesVersion) {
        Scorecard card = policy.scorecard();
        // from rules v4 the newest business date of each kind is the current one, whatever order facts arrived in
        CreditHistory history = line.history().readUnder(rulesVersion);
        ZoneId zone = policy.zone();
        List<DataQualityIssue> issues = new ArrayList<>();
        List<InputUsed> inputs = new ArrayList<>();
        LocalDate lookbackStart = today.minusMonths(card.lookbackMonths());

        // -- repayment record (按期还款记录) and days past due
        // Plain loops, one pass per list: re-verification measures every re-assessed batch of the store, and the
        // stream pipelines here were a sixth of a verification lane's time.
        TreeSet<LocalDate> dueDates = new TreeSet<>();
        for (CreditHistory.Repayment repayment : history.repayments()) {
            if (inWindow(repayment.dueDate(), lookbackStart, today)) {
                dueDates.add(repayment.dueDate());
            }
        }
        for (CreditHistory.MissedPayment missed : history.missedPayments()) {
            if (inWindow(missed.dueDate(), lookbackStart, today)) {
                dueDates.add(missed.dueDate());
            }
        }
        int currentDpd = history.daysPastDueOn(today);
        // A report that the line is N days past due on a date means an instalment fell due N days before it and was
        // not paid: if no instalment recorded as late explains it, it is a late instalment of its own, or servicing
        // lateness would cost severity points (R02) but never frequency points (R01).
        if (DeciderRules.reportedLatenessCountsAsLate(rulesVersion)) {
            dueDates.addAll(instalmentsLateOnlyByReport(history, card.onTimeGraceDays(), lookbackStart, today));
        }
        BigDecimal onTimeRatio = null;
        Integer worstDpd = null;
        if (dueDates.isEmpty()) {
            issues.add(new DataQualityIssue(REPAYMENT_HISTORY, DataProblem.MISSING, null,
                    "no instalment due in the last " + card.lookbackMonths() + " months"));
            inputs.add(new InputUsed(REPAYMENT_HISTORY, "0 instalments", null, null, DataProblem.MISSING.name()));
        } else {
            onTimeRatio = onTimeRatio(history, dueDates, card.onTimeGraceDays());
            int worstObserved = 0;
            for (CreditHistory.DpdObservation observation : history.dpdObservations()) {
                // the date is checked only for an observation that would raise the worst seen (the same maximum): a
                // line's observations are mostly on-time repayments (0 days) and need no date comparison
                if (observation.daysPastDue() > worstObserved && inWindow(observation.on(), lookbackStart, today)) {
                    worstObserved = observation.daysPastDue();
                }
            }
            worstDpd = Math.max(currentDpd, worstObserved);
            inputs.add(new InputUsed(REPAYMENT_HISTORY, dueDates.size() + " instalments, on time " + onTimeRatio
                    + "%, worst DPD " + worstDpd + ", current DPD " + currentDpd, dueDates.last(),
                    days(dueDates.last(), today), "OK"));
        }

        // -- utilization
        BigDecimal utilization = line.limit().signum() == 0 ? HUNDRED.setScale(2)
                : line.drawn().multiply(HUNDRED).divide(line.limit(), 2, RoundingMode.HALF_EVEN);
        inputs.add(new InputUsed("UTILIZATION", line.drawn() + " / " + line.limit(), today, 0L, "OK"));

        // -- income stability (收入稳定性)
        IncomeMeasures income = incomeMeasures(history.incomes(), card, policy.dataQuality(), today, issues, inputs);

        // -- asset changes (资产变化)
        boolean datedChanges = DeciderRules.newestBusinessDateWins(rulesVersion);
        int assetChanges = 0;
        BigDecimal netAssets = BigDecimal.ZERO;
        LocalDate lastAsset = null;
        for (CreditHistory.AssetRecord asset : history.assets()) {
            LocalDate changedOn = datedChanges && asset.changedOn() != null ? asset.changedOn()
                    : LocalDate.ofInstant(asset.reportedAt(), zone);
            if (!inWindow(changedOn, lookbackStart, today)) {
                continue;
            }
            assetChanges++;
            netAssets = netAssets.add(asset.direction() == AssetDirection.ACQUIRED ? asset.estimatedValue()
                    : asset.estimatedValue().negate());
            lastAsset = lastAsset == null || changedOn.isAfter(lastAsset) ? changedOn : lastAsset;
        }
        netAssets = netAssets.setScale(2, RoundingMode.HALF_EVEN);
        inputs.add(new InputUsed("ASSET_CHANGES", assetChanges + " changes, net " + netAssets, lastAsset,
                lastAsset == null ? null : days(lastAsset, today), "OK"));

        // -- months on book
        int monthsOnBook = line.openedOn() == null || line.openedOn().isAfter(today) ? 0
                : (int) line.openedOn().until(today, ChronoUnit.MONTHS);
        inputs.add(new InputUsed("MONTHS_ON_BOOK", "opened " + line.openedOn() + ", " + monthsOnBook + " months",
                line.openedOn(), line.openedOn() == null ? null : days(line.openedOn(), today), "OK"));

        // -- bureau report (征信)
        BureauRecord bureau = history.bureau();
        Integer bureauScore = bureauScore(bureau, policy.dataQuality(), zone, today, issues, inputs);
        List<String> negatives = bureau == null ? List.of() : bureau.negativeRecords();

        return new RiskInputs(today, onTimeRatio, worstDpd, currentDpd, utilization, income.cv(), income.trend(),
                income.drop(), income.affordability(), netAssets, monthsOnBook, bureauScore, negatives, issues, inputs);
    }

    private record IncomeMeasures(BigDecimal cv, BigDecimal trend, BigDecimal drop, BigDecimal affordability) {
    }

    private static IncomeMeasures incomeMeasures(List<IncomeRecord> records, Scorecard card, DataQualityLimits limits,
                                                 LocalDate today, List<DataQualityIssue> issues, List<InputUsed> inputs) {
        IncomeMeasures none = new IncomeMeasures(null, null, null, null);
        if (records.isEmpty()) {
            issues.add(new DataQualityIssue(INCOME, DataProblem.MISSING, null, "no verified income"));
            inputs.add(new InputUsed(INCOME, "no verification", null, null, DataProblem.MISSING.name()));
            return none;
        }
        // the latest verification of each month counts for that month
        TreeMap<YearMonth, List<IncomeRecord>> byPeriod = new TreeMap<>();
        for (IncomeRecord record : records) {
            byPeriod.computeIfAbsent(record.period(), period -> new ArrayList<>(2)).add(record);
        }
        YearMonth newestPeriod = byPeriod.lastKey();
        LocalDate newestEnd = newestPeriod.atEndOfMonth();
        long age = Math.max(0, days(newestEnd, today));
        String reference = byPeriod.size() + " months verified, newest " + newestPeriod;
        if (age > limits.maxIncomeAgeDays()) {
            issues.add(new DataQualityIssue(INCOME, DataProblem.STALE, age,
                    "newest verified month " + newestPeriod + " ended " + age + " days ago (limit " + limits.maxIncomeAgeDays() + ")"));
            inputs.add(new InputUsed(INCOME, reference, newestEnd, age, DataProblem.STALE.name()));
            return none;
        }
        // stability is measured over the newest months verified; how recent those are is the staleness check's job
        YearMonth windowStart = newestPeriod.minusMonths(card.incomeWindowMonths() - 1L);
        TreeMap<YearMonth, BigDecimal> window = new TreeMap<>();
        for (Map.Entry<YearMonth, List<IncomeRecord>> entry : byPeriod.entrySet()) {
            if (entry.getKey().isBefore(windowStart)) {
                continue;
            }
            List<IncomeRecord> sameMonth = entry.getValue();
            BigDecimal low = sameMonth.getFirst().monthlyIncome();
            BigDecimal high = low;
            IncomeRecord latest = sameMonth.getFirst();
            for (IncomeRecord record : sameMonth) {
                // the first of equal values stays, as Stream.min/max and max(comparing(verifiedAt)) keep it
                low = record.monthlyIncome().compareTo(low) < 0 ? record.monthlyIncome() : low;
                high = record.monthlyIncome().compareTo(high) > 0 ? record.monthlyIncome() : high;
                latest = record.verifiedAt().compareTo(latest.verifiedAt()) > 0 ? record : latest;
            }
            BigDecimal spreadPct = high.subtract(low).multiply(HUNDRED).divide(low, 2, RoundingMode.HALF_EVEN);
            if (spreadPct.compareTo(limits.incomeContradictionPct()) > 0) {
                issues.add(new DataQualityIssue(INCOME, DataProblem.CONTRADICTORY, null,
                        "verifications of " + entry.getKey() + " differ by " + spreadPct + "% (" + low + " vs " + high + ")"));
                inputs.add(new InputUsed(INCOME, reference, newestEnd, age, DataProblem.CONTRADICTORY.name()));
                return none;
            }
            window.put(entry.getKey(), latest.monthlyIncome());
        }
        if (window.size() < card.minIncomePeriods()) {
            issues.add(new DataQualityIssue(INCOME, DataProblem.MISSING, null, "only " + window.size()
                    + " verified months since " + windowStart + " (need " + card.minIncomePeriods() + ")"));
            inputs.add(new InputUsed(INCOME, reference, newestEnd, age, DataProblem.MISSING.name()));
            return none;
        }
        inputs.add(new InputUsed(INCOME, reference + " " + window.lastEntry().getValue(), newestEnd, age, "OK"));
        List<BigDecimal> amounts = List.copyOf(window.values());
        BigDecimal mean = mean(amounts);
        BigDecimal newest = window.lastEntry().getValue();
        BigDecimal oldest = window.firstEntry().getValue();
        BigDecimal cv = stdDev(amounts, mean).multiply(HUNDRED).divide(mean, 2, RoundingMode.HALF_EVEN);
        BigDecimal trend = newest.subtract(oldest).multiply(HUNDRED).divide(oldest, 2, RoundingMode.HALF_EVEN);
        BigDecimal earlierMean = mean(amounts.subList(0, amounts.size() - 1));
        BigDecimal drop = earlierMean.subtract(newest).multiply(HUNDRED).divide(earlierMean, 2, RoundingMode.HALF_EVEN)
                .max(BigDecimal.ZERO.setScale(2));
        // affordability is judged on the lower of the newest month and the average: a raise is not yet a habit
        BigDecimal affordability = newest.min(mean).setScale(2, RoundingMode.HALF_EVEN);
        return new IncomeMeasures(cv, trend, drop, affordability);
    }

    private static Integer bureauScore(BureauRecord bureau, DataQualityLimits limits, ZoneId zone, LocalDate today,
                                       List<DataQualityIssue> issues, List<InputUsed> inputs) {
        if (bureau == null) {
            issues.add(new DataQualityIssue(BUREAU_REPORT, DataProblem.MISSING, null, "no bureau report"));
            inputs.add(new InputUsed(BUREAU_REPORT, "no report", null, null, DataProblem.MISSING.name()));
            return null;
        }
        LocalDate pulledOn = LocalDate.ofInstant(bureau.pulledAt(), zone);
        long age = Math.max(0, days(pulledOn, today));
        String reference = bureau.bureau() + " " + bureau.reportId() + " score " + bureau.score() + ", "
                + bureau.negativeRecords().size() + " negative records";
        if (bureau.score() < limits.bureauScoreMin() || bureau.score() > limits.bureauScoreMax()) {
            issues.add(new DataQualityIssue(BUREAU_REPORT, DataProblem.CONTRADICTORY, null, "score " + bureau.score()
                    + " outside the valid range " + limits.bureauScoreMin() + ".." + limits.bureauScoreMax()));
            inputs.add(new InputUsed(BUREAU_REPORT, reference, pulledOn, age, DataProblem.CONTRADICTORY.name()));
            return null;
        }
        if (age > limits.maxBureauAgeDays()) {
            issues.add(new DataQualityIssue(BUREAU_REPORT, DataProblem.STALE, age, "report pulled " + age
                    + " days ago (limit " + limits.maxBureauAgeDays() + ")"));
            inputs.add(new InputUsed(BUREAU_REPORT, reference, pulledOn, age, DataProblem.STALE.name()));
            return null;
        }
        inputs.add(new InputUsed(BUREAU_REPORT, reference, pulledOn, age, "OK"));
        return bureau.score();
    }

    /** Share of the instalments due in the window that were paid within the grace days and never reported missed. */
    /**
     * Instalments an observation of days past due implies and no instalment recorded as late (missed, or repaid after
     * the grace days) within half a month explains. An instalment recorded as paid on time does not explain a report
     * of lateness: the report is then about another instalment, or contradicts the record, and either way it was late.
     */
    private static java.util.Set<LocalDate> instalmentsLateOnlyByReport(CreditHistory history, int graceDays,
                                                                      LocalDate lookbackStart, LocalDate today) {
        // the instalments recorded as late, gathered only when an observation needs them: a line never reported
        // past due (most lines) has none, and its repayments need not be walked
        List<LocalDate> recorded = null;
        TreeSet<LocalDate> implied = new TreeSet<>();
        for (CreditHistory.DpdObservation observation : history.dpdObservations()) {
            if (observation.daysPastDue() <= 0) {
                continue;
            }
            LocalDate due = observation.on().minusDays(observation.daysPastDue());
            if (!inWindow(due, lookbackStart, today)) {
                continue;
            }
            if (recorded == null) {
                recorded = recordedLate(history, graceDays);
            }
            if (!withinAnInstalment(recorded, due) && !withinAnInstalment(implied, due)) {
                implied.add(due);
            }
        }
        return implied;
    }

    /** The due dates of the instalments recorded as missed or as repaid after the grace days. */
    private static List<LocalDate> recordedLate(CreditHistory history, int graceDays) {
        List<LocalDate> recorded = new ArrayList<>();
        for (CreditHistory.MissedPayment missed : history.missedPayments()) {
            recorded.add(missed.dueDate());
        }
        for (CreditHistory.Repayment repayment : history.repayments()) {
            if (repayment.daysLate() > graceDays) {
                recorded.add(repayment.dueDate());
            }
        }
        return recorded;
    }

    /** Whether one of the dates is within {@value #SAME_INSTALMENT_DAYS} days of {@code date}, either side. */
    private static boolean withinAnInstalment(Iterable<LocalDate> dates, LocalDate date) {
        long day = date.toEpochDay();
        for (LocalDate other : dates) {
            if (Math.abs(day - other.toEpochDay()) <= SAME_INSTALMENT_DAYS) {
                return true;
            }
        }
        return false;
    }

    private static BigDecimal onTimeRatio(CreditHistory history, TreeSet<LocalDate> dueDates, int graceDays) {
        java.util.Set<LocalDate> missed = new java.util.HashSet<>();
        for (CreditHistory.MissedPayment payment : history.missedPayments()) {
            missed.add(payment.dueDate());
        }
        java.util.Set<LocalDate> paidOnTime = new java.util.HashSet<>();
        for (CreditHistory.Repayment repayment : history.repayments()) {
            if (repayment.daysLate() <= graceDays) {
                paidOnTime.add(repayment.dueDate());
            }
        }
        long onTime = 0;
        for (LocalDate due : dueDates) {
            if (paidOnTime.contains(due) && !missed.contains(due)) {
                onTime++;
            }
        }
        return BigDecimal.valueOf(onTime).multiply(HUNDRED).divide(BigDecimal.valueOf(dueDates.size()), 2, RoundingMode.HALF_EVEN);
    }

    private static boolean inWindow(LocalDate date, LocalDate start, LocalDate end) {
        return !date.isBefore(start) && !date.isAfter(end);
    }

    private static long days(LocalDate from, LocalDate to) {
        return from.until(to, ChronoUnit.DAYS);
    }

    private static BigDecimal mean(List<BigDecimal> values) {
        return sum(values).divide(BigDecimal.valueOf(values.size()), MC);
    }

    private static BigDecimal sum(List<BigDecimal> values) {
        BigDecimal sum = BigDecimal.ZERO;
        for (BigDecimal value : values) {
            sum = sum.add(value);
        }
        return sum;
    }

    /** Population standard deviation: the months we have are the whole of what we measure. */
    private static BigDecimal stdDev(List<BigDecimal> values, BigDecimal mean) {
        BigDecimal squares = BigDecimal.ZERO;
        for (BigDecimal value : values) {
            squares = squares.add(value.subtract(mean).pow(2));
        }
        return squares.divide(BigDecimal.valueOf(values.size()), MC).sqrt(MC);
    }
}
