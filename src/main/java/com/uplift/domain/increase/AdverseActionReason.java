package com.uplift.domain.increase;

import java.util.Arrays;
import java.util.Optional;

/**
 * The principal reasons a declined or referred increase quotes to the customer (rules v3): a closed set, so that every
 * code has a customer-facing text in each language and notices can be counted by reason. docs/policy.md gives each
 * code's meaning. Codes are stored in {@code IncreaseDecided.reasons}: a code is never renamed or removed, only added.
 * <p>
 * The order of the constants is no ranking: {@link PrincipalReasons} ranks by impact.
 */
public enum AdverseActionReason {
    // knock-outs: any one of these declines however well the line scores
    /** The latest bureau report carries a negative record (court judgment, default, write-off elsewhere). */
    NEGATIVE_BUREAU_RECORD(true),
    /** 30 or more days past due on this lender's own book in the last 12 months. */
    OWN_BOOK_BAD_RECORD(true),
    /** The line is past due or has arrears today. */
    PAST_DUE(true),
    /** A severe early-warning flag is active (for example a fraud suspicion). */
    SEVERE_WARNING(true),
    /** A warning-level early-warning flag is active (for example 30+ days past due). */
    ACTIVE_WARNING(true),

    // scorecard characteristics, quoted when the score is below the minimum, ranked by points lost against the best bin
    /** Too few instalments paid on time. */
    REPAYMENT_ON_TIME(false),
    /** The worst lateness on record is too long. */
    WORST_DAYS_PAST_DUE(false),
    /** Too much of the current limit is in use. */
    UTILIZATION(false),
    /** Monthly income varies too much. */
    INCOME_STABILITY(false),
    /** Monthly income is falling. */
    INCOME_TREND(false),
    /** Assets were sold or lost recently. */
    ASSET_CHANGES(false),
    /** The line is too young: too few months on book (a scorecard characteristic and a policy minimum). */
    MONTHS_ON_BOOK(false),
    /** The bureau score is low. */
    BUREAU_SCORE(false),

    // other refusals and referrals, in rule order
    /** The last increase was too recent. */
    COOLING_OFF(false),
    /** Income or the product maximum leaves no room above the current limit. */
    NO_HEADROOM(false),
    /** No reliable (verified, fresh, consistent) income. */
    INSUFFICIENT_DATA_INCOME(false),
    /** No usable bureau report (missing or stale). */
    INSUFFICIENT_DATA_BUREAU_REPORT(false),
    /** Not enough repayment history to judge the record. */
    INSUFFICIENT_DATA_REPAYMENT_HISTORY(false),
    /** A watch-level early-warning flag (for example a dispute) needs a person to look. */
    WATCH_FLAG(false),
    /** The limit proposed needs a person's approval by its amount. */
    ABOVE_AUTO_APPROVAL_CEILING(false),
    /** The limit was decreased recently (or a decrease awaits review): increases are paused (rules v5). */
    LIMIT_DECREASE(false);

    private final boolean knockOut;

    AdverseActionReason(boolean knockOut) {
        this.knockOut = knockOut;
    }

    /** A knock-out declines by itself, so it is quoted before any scorecard reason. */
    public boolean knockOut() {
        return knockOut;
    }

    public static Optional<AdverseActionReason> of(String code) {
        return Arrays.stream(values()).filter(r -> r.name().equals(code)).findFirst();
    }
}
