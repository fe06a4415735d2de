package com.uplift.architecture.planted.domain.risk;

import com.uplift.architecture.planted.domain.Refusal;
import com.uplift.architecture.planted.domain.history.Facts;

/** Clean: a rule reads facts and may refuse. */
public class Rule {
    Facts facts;
    Refusal refusal;
}
