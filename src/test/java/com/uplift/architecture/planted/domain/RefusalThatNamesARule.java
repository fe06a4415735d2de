package com.uplift.architecture.planted.domain;

import com.uplift.architecture.planted.domain.risk.Rule;

/** Makes a domain cycle through the domain package itself: a shared value uses a rule that uses it. */
public class RefusalThatNamesARule {
    Rule rule;
}
