package com.uplift.domain.policy;

import com.uplift.domain.DeciderRules;

/**
 * What counts as a bad record on the lender's own book: the pilot's "no bad record" read on our own lines. A line with
 * one is declined an increase whatever it scores (a knock-out), and from decider rules v4 a reviewer cannot approve
 * one either. docs/policy.md gives the why of each number.
 * <p>
 * A policy that does not carry it (every policy published before it existed, policy v1 among them) is decided with
 * {@link #RULES_V3_DEFAULT}, the numbers rules v3 wrote in code: absent means "the defaults", never "off", so leaving
 * it out of the canonical JSON keeps the content hash of every stored policy.
 *
 * @param daysPastDue    a line this many days past due or more, at any time in the lookback, has a bad record
 * @param lookbackMonths how far back, in months before the business date, lateness counts
 * @param anyWriteOff    whether a write-off of the line is a bad record (forever: a written-off debt does not become
 *                       good by waiting); required in a policy that carries the setting, read as true when missing
 */
public record OwnBookKnockout(int daysPastDue, int lookbackMonths, Boolean anyWriteOff) {

    /** Rules v3's numbers: 30+ days past due in the last 12 months, and (from v4, with the fact) any write-off. */
    public static final OwnBookKnockout RULES_V3_DEFAULT = new OwnBookKnockout(
            DeciderRules.OWN_BOOK_BAD_RECORD_DAYS_PAST_DUE, DeciderRules.OWN_BOOK_LOOKBACK_MONTHS, true);

    /** A write-off knocks out unless the policy says explicitly that it does not. */
    public boolean writeOffIsBadRecord() {
        return !Boolean.FALSE.equals(anyWriteOff);
    }
}
