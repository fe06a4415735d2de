package com.uplift.readmodel;

import com.uplift.domain.DeciderRules;
import com.uplift.domain.history.CreditHistory;
import com.uplift.domain.history.CreditHistory.DelinquencyReport;
import com.uplift.domain.history.CreditHistory.MissedPayment;
import com.uplift.domain.creditline.CreditLineDecider;
import com.uplift.domain.creditline.CreditLineEvent;
import com.uplift.domain.creditline.CreditLineState;
import com.uplift.eventstore.CanonicalJson;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

/**
 * What makes a line past due, in the domain's own values: the missed instalments still unpaid and servicing's latest
 * days-past-due report. It is folded by the domain's {@link CreditLineDecider#evolve} and counted by
 * {@link CreditHistory#daysPastDueOn}, so how repayments settle arrears (oldest first) and how days past due are
 * counted is written once, in the domain, and the list view cannot drift from what the decider sees.
 *
 * @param unpaid missed instalments with something outstanding (settled ones change no count and are not kept)
 * @param report servicing's newest report by date (a report dated before it changes nothing here); null when there
 *               has been none
 */
record PastDue(List<MissedPayment> unpaid, DelinquencyReport report) {

    static final PastDue NONE = new PastDue(List.of(), null);

    PastDue {
        unpaid = List.copyOf(unpaid);
    }

    /** After one more event that changes it ({@link LineChange.PastDueMoved}), as the domain folds it. */
    PastDue after(CreditLineEvent event) {
        // read as this build's rules read it: servicing's newest report by date, not the one that arrived last
        CreditHistory next = CreditLineDecider.evolve(asState(), event).history().readUnder(DeciderRules.CURRENT);
        return new PastDue(next.missedPayments().stream().filter(m -> m.outstanding().signum() > 0).toList(),
                next.delinquency());
    }

    /** Days past due on a date, counted by the domain. */
    int daysPastDueOn(LocalDate date) {
        return history().daysPastDueOn(date);
    }

    /**
     * The day servicing's report started counting (its date less its days past due); null when it reports none.
     * With {@link #arrearsSince()} it lets SQL age days past due as {@code today - least(reportedSince, arrearsSince)},
     * which is what {@link #daysPastDueOn} gives on any day from the last event on.
     */
    LocalDate reportedSince() {
        return report == null || report.daysPastDue() == 0 ? null : report.asOf().minusDays(report.daysPastDue());
    }

    /** The due date of the oldest unpaid instalment; null when nothing is unpaid. */
    LocalDate arrearsSince() {
        return unpaid.stream().map(MissedPayment::dueDate).min(Comparator.naturalOrder()).orElse(null);
    }

    String toJson() {
        return CanonicalJson.write(this);
    }

    static PastDue fromJson(String json) {
        return json == null ? NONE : CanonicalJson.fromTree(CanonicalJson.parse(json), PastDue.class);
    }

    private CreditHistory history() {
        CreditHistory empty = CreditHistory.EMPTY;
        return new CreditHistory(empty.repayments(), unpaid, report,
                report == null ? List.of() : List.of(report), empty.dpdObservations(), empty.reportCureObservations(),
                empty.incomes(),
                empty.assets(), empty.bureau(), empty.noteSignals());
    }

    /** A state holding only this history: all that evolve reads for the events that change it. */
    private CreditLineState asState() {
        CreditLineState initial = CreditLineDecider.initialState();
        return new CreditLineState(true, initial.creditLineId(), initial.borrowerId(), initial.productCode(),
                initial.currency(), initial.segment(), initial.limit(), initial.drawn(), initial.openedOn(), history(),
                initial.risk(), initial.warnings(), initial.increases());
    }
}
