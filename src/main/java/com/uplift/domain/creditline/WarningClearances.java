package com.uplift.domain.creditline;

import com.uplift.domain.creditline.CreditLineCommand.ClearWarning;
import com.uplift.domain.creditline.CreditLineEvent.WarningClearedByOfficer;
import com.uplift.domain.creditline.CreditLineState.ActiveWarning;
import com.uplift.domain.policy.Severity;
import com.uplift.domain.policy.WarningRule;
import com.uplift.domain.policy.WarningTrigger;

import java.util.List;
import java.util.Optional;

import static com.uplift.domain.creditline.CommandValues.blank;
import static com.uplift.domain.creditline.Decision.accept;
import static com.uplift.domain.creditline.Decision.reject;

/**
 * A senior risk officer clears a warning flag by hand. Only a flag raised by what a note said can be cleared: its
 * evidence is a person's words, which a person can disprove. The other flags measure the ledger, the bureau or the
 * score; they clear themselves when the measure ends, and clearing one by hand would be contradicted by the very next
 * re-assessment. Four eyes: whoever raised the flag (the actor of the command whose batch raised it) cannot clear it.
 * <p>
 * The clearance discounts the flag's signal in every note recorded so far (evolve), so the flag is not raised again on
 * the same notes; drawdowns are unfrozen only when no other SEVERE flag is active, and the event says which still are.
 */
final class WarningClearances {

    private WarningClearances() {
    }

    static Decision decide(ClearWarning c, CreditLineState state, DecisionBasis basis) {
        if (blank(c.flag()) || c.reason() == null || blank(c.clearedBy())) {
            return reject("INVALID_COMMAND", "flag, reason and clearedBy are required");
        }
        if (blank(c.comment())) {
            return reject("COMMENT_REQUIRED", "a clearance must say what was found");
        }
        ActiveWarning active = state.warnings().get(c.flag());
        if (active == null) {
            return reject("WARNING_NOT_ACTIVE", "flag " + c.flag() + " is not active on this line");
        }
        Optional<WarningRule> rule = basis.policy().warnings().stream().filter(r -> r.flag().equals(c.flag())).findFirst();
        if (rule.isEmpty() || rule.get().trigger() != WarningTrigger.NOTE_SIGNAL) {
            return reject("WARNING_NOT_CLEARABLE", "flag " + c.flag() + " is measured from the line's data, not raised"
                    + " by a note: it clears itself when its condition ends");
        }
        if (blank(c.raisedBy())) {
            return reject("INVALID_COMMAND", "who raised flag " + c.flag() + " is not known");
        }
        if (c.raisedBy().equals(c.clearedBy())) {
            return reject("SELF_CLEARANCE", c.clearedBy() + " raised flag " + c.flag()
                    + " and cannot clear it: a flag is cleared by someone other than whoever raised it (four eyes)");
        }
        List<String> stillFrozenBy = state.warnings().values().stream()
                .filter(w -> w.severity() == Severity.SEVERE && !w.flag().equals(c.flag()))
                .map(ActiveWarning::flag).toList();
        String signal = rule.get().signal();
        return accept(new WarningClearedByOfficer(c.flag(), active.severity(), signal, c.reason(), c.comment(),
                c.clearedBy(), c.raisedBy(), stillFrozenBy, explanation(c, active, signal, stillFrozenBy),
                basis.policyNumber(), basis.policyHash(), basis.rulesVersion(), c.occurredAt()));
    }

    private static String explanation(ClearWarning c, ActiveWarning active, String signal, List<String> stillFrozenBy) {
        String freeze = active.severity() != Severity.SEVERE ? "it froze nothing"
                : stillFrozenBy.isEmpty() ? "drawdowns unfrozen: no other SEVERE flag is active"
                : "drawdowns stay frozen by " + String.join(", ", stillFrozenBy);
        return c.flag() + " (raised by " + c.raisedBy() + ") cleared by " + c.clearedBy() + " for " + c.reason()
                + "; " + signal + " in the notes recorded so far no longer counts, a later note with it raises the flag"
                + " again; " + freeze;
    }
}
