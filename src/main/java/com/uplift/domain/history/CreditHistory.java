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
 * keeps replaying a long stream linear instead of quadratic (each append copies a bounded list).
 */
public record CreditHistory(List<Repayment> repayments,
                            List<MissedPayment> missedPayments,
                            DelinquencyReport delinquency,
                            List<DpdObservation> dpdObservations,
                            List<IncomeRecord> incomes,
                            List<AssetRecord> assets,
                            BureauRecord bureau,
                            List<NoteSignal> noteSignals) {

    /** Longer than any window in the policy; a constant of the decider's rules ({@link DeciderRules}). */
    public static final int HORIZON_MONTHS = DeciderRules.HISTORY_HORIZON_MONTHS;

    public static final CreditHistory EMPTY = new CreditHistory(List.of(), List.of(), null, List.of(), List.of(),
            List.of(), null, List.of());

    public CreditHistory {
        repayments = List.copyOf(repayments);
        missedPayments = List.copyOf(missedPayments);
        dpdObservations = List.copyOf(dpdObservations);
        incomes = List.copyOf(incomes);
        assets = List.copyOf(assets);
        noteSignals = List.copyOf(noteSignals);
    }

    public record Repayment(LocalDate dueDate, LocalDate paidOn, BigDecimal amount, int daysLate) {
    }

    /** A missed instalment; {@code outstanding} falls as repayments are applied to the oldest arrears first. */
    public record MissedPayment(LocalDate dueDate, BigDecimal amountDue, BigDecimal outstanding) {
    }

    /** The servicing system's latest days-past-due figure. */
    public record DelinquencyReport(int daysPastDue, LocalDate asOf) {
    }

    /** How late the line was on a date: kept to find the worst DPD over the lookback window. */
    public record DpdObservation(LocalDate on, int daysPastDue) {
    }

    public record IncomeRecord(YearMonth period, BigDecimal monthlyIncome, IncomeSource source, Instant verifiedAt) {
    }

    public record AssetRecord(Instant reportedAt, AssetKind kind, AssetDirection direction, BigDecimal estimatedValue) {
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
        long fromArrears = missedPayments.stream().filter(m -> m.outstanding().signum() > 0)
                .map(MissedPayment::dueDate).min(Comparator.naturalOrder())
                .map(due -> Math.max(0, due.until(date, ChronoUnit.DAYS))).orElse(0L);
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
                observations, incomes, assets, bureau, noteSignals);
    }

    public CreditHistory withMissedPayment(MissedPayment missed, Instant at) {
        // unpaid arrears are never pruned, however old: they still make the line past due
        LocalDate horizon = utcDate(at).minusMonths(HORIZON_MONTHS);
        List<MissedPayment> kept = new ArrayList<>(missedPayments.stream()
                .filter(m -> m.outstanding().signum() > 0 || !m.dueDate().isBefore(horizon)).toList());
        kept.add(missed);
        return new CreditHistory(repayments, kept, delinquency, dpdObservations, incomes, assets, bureau, noteSignals);
    }

    public CreditHistory withDelinquencyReport(DelinquencyReport report, Instant at) {
        return new CreditHistory(repayments, missedPayments, report,
                append(dpdObservations, new DpdObservation(report.asOf(), report.daysPastDue()), DpdObservation::on, at),
                incomes, assets, bureau, noteSignals);
    }

    /** Cured: the delinquency report is reset and recorded arrears are written off as settled. */
    public CreditHistory cured(LocalDate on, int daysPastDueBefore, Instant at) {
        List<MissedPayment> settled = missedPayments.stream()
                .map(m -> new MissedPayment(m.dueDate(), m.amountDue(), BigDecimal.ZERO.setScale(2))).toList();
        return new CreditHistory(repayments, settled, new DelinquencyReport(0, on),
                append(dpdObservations, new DpdObservation(on, daysPastDueBefore), DpdObservation::on, at),
                incomes, assets, bureau, noteSignals);
    }

    public CreditHistory withIncome(IncomeRecord income, Instant at) {
        return new CreditHistory(repayments, missedPayments, delinquency, dpdObservations,
                append(incomes, income, i -> i.period().atEndOfMonth(), at), assets, bureau, noteSignals);
    }

    public CreditHistory withAsset(AssetRecord asset, Instant at) {
        return new CreditHistory(repayments, missedPayments, delinquency, dpdObservations, incomes,
                append(assets, asset, a -> utcDate(a.reportedAt()), at), bureau, noteSignals);
    }

    /** The report pulled last counts, not the one that arrived last: a delayed older report never hides a newer one. */
    public CreditHistory withBureau(BureauRecord report) {
        BureauRecord latest = bureau != null && bureau.pulledAt().isAfter(report.pulledAt()) ? bureau : report;
        return new CreditHistory(repayments, missedPayments, delinquency, dpdObservations, incomes, assets, latest,
                noteSignals);
    }

    public CreditHistory withNoteSignals(List<NoteSignal> signals, Instant at) {
        List<NoteSignal> all = new ArrayList<>(prune(noteSignals, n -> utcDate(n.recordedAt()), at));
        all.addAll(signals);
        return new CreditHistory(repayments, missedPayments, delinquency, dpdObservations, incomes, assets, bureau, all);
    }

    /** The history without the note signals of that code: an officer found what those notes said untrue or over. */
    public CreditHistory withoutNoteSignal(String code) {
        return new CreditHistory(repayments, missedPayments, delinquency, dpdObservations, incomes, assets, bureau,
                noteSignals.stream().filter(n -> !n.code().equals(code)).toList());
    }

    private static <T> List<T> append(List<T> list, T item, Function<T, LocalDate> dateOf, Instant at) {
        List<T> kept = new ArrayList<>(prune(list, dateOf, at));
        kept.add(item);
        return kept;
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
