package com.uplift.domain.policy;

/**
 * What happens to a referred decrease nobody reviews in time. The decrease takes away only unused headroom, on the
 * policy's own evidence that the line deteriorated; left waiting, that headroom stays open to a borrower who is
 * already past due, which is the loss the decrease exists to prevent. So when {@code afterDays} pass after the
 * referral with a review level still due, the decrease is applied as proposed (what an earlier level approved, if
 * one did), floored at the drawn balance then, and recorded as applied without the review it waited for
 * ({@code LimitDecreaseReferralExpired}), so quality assurance can sample exactly those. docs/policy.md explains why
 * this, not escalation or lapsing.
 *
 * @param afterDays days after the referral (recording time) at which it is applied unreviewed; 1..90
 */
public record DecreaseReferralExpiry(int afterDays) {

    /** The most days a referral may wait: a quarter, beyond which the triggering facts are stale anyway. */
    public static final int MAX_DAYS = 90;
}
