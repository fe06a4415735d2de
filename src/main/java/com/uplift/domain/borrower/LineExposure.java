package com.uplift.domain.borrower;

import java.math.BigDecimal;

/**
 * What one line can cost the borrower's headroom: its limit, or the limit a referral waiting for review would give it,
 * whichever is higher. A pending referral counts at its proposed limit because an approval would apply it without
 * another look at the borrower's other lines under rules v1-v3, and under v4 because two referrals on two lines must
 * not both be offered the same headroom.
 *
 * @param pendingLimit null when nothing is pending (or the referral could not be sized: the reviewer names the limit,
 *                     and the review re-checks the borrower's exposure then)
 */
public record LineExposure(BigDecimal limit, BigDecimal pendingLimit) {

    public BigDecimal amount() {
        return pendingLimit == null || pendingLimit.compareTo(limit) <= 0 ? limit : pendingLimit;
    }

    /** The same limit and pending limit, whatever their scale. */
    public boolean sameAs(LineExposure other) {
        return other != null && limit.compareTo(other.limit) == 0
                && (pendingLimit == null ? other.pendingLimit == null
                : other.pendingLimit != null && pendingLimit.compareTo(other.pendingLimit) == 0);
    }
}
