package com.uplift.domain.creditline;

import com.uplift.domain.creditline.CreditLineCommand.RecordWriteOff;
import com.uplift.domain.creditline.CreditLineEvent.WriteOffRecorded;
import com.uplift.domain.policy.Policy;
import com.uplift.domain.risk.RiskInputs;

import java.time.LocalDate;
import java.util.Optional;

import static com.uplift.domain.creditline.CommandValues.money;
import static com.uplift.domain.creditline.CommandValues.positive;
import static com.uplift.domain.creditline.Decision.accept;
import static com.uplift.domain.creditline.Decision.reject;

/**
 * The write-off (charge-off) of a line, kept apart from the other servicing facts because it ends the line's lending:
 * once the lender has concluded a debt will not be repaid, lending more on that line would add to a loss already
 * recognised. So a written-off line refuses every drawdown ({@code LINE_WRITTEN_OFF}), and a write-off is an own-book
 * bad record for good (the increase knock-out and, from rules v4, the review re-check; policy {@code ownBookKnockout}).
 * Repayments are still recorded: what a written-off borrower pays is a recovery.
 */
final class WriteOffs {

    private WriteOffs() {
    }

    static Decision decide(RecordWriteOff c, CreditLineState state, Policy policy) {
        if (!positive(c.amount())) {
            return reject("INVALID_AMOUNT", "the amount written off must be positive");
        }
        if (c.writtenOffOn() == null) {
            return reject("INVALID_COMMAND", "writtenOffOn is required");
        }
        if (state.writeOff() != null) {
            return reject("ALREADY_WRITTEN_OFF", "the line was written off on " + state.writeOff().writtenOffOn());
        }
        LocalDate today = RiskInputs.businessDate(c.occurredAt(), policy);
        if (c.writtenOffOn().isAfter(today)) {
            return reject("FUTURE_DATE", "writtenOffOn " + c.writtenOffOn() + " is after today " + today);
        }
        if (state.openedOn() != null && c.writtenOffOn().isBefore(state.openedOn())) {
            return reject("INVALID_COMMAND", "writtenOffOn " + c.writtenOffOn() + " is before the line opened on "
                    + state.openedOn());
        }
        return accept(new WriteOffRecorded(money(c.amount()), c.writtenOffOn(), c.occurredAt()));
    }

    /** A written-off line lends no more: the refusal of a drawdown on it, if it is one. */
    static Optional<Decision> drawdownRefused(CreditLineState state) {
        return state.writeOff() == null ? Optional.empty() : Optional.of(reject("LINE_WRITTEN_OFF",
                "the line was written off on " + state.writeOff().writtenOffOn() + ": it lends no more"));
    }
}
