package com.uplift.domain.increase;

import java.time.Instant;

/**
 * What a line's decreases say about a new increase (rules v5, under a policy with decreases): until when the last
 * applied decrease freezes increases (null: none applied), and whether a decrease waits for review.
 */
public record DecreaseFreeze(Instant frozenUntil, boolean decreasePending) {
}
