package com.uplift.domain.tiering;

import java.util.List;

/** The tier a line's rules give it, and why: the rule that held and each of its conditions with the measured value. */
public record TierMatch(String tier, List<String> reasons) {

    public TierMatch {
        reasons = List.copyOf(reasons);
    }
}
