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
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static com.uplift.domain.risk.RiskInputs.BUREAU_REPORT;
import static com.uplift.domain.risk.RiskInputs.INCOME;
import static com.uplift.domain.risk.RiskInputs.REPAYMENT_HISTORY;

/**
 * {@link RiskInputs#measure} as it was written with stream pipelines (commit 6ef9a68), kept verbatim as the reference
 * the plain loops that replaced it are checked against ({@code RiskInputsLoopsPropertiesTest}): the loops must measure
 * exactly what this measures, scale of every amount and text of every input included.
 */
final class StreamedRiskInputs {

    private static final MathContext MC = MathContext.DECIMAL64;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final int SAME_INSTALMENT_DAYS = 15;

    private StreamedRiskInputs() {
    }

    /** {@link CreditHistory#daysPastDueOn} as it was written with a stream. */
    static int daysPastDueOn(CreditHistory history, LocalDate date) {
        CreditHistory.DelinquencyReport delinquency = history.delinquency();
        long fromReport = delinquency == null || delinquency.daysPastDue() == 0 ? 0
                : delinquency.daysPastDue() + Math.max(0, delinquency.asOf().until(date, ChronoUnit.DAYS));
        long fromArrears = history.missedPayments().stream().filter(m -> m.outstanding().signum() > 0)
                .map(CreditHistory.MissedPayment::dueDate).min(Comparator.naturalOrder())
                .map(due -> Math.max(0, due.until(date, ChronoUnit.DAYS))).orElse(0L);
        return (int) Math.max(fromReport, fromArrears);
    }

    static RiskInputs measure(CreditFacts line, Policy policy, LocalDate today, int rulesVersion) {
        Scorecard card = policy.scorecard();
        // from rules v4 the newest business date of each kind is the current one, whatever order facts arrived in
        CreditHistory history = line.history().readUnder(rulesVersion);
        ZoneId zone = policy.zone();
        List<DataQualityIssue> issues = new ArrayList<>();
        List<InputUsed> inputs = new ArrayList<>();
        LocalDate lookbackStart = today.minusMonths(card.lookbackMonths());

        // -- repayment record (按期还款记录) and days past due
        TreeSet<LocalDate> dueDates = new TreeSet<>();
        history.repayments().stream().map(CreditHistory.Repayment::dueDate).filter(d -> inWindow(d, lookbackStart, today)).forEach(dueDates::add);
        history.missedPayments().stream().map(CreditHistory.MissedPayment::dueDate).filter(d -> inWindow(d, lookbackStart, today)).forEach(dueDates::add);
        int currentDpd = daysPastDueOn(history, today);
        // A report that the line is N days past due on a date means an instalment fell due N days before it and was
        // not paid: if no instalment recorded as late explains it, it is a late instalment of its own, or servicing
        // lateness would cost severity points (R02) but never frequency points (R01).
        java.util.Set<LocalDate> reportedLate = DeciderRules.reportedLatenessCountsAsLate(rulesVersion)
                ? instalmentsLateOnlyByReport(history, card.onTimeGraceDays(), lookbackStart, today) : java.util.Set.of();
        dueDates.addAll(reportedLate);
        BigDecimal onTimeRatio = null;
        Integer worstDpd = null;
        if (dueDates.isEmpty()) {
            issues.add(new DataQualityIssue(REPAYMENT_HISTORY, DataProblem.MISSING, null,
                    "no instalment due in the last " + card.lookbackMonths() + " months"));
            inputs.add(new InputUsed(REPAYMENT_HISTORY, "0 instalments", null, null, DataProblem.MISSING.name()));
        } else {
            onTimeRatio = onTimeRatio(history, dueDates, card.onTimeGraceDays());
            worstDpd = Math.max(currentDpd, history.dpdObservations().stream()
                    .filter(o -> inWindow(o.on(), lookbackStart, today)).mapToInt(CreditHistory.DpdObservation::daysPastDue)
                    .max().orElse(0));
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
        java.util.function.Function<CreditHistory.AssetRecord, LocalDate> changedOn = a ->
                datedChanges && a.changedOn() != null ? a.changedOn() : LocalDate.ofInstant(a.reportedAt(), zone);
        List<CreditHistory.AssetRecord> assets = history.assets().stream()
                .filter(a -> inWindow(changedOn.apply(a), lookbackStart, today)).toList();
        BigDecimal netAssets = assets.stream()
                .map(a -> a.direction() == AssetDirection.ACQUIRED ? a.estimatedValue() : a.estimatedValue().negate())
                .reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2, RoundingMode.HALF_EVEN);
        LocalDate lastAsset = assets.stream().map(changedOn).max(Comparator.naturalOrder()).orElse(null);
        inputs.add(new InputUsed("ASSET_CHANGES", assets.size() + " changes, net " + netAssets, lastAsset,
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
        Map<YearMonth, List<IncomeRecord>> byPeriod = records.stream()
                .collect(Collectors.groupingBy(IncomeRecord::period, TreeMap::new, Collectors.toList()));
        YearMonth newestPeriod = ((TreeMap<YearMonth, List<IncomeRecord>>) byPeriod).lastKey();
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
            BigDecimal low = sameMonth.stream().map(IncomeRecord::monthlyIncome).min(Comparator.naturalOrder()).orElseThrow();
            BigDecimal high = sameMonth.stream().map(IncomeRecord::monthlyIncome).max(Comparator.naturalOrder()).orElseThrow();
            BigDecimal spreadPct = high.subtract(low).multiply(HUNDRED).divide(low, 2, RoundingMode.HALF_EVEN);
            if (spreadPct.compareTo(limits.incomeContradictionPct()) > 0) {
                issues.add(new DataQualityIssue(INCOME, DataProblem.CONTRADICTORY, null,
                        "verifications of " + entry.getKey() + " differ by " + spreadPct + "% (" + low + " vs " + high + ")"));
                inputs.add(new InputUsed(INCOME, reference, newestEnd, age, DataProblem.CONTRADICTORY.name()));
                return none;
            }
            IncomeRecord latest = sameMonth.stream().max(Comparator.comparing(IncomeRecord::verifiedAt)).orElseThrow();
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
        java.util.Set<LocalDate> recorded = new java.util.HashSet<>();
        history.missedPayments().forEach(m -> recorded.add(m.dueDate()));
        history.repayments().stream().filter(r -> r.daysLate() > graceDays).forEach(r -> recorded.add(r.dueDate()));
        TreeSet<LocalDate> implied = new TreeSet<>();
        history.dpdObservations().stream().filter(o -> o.daysPastDue() > 0)
                .map(o -> o.on().minusDays(o.daysPastDue()))
                .filter(d -> inWindow(d, lookbackStart, today))
                .filter(d -> recorded.stream().noneMatch(r -> Math.abs(days(r, d)) <= SAME_INSTALMENT_DAYS))
                .filter(d -> implied.stream().noneMatch(i -> Math.abs(days(i, d)) <= SAME_INSTALMENT_DAYS))
                .forEach(implied::add);
        return implied;
    }

    private static BigDecimal onTimeRatio(CreditHistory history, TreeSet<LocalDate> dueDates, int graceDays) {
        java.util.Set<LocalDate> missed = history.missedPayments().stream().map(CreditHistory.MissedPayment::dueDate)
                .collect(Collectors.toSet());
        java.util.Set<LocalDate> paidOnTime = history.repayments().stream().filter(r -> r.daysLate() <= graceDays)
                .map(CreditHistory.Repayment::dueDate).collect(Collectors.toSet());
        long onTime = dueDates.stream().filter(d -> paidOnTime.contains(d) && !missed.contains(d)).count();
        return BigDecimal.valueOf(onTime).multiply(HUNDRED).divide(BigDecimal.valueOf(dueDates.size()), 2, RoundingMode.HALF_EVEN);
    }

    private static boolean inWindow(LocalDate date, LocalDate start, LocalDate end) {
        return !date.isBefore(start) && !date.isAfter(end);
    }

    private static long days(LocalDate from, LocalDate to) {
        return from.until(to, ChronoUnit.DAYS);
    }

    private static BigDecimal mean(List<BigDecimal> values) {
        return values.stream().reduce(BigDecimal.ZERO, BigDecimal::add).divide(BigDecimal.valueOf(values.size()), MC);
    }

    /** Population standard deviation: the months we have are the whole of what we measure. */
    private static BigDecimal stdDev(List<BigDecimal> values, BigDecimal mean) {
        BigDecimal variance = values.stream().map(v -> v.subtract(mean).pow(2))
                .reduce(BigDecimal.ZERO, BigDecimal::add).divide(BigDecimal.valueOf(values.size()), MC);
        return variance.sqrt(MC);
    }
}
