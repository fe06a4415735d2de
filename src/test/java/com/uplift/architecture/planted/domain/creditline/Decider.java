package com.uplift.architecture.planted.domain.creditline;

import com.uplift.architecture.planted.domain.Refusal;
import com.uplift.architecture.planted.domain.history.Facts;
import com.uplift.architecture.planted.domain.risk.Rule;

/** Clean: the decider uses the rules and the values they read. */
public class Decider {
    Rule rule;
    Facts facts;
    Refusal refusal;
}
