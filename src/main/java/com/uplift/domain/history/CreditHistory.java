package com.uplift.domain.history;

import com.uplift.domain.DeciderRules;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * The behaviour a credit line has shown: what the risk assessment reads. Immutable; each append returns a new history.
 * <p>
 * Entries older than {@link #HORIZON_MONTHS} are dropped as events are folded: no rule looks that far back, and it
 * keeps replaying a long stream linear instead of quadratic. Appending does not copy the entries kept
 * ({@link AppendedList}): a command on a line with many recent facts costs what one on a new line does.
 */
public record CreditHistory(List<Repayment> repayments,
                            List<MissedPayment> missedPayments,
                            DelinquencyReport delinquency,
                            List<DelinquencyReport> delinquencyReports,
                            List<DpdObservation> dpdObservations,
                            List<DpdObservation> reportCureObservations,
                            List<IncomeRecord> incomes,
                            List<AssetRecord> assets,
                            BureauRecord bureau,
                            List<NoteSignal> noteSignals) {

    /** Longer than any window in the policy; a constant of the decider's rules ({@link DeciderRules}). */
    public static final int HORIZON_MONTHS = DeciderRules.HISTORY_HORIZON_MONTHS;

    public static final CreditHistory EMPTY = new CreditHistory(List.of(), List.of(), null, List.of(), List.of(),
            List.of(), List.of(), List.of(), null, List.of());

    /**
     * Reports in business-date order. Nothing orders two reports of one date but their arrival: the later is that
     * day's correction, so a stable sort keeps it after the earlier and it counts.
     */
    private static final Comparator<DelinquencyReport> BY_BUSINESS_DATE = Comparator.comparing(DelinquencyReport::asOf);

    private static final Comparator<DpdObservation> OBSERVATIONS_BY_DATE = Comparator
            .comparing(DpdObservation::on).thenComparingInt(DpdObservation::daysPastDue);

    public CreditHistory {
        // a list this history appended to is immutable already: copying it would cost a copy per folded event
        repayments = AppendedList.immutable(repayments);
        missedPayments = AppendedList.immutable(missedPayments);
        delinquencyReports = AppendedList.immutable(delinquencyReports);
        dpdObservations = AppendedList.immutable(dpdObservations);
        reportCureObservations = AppendedList.immutable(reportCureObservations);
        incomes = AppendedList.immutable(incomes);
        assets = AppendedList.immutable(assets);
        noteSignals = AppendedList.immutable(noteSignals);
    }

    public record Repayment(LocalDate dueDate, LocalDate paidOn, BigDecimal amount, int daysLate) {
    }

    /** A missed instalment; {@code outstanding} falls as repayments are applied to the oldest arrears first. */
    public record MissedPayment(LocalDate dueDate, BigDecimal amountDue, BigDecimal outstanding) {
    }

    /**
     * A servicing days-past-due figure as of a business date. {@link #delinquency()} is the one that arrived last (what
     * rules v1-v3 read as current); {@link #delinquencyReports()} keeps every report and cure by business date, so
     * rules v4 read the newest ({@link #readUnder(int)}).
     */
    public record DelinquencyReport(int daysPastDue, LocalDate asOf) {
    }

    /** How late the line was on a date: kept to find the worst DPD over the lookback window. */
    public record DpdObservation(LocalDate on, int daysPastDue) {
    }

    public record IncomeRecord(YearMonth period, BigDecimal monthlyIncome, IncomeSource source, Instant verifiedAt) {
    }

    /** @param changedOn the business date of the change (recorded from rules v4); null when it was not recorded */
    public record AssetRecord(Instant reportedAt, AssetKind kind, AssetDirection direction, BigDecimal estimatedValue,
                              LocalDate changedOn) {
    }

    public record BureauRecord(String bureau, String reportId, int score, List<String> negativeRecords,
                               Instant pulledAt, Instant receivedAt) {
        public BureauRecord {
            negativeRecords = List.copyOf(negativeRecords);
        }
    }

    public record NoteSignal(Instant recordedAt, String code) {
    }

    public BigDecimal arrears() {
        return missedPayments.stream().map(MissedPayment::outstanding).reduce(BigDecimal.ZERO, BigDecimal::add)
                .setScale(2, RoundingMode.HALF_EVEN);
    }

    /** Days past due on a date: the servicing report aged to that date, or the oldest unpaid instalment, whichever is later. */
    public int daysPastDueOn(LocalDate date) {
        long fromReport = delinquency == null || delinquency.daysPastDue() == 0 ? 0
                : delinquency.daysPastDue() + Math.max(0, delinquency.asOf().until(date, ChronoUnit.DAYS));
        LocalDate oldestUnpaid = null; // a loop, not a stream: every risk measurement asks, re-verification for each batch
        for (MissedPayment m : missedPayments) {
            if (m.outstanding().signum() > 0 && (oldestUnpaid == null || m.dueDate().isBefore(oldestUnpaid))) {
                oldestUnpaid = m.dueDate();
            }
        }
        long fromArrears = oldestUnpaid == null ? 0L : Math.max(0, oldestUnpaid.until(date, ChronoUnit.DAYS));
        return (int) Math.max(fromReport, fromArrears);
    }

    // ---- appends (the credit line's evolve folds events with these) ----

    /** Applies a repayment: records it, pays the oldest arrears first, and notes how late it was. */
    public CreditHistory withRepayment(Repayment repayment, Instant at) {
        BigDecimal left = repayment.amount();
        List<MissedPayment> missed = new ArrayList<>();
        for (MissedPayment m : missedPayments.stream().sorted(Comparator.comparing(MissedPayment::dueDate)).toList()) {
            BigDecimal paid = left.min(m.outstanding());
            left = left.subtract(paid);
            missed.add(new MissedPayment(m.dueDate(), m.amountDue(), m.outstanding().subtract(paid)));
        }
        List<DpdObservation> observations = repayment.daysLate() > 0
                ? append(dpdObservations, new DpdObservation(repayment.paidOn(), repayment.daysLate()), DpdObservation::on, at)
                : prune(dpdObservations, DpdObservation::on, at);
        return new CreditHistory(append(repayments, repayment, Repayment::dueDate, at), missed, delinquency,
                delinquencyReports, observations, reportCureObservations, incomes, assets, bureau, noteSignals);
    }

    public CreditHistory withMissedPayment(MissedPayment missed, Instant at) {
        // unpaid arrears are never pruned, however old: they still make the line past due
        LocalDate horizon = utcDate(at).minusMonths(HORIZON_MONTHS);
        List<MissedPayment> kept = new ArrayList<>(missedPayments.stream()
                .filter(m -> m.outstanding().signum() > 0 || !m.dueDate().isBefore(horizon)).toList());
        kept.add(missed);
        return new CreditHistory(repayments, kept, delinquency, delinquencyReports, dpdObservations,
                reportCureObservations, incomes, assets, bureau, noteSignals);
    }

    public CreditHistory withDelinquencyReport(DelinquencyReport report, Instant at) {
        return new CreditHistory(repayments, missedPayments, report, byBusinessDate(report, at),
                append(dpdObservations, new DpdObservation(report.asOf(), report.daysPastDue()), DpdObservation::on, at),
                reportCureObservations, incomes, assets, bureau, noteSignals);
    }

    /**
     * Cured: the delinquency report is reset and recorded arrears are written off as settled. A cure by servicing's
     * report also notes its days-past-due observation apart: it counted the days past due from the reports known when
     * it arrived, which depends on their arrival order, so rules v4 count them from all the reports by date instead.
     */
    public CreditHistory cured(LocalDate on, int daysPastDueBefore, boolean byServicingReport, Instant at) {
        List<MissedPayment> settled = missedPayments.stream()
                .map(m -> new MissedPayment(m.dueDate(), m.amountDue(), BigDecimal.ZERO.setScale(2))).toList();
        DelinquencyReport current = new DelinquencyReport(0, on);
        // a cure by servicing's report repeats the report it follows from: one fact, kept once
        List<DelinquencyReport> reports = current.equals(newestReport()) ? delinquencyReports : byBusinessDate(current, at);
        DpdObservation observation = new DpdObservation(on, daysPastDueBefore);
        return new CreditHistory(repayments, settled, current, reports,
                append(dpdObservations, observation, DpdObservation::on, at),
                byServicingReport ? append(reportCureObservations, observation, DpdObservation::on, at)
                        : reportCureObservations,
                incomes, assets, bureau, noteSignals);
    }

    public CreditHistory withIncome(IncomeRecord income, Instant at) {
        return new CreditHistory(repayments, missedPayments, delinquency, delinquencyReports, dpdObservations,
                reportCureObservations, append(incomes, income, i -> i.period().atEndOfMonth(), at), assets, bureau, noteSignals);
    }

    public CreditHistory withAsset(AssetRecord asset, Instant at) {
        return new CreditHistory(repayments, missedPayments, delinquency, delinquencyReports, dpdObservations,
                reportCureObservations, incomes, append(assets, asset, a -> utcDate(a.reportedAt()), at), bureau, noteSignals);
    }

    /** The report pulled last counts, not the one that arrived last: a delayed older report never hides a newer one. */
    public CreditHistory withBureau(BureauRecord report) {
        BureauRecord latest = bureau != null && bureau.pulledAt().isAfter(report.pulledAt()) ? bureau : report;
        return new CreditHistory(repayments, missedPayments, delinquency, delinquencyReports, dpdObservations,
                reportCureObservations, incomes, assets, latest, noteSignals);
    }

    public CreditHistory withNoteSignals(List<NoteSignal> signals, Instant at) {
        List<NoteSignal> all = new ArrayList<>(prune(noteSignals, n -> utcDate(n.recordedAt()), at));
        all.addAll(signals);
        return new CreditHistory(repayments, missedPayments, delinquency, delinquencyReports, dpdObservations,
                reportCureObservations, incomes, assets, bureau, all);
    }

    // ---- reading under a rules version

    /**
     * This history as the rules of {@code rulesVersion} read it. From rules v4 the newest business date of its kind
     * wins: the current delinquency is the newest report or cure by date, not the one that arrived last, and days
     * past due are observed aging from each positive report to the next one by date (what a cure would have recorded
     * had the reports arrived in order), sorted by date, so any arrival order of the same reports reads the same.
     * v1-v3 read the history exactly as it was folded.
     */
    public CreditHistory readUnder(int rulesVersion) {
        if (!DeciderRules.newestBusinessDateWins(rulesVersion)) {
            return this;
        }
        DelinquencyReport newest = delinquencyReports.isEmpty() ? delinquency : newestReport();
        List<DpdObservation> folded = new ArrayList<>(dpdObservations);
        reportCureObservations.forEach(folded::remove); // one occurrence each: the reports below say it by date
        java.util.TreeSet<DpdObservation> observed = new java.util.TreeSet<>(OBSERVATIONS_BY_DATE);
        observed.addAll(folded);
        for (int i = 0; i + 1 < delinquencyReports.size(); i++) {
            DelinquencyReport report = delinquencyReports.get(i);
            LocalDate next = delinquencyReports.get(i + 1).asOf();
            if (report.daysPastDue() > 0 && next.isAfter(report.asOf())) {
                observed.add(new DpdObservation(next,
                        report.daysPastDue() + (int) report.asOf().until(next, ChronoUnit.DAYS)));
            }
        }
        return new CreditHistory(repayments, missedPayments, newest, delinquencyReports, List.copyOf(observed),
                List.of(), incomes, assets, bureau, noteSignals);
    }

    /** Whether a report is dated before the newest one of its kind (rules v4 record it as history only). */
    public boolean olderThanNewestReport(DelinquencyReport report) {
        return !delinquencyReports.isEmpty()
                && BY_BUSINESS_DATE.compare(report, delinquencyReports.get(delinquencyReports.size() - 1)) < 0;
    }

    /**
     * Every report in business-date order, pruned at the horizon like the rest, except the newest: however old, it
     * still says how late the line is.
     */
    private List<DelinquencyReport> byBusinessDate(DelinquencyReport report, Instant at) {
        LocalDate horizon = utcDate(at).minusMonths(HORIZON_MONTHS);
        List<DelinquencyReport> all = new ArrayList<>(delinquencyReports);
        all.add(report);
        all.sort(BY_BUSINESS_DATE);
        DelinquencyReport newest = all.get(all.size() - 1);
        return all.stream().filter(r -> r == newest || !r.asOf().isBefore(horizon)).toList();
    }

    private DelinquencyReport newestReport() {
        return delinquencyReports.isEmpty() ? null : delinquencyReports.get(delinquencyReports.size() - 1);
    }

    /** The history without the note signals of that code: an officer found what those notes said untrue or over. */
    public CreditHistory withoutNoteSignal(String code) {
        return new CreditHistory(repayments, missedPayments, delinquency, delinquencyReports, dpdObservations,
                reportCureObservations, incomes, assets, bureau, noteSignals.stream().filter(n -> !n.code().equals(code)).toList());
    }

    /** Appends without copying the entries kept ({@link AppendedList}), so folding an event costs the same on a long history. */
    private static <T> List<T> append(List<T> list, T item, Function<T, LocalDate> dateOf, Instant at) {
        return AppendedList.append(prune(list, dateOf, at), item);
    }

    private static <T> List<T> prune(List<T> list, Function<T, LocalDate> dateOf, Instant at) {
        LocalDate horizon = utcDate(at).minusMonths(HORIZON_MONTHS);
        if (list.isEmpty() || !dateOf.apply(list.get(0)).isBefore(horizon)) {
            return list; // the common case: nothing to drop, no copy
        }
        return list.stream().filter(item -> !dateOf.apply(item).isBefore(horizon)).toList();
    }

    /** Pruning only needs a rough date: the horizon is months longer than any window, so the zone does not matter. */
    private static LocalDate utcDate(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }
}
